package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up failures as an operator meets them: each role started as its own process with one thing
 * wrong must stop with exit status 2 and one line naming the variable, the port or the server and the
 * fix, never echo a secret, and SIGTERM during start-up must stop the process.
 */
class StartupFailuresTest {
    private static final String SECRET = "Sup3rSecretPw";

    @TempDir
    Path dir;

    /** What a finished process printed. */
    record Run(int exit, List<String> stderr, String stdout, double seconds) {
        List<String> ourLines() {
            return stderr.stream().filter(l -> l.startsWith("aiguardian")).toList();
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            Run r = run("all", Map.of("PORT", Integer.toString(busy.getLocalPort())));
            assertOneLine(r, "PORT=" + busy.getLocalPort(), "in use");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() throws Exception {
        Run r = run("gateway", Map.of("DATABASE_ENABLED", "true",
                "DATABASE_URL", "postgresql://app:" + SECRET + "@127.0.0.1:" + LocalServers.freePort() + "/jobs"));
        assertOneLine(r, "DATABASE_URL=", "start PostgreSQL");
    }

    @Test
    void anUnreachableRedisIsNamedWithoutItsPassword() throws Exception {
        Run r = run("gateway", Map.of("REDIS_URL", "redis://:" + SECRET + "@127.0.0.1:" + LocalServers.freePort() + "/0"));
        assertOneLine(r, "REDIS_URL=", "start Redis");
    }

    @Test
    void garbageOriginsAreRefused() throws Exception {
        Run r = run("gateway", Map.of("ALLOWED_ORIGINS", "not an origin"));
        assertOneLine(r, "ALLOWED_ORIGINS='not an origin'", "scheme://host");
    }

    @Test
    void eachKafkaRoleWithoutKafkaSaysSoInSeconds() throws Exception {
        for (String role : List.of("gateway", "workers", "topology")) {
            Run r = run(role, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + LocalServers.freePort(),
                    "KAFKA_STARTUP_TIMEOUT_MS", "2000", "WORKER_METRICS_PORT", "0"));
            assertOneLine(r, "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:", "no Kafka broker answered within 2 s");
            System.out.printf("%s without Kafka: exit %d after %.1f s%n", role, r.exit(), r.seconds());
        }
    }

    @Test
    void aMisspeltKafkaClientSettingIsRefusedBeforeAnythingStarts() throws Exception {
        Run r = run("workers", Map.of("KAFKA_CLIENT_SECURITY_PROTOCAL", "SSL"));
        assertOneLine(r, "KAFKA_CLIENT_SECURITY_PROTOCAL", "not a Kafka producer, consumer or admin client setting");
        // The single process reads the Kafka settings for each of its roles: still said once.
        Run all = run("all", Map.of("KAFKA_CLIENT_SECURITY_PROTOCAL", "SSL"));
        assertOneLine(all, "KAFKA_CLIENT_SECURITY_PROTOCAL", "not a Kafka producer, consumer or admin client setting");
    }

    @Test
    void anUnknownRoleIsAUsageError() throws Exception {
        Run r = run("bogus", Map.of());
        assertOneLine(r, "usage:", "all|broker|gateway|workers|topology");
    }

    @Test
    void sigtermDuringStartUpStopsTheProcess() throws Exception {
        Process p = start("all", Map.of());
        // Wait until it is busy starting (the broker announces itself) before asking it to stop.
        Path err = dir.resolve("all.err");
        Await.until(java.time.Duration.ofSeconds(60), () -> read(err).contains("WARN") || !p.isAlive(),
                "the process began starting");
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("SIGTERM during start-up: exited after %.2f s with %s%n", seconds,
                ended ? p.exitValue() : "(still running)");
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the process ended after SIGTERM during start-up").isTrue();
        assertThat(read(dir.resolve("all.out"))).doesNotContain("ready in");
    }

    private void assertOneLine(Run r, String names, String fix) {
        assertThat(r.exit()).as("exit status; stderr:%n%s", String.join("\n", r.stderr())).isEqualTo(2);
        assertThat(r.ourLines()).as("our lines on stderr").hasSize(1);
        assertThat(r.ourLines().get(0)).contains(names).contains(fix);
        assertThat(String.join("\n", r.stderr())).doesNotContain(SECRET).doesNotContain("\tat ")
                .doesNotContain("Exception:");
        assertThat(r.stdout()).doesNotContain(SECRET);
    }

    private Run run(String role, Map<String, String> env) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(role, env);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(role + " did not stop by itself within 90 s");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(p.exitValue(), read(dir.resolve(role + ".err")).lines().toList(),
                read(dir.resolve(role + ".out")), seconds);
    }

    private Process start(String role, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StandaloneMain.class.getName(), role));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve(role + ".out").toFile())
                .redirectError(dir.resolve(role + ".err").toFile());
        Map<String, String> e = pb.environment();
        // Nothing from the developer's shell may change what the role does.
        e.keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("DATABASE_") || k.startsWith("REDIS_")
                || List.of("PORT", "ALLOWED_ORIGINS", "GUARDS", "UNIFIED_API_KEY").contains(k));
        Map<String, String> defaults = new HashMap<>(Map.of("DATA_DIR", dir.resolve("data-" + role).toString(),
                "STREAMS_STATE_DIR", dir.resolve("state-" + role).toString(), "PORT", "0", "KAFKA_PORT",
                Integer.toString(LocalServers.freePort())));
        e.putAll(defaults);
        e.putAll(env);
        return pb.start();
    }


    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
