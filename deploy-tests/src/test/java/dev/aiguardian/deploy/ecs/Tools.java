package dev.aiguardian.deploy.ecs;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A tool a test needs is missing: fails the test in CI ({@code CI=true}), skips it with the message elsewhere. */
final class Tools {
    private Tools() {
    }

    static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI requires it)");
        }
        Assumptions.abort(message + " — skipping on this machine");
    }
}
