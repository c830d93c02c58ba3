package dev.aiguardian.deploy.monitoring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.aiguardian.deploy.Tools;

/** Prometheus' own checker: {@code PROMTOOL}, else {@code promtool} on the PATH (Debian package {@code prometheus}). */
final class Promtool {
    /** What a run printed and how it ended. */
    record Run(int exit, String output) {
    }

    private Promtool() {
    }

    /** The promtool to run; fails the test in CI and skips it elsewhere when there is none. */
    static Path require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            Tools.missing("promtool is not installed (apt-get install -y --no-install-recommends prometheus,"
                    + " or set PROMTOOL)");
        }
        return found.orElseThrow();
    }

    static Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Optional<Path> find() {
        String explicit = System.getenv("PROMTOOL");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
