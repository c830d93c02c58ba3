package dev.aiguardian.standalone;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL and Redis on 127.0.0.1 that some tests need. Missing servers fail the test in
 * CI ({@code CI=true}); on a developer's machine the test is skipped with a message saying how to get them.
 */
final class LocalServers {
    private LocalServers() {
    }

    static String postgresUrl() {
        String url = System.getenv().getOrDefault("AIGUARDIAN_TEST_DATABASE_URL",
                "postgresql://postgres@127.0.0.1:5432/test");
        require("PostgreSQL", 5432);
        return url;
    }

    static String redisUrl() {
        String url = System.getenv().getOrDefault("AIGUARDIAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");
        require("Redis", 6379);
        return url;
    }

    private static void require(String what, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (java.io.IOException e) {
            missing(what + " is not answering on 127.0.0.1:" + port
                    + "; start it with `bash scripts/test-services.sh`");
        }
    }

    /** A port on 127.0.0.1 that nothing listens on right now: for a server to take, or to find closed. */
    static int freePort() {
        return freePorts(1)[0];
    }

    /** {@code n} distinct such ports: all are held open until every one is found, so none comes twice. */
    static int[] freePorts(int n) {
        int[] ports = new int[n];
        java.util.List<java.net.ServerSocket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                java.net.ServerSocket s = new java.net.ServerSocket(0);
                s.setReuseAddress(true);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            for (java.net.ServerSocket s : held) {
                try {
                    s.close();
                } catch (java.io.IOException ignored) {
                    // the port was found; closing a listening socket we own does not fail in practice
                }
            }
        }
        return ports;
    }

    /** A server or tool a test needs is missing: fails the test in CI, skips it with {@code message} elsewhere. */
    static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI requires it)");
        }
        Assumptions.abort(message + " — skipping on this machine");
    }
}
