package dev.aiguardian.gateway.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The seed's {@code ALLOWED_HOSTS} gate (Host header) for every route; credentials and limits of the API
 * routes are {@link AuthGate}'s.
 */
final class AccessControl {
    /**
     * Orchestrators probe and scrape by pod or task address, which no ALLOWED_HOSTS lists; these routes change
     * nothing and carry no caller's data, so they answer whatever the Host.
     */
    private static final java.util.Set<String> ANY_HOST = java.util.Set.of("/health/live", "/health/ready", "/metrics");

    private AccessControl() {
    }

    static Handler<RoutingContext> hosts(List<String> allowed) {
        List<String> lower = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return ctx -> {
            if (lower.isEmpty() || lower.contains("*") || ANY_HOST.contains(ctx.normalizedPath())) {
                ctx.next();
                return;
            }
            String host = Optional.ofNullable(ctx.request().authority()).map(a -> a.host().toLowerCase(Locale.ROOT))
                    .orElse("");
            if (lower.contains(host)) {
                ctx.next();
            } else {
                Problem.send(ctx, 400, "host-not-allowed", "Host not allowed",
                        "The Host header names a host that is not in ALLOWED_HOSTS.");
            }
        };
    }
}
