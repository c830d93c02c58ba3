package dev.aiguardian.deploy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A tool a test needs is missing (shellcheck, kubectl, promtool): fails the test in CI ({@code CI=true}), skips it
 * with the message elsewhere — the rule of standalone's {@code LocalServers.missing}, once for this module.
 */
public final class Tools {
    private Tools() {
    }

    public static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI requires it)");
        }
        Assumptions.abort(message + " — skipping on this machine");
    }
}
