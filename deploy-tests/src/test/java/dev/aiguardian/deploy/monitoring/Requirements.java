package dev.aiguardian.deploy.monitoring;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A tool or server a test needs is missing: the test fails in CI ({@code CI=true}) and is skipped with a message
 * elsewhere — the rule of standalone's {@code LocalServers.missing}, for this module.
 */
final class Requirements {
    private Requirements() {
    }

    static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI requires it)");
        }
        Assumptions.abort(message + " — skipping on this machine");
    }
}
