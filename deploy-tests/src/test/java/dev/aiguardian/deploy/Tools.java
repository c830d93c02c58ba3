package dev.aiguardian.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What every deployment test needs: the repository's root, and the rule for a missing tool (shellcheck, kubectl,
 * promtool): fail the test in CI ({@code CI=true}), skip it with the message elsewhere — the rule of standalone's
 * {@code LocalServers.missing}, once for this module.
 */
public final class Tools {
    /** The repository's root: Surefire runs in the module's folder, an IDE perhaps in the repository's. */
    public static final Path ROOT = repositoryRoot();

    private Tools() {
    }

    private static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isRegularFile(p.resolve("Dockerfile"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (deploy/, pom.xml, Dockerfile) above " + start);
    }

    public static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI requires it)");
        }
        Assumptions.abort(message + " — skipping on this machine");
    }
}
