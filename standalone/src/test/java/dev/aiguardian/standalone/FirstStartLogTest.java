package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user reads on the console of a first start, with the production log configuration: no
 * stack traces and no ERROR lines, so that the first real error stands out. Kafka used to print ~20
 * "unknown topic" errors with traces (changelogs the Streams assignor asks about before they exist) and
 * a Streams warning per app.
 */
class FirstStartLogTest {
    // Said by the embedded controller only when the machine is too busy to answer its own broker's heartbeat
    // in time (seen with the tests' parallel builds on 2 cores); a real condition worth showing, not start-up noise.
    private static final String OVERLOADED_CONTROLLER = "controller event queue overloaded";

    @TempDir
    Path dir;

    @Test
    void aFirstStartPrintsNoErrorsAndNoStackTraces() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dlog4j2.configurationFile=log4j2.xml",
                "-cp", System.getProperty("java.class.path"), StandaloneMain.class.getName(), "all");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("DATABASE_") || k.startsWith("REDIS_")
                || k.startsWith("LOG_") || List.of("PORT", "GUARDS", "UNIFIED_API_KEY").contains(k));
        // A state directory outside the OS temp folder: Streams warns about one under /tmp, rightly.
        Path home = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "first-start-" + ProcessHandle.current().pid()));
        e.putAll(Map.of("DATA_DIR", home.resolve("data").toString(), "STREAMS_STATE_DIR", home.resolve("state").toString(),
                "PORT", "0", "KAFKA_PORT", Integer.toString(LocalServers.freePort()), "LOG_FORMAT", "text"));
        Process p = pb.start();
        try {
            Await.until(Duration.ofSeconds(120), () -> read("out").contains("ready in") || !p.isAlive(),
                    () -> "ready; stderr so far:\n" + read("err"));
            assertThat(p.isAlive()).as("still running; stderr:%n%s", read("err")).isTrue();
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String err = read("err");
        // The start did log, so an empty check below means something.
        assertThat(err).contains("Semantic layer", "Gateway listening");
        assertThat(err.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception:")))
                .as("stack traces on a first start; stderr:%n%s", err).isEmpty();
        assertThat(err.lines().filter(l -> l.contains(" ERROR ") && !l.contains(OVERLOADED_CONTROLLER)))
                .as("ERROR lines on a first start").isEmpty();
        assertThat(err.lines().filter(l -> l.contains("processing.exception.handler.global.enabled")))
                .as("Streams' warning about its global exception handler").isEmpty();
    }

    private String read(String name) {
        try {
            Path p = dir.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
