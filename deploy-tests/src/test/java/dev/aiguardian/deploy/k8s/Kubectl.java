package dev.aiguardian.deploy.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;

import dev.aiguardian.deploy.Tools;

/**
 * Renders a Kustomize folder with {@code kubectl kustomize}, offline (no cluster is contacted). {@code KUBECTL} names
 * the binary, else the first {@code kubectl} on {@code PATH}. Missing: fails the test under {@code CI=true}, skips it
 * with a message elsewhere (the rule of {@code LocalServers.missing} in the standalone tests).
 */
final class Kubectl {
    private Kubectl() {
    }

    static Path require() {
        return find().orElseGet(() -> {
            Tools.missing("kubectl is not installed (needed to render deploy/k8s); install Debian's kubernetes-client "
                    + "(`apt-get install -y kubernetes-client`) or point KUBECTL at a kubectl binary");
            throw new IllegalStateException("unreachable");
        });
    }

    static Optional<Path> find() {
        String named = System.getenv("KUBECTL");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The manifests {@code kubectl kustomize dir} prints; a failed rendering fails the test with kubectl's error. */
    static String kustomize(Path kubectl, Path dir) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // A guard against a hung tool, not a timing assertion: rendering takes well under a second.
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    Assertions.fail("kubectl kustomize " + dir + " did not finish within 120 s");
                }
                if (p.exitValue() != 0) {
                    Assertions.fail("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "): "
                            + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
