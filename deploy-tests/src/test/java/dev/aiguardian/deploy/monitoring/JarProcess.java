package dev.aiguardian.deploy.monitoring;

import dev.aiguardian.deploy.Await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One role of the standalone jar as an OS process, its output in a log file; stopped with SIGTERM, then SIGKILL. */
final class JarProcess implements AutoCloseable {
    // Settings that name one process: never inherited from the test's environment (as scripts/split.sh does).
    private static final List<String> PER_PROCESS = List.of("PORT", "KAFKA_PORT", "DATA_DIR", "GUARDS", "WORKER_ID",
            "WORKER_METRICS_PORT", "TOPOLOGY_METRICS_PORT", "GATEWAY_INSTANCE_ID", "STREAMS_INSTANCE_ID",
            "STREAMS_STATE_DIR", "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_STATIC_MEMBER_ID");

    final String name;
    final Path log;
    private final Process process;
    private final long startedNanos = System.nanoTime();

    private JarProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static JarProcess start(Path jar, String role, Path dir, Map<String, String> env, String... command)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), role));
        cmd.addAll(List.of(command));
        Path log = dir.resolve(role + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        PER_PROCESS.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        return new JarProcess(role, log, pb.start());
    }

    /** Waits until the log shows {@code line}; fails with the log's end when the process dies or time runs out. */
    double awaitLine(String line, Duration timeout) throws Exception {
        Await.until(name + " printing '" + line + "'", timeout, () -> {
            if (Files.readString(log).contains(line)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before '" + line + "':\n" + tail());
            }
            return false;
        }, () -> ":\n" + tail());
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    String tail() {
        try {
            return tail(Files.readString(log));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String tail(String out) {
        String[] lines = out.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
