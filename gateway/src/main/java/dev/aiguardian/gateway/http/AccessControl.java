package dev.aiguardian.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The seed's two gates: {@code ALLOWED_HOSTS} (Host header) for every route, and {@code UNIFIED_API_KEY}
 * ({@code Authorization: Bearer …} or {@code X-API-Key}) for the API routes.
 */
final class AccessControl {
    private AccessControl() {
    }

    static Handler<RoutingContext> hosts(List<String> allowed) {
        List<String> lower = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return ctx -> {
            if (lower.isEmpty() || lower.contains("*")) {
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

    static Handler<RoutingContext> apiKey(Optional<String> key) {
        if (key.isEmpty()) {
            return RoutingContext::next;
        }
        byte[] expected = key.get().getBytes(StandardCharsets.UTF_8);
        return ctx -> {
            String given = ctx.request().getHeader("X-API-Key");
            String auth = ctx.request().getHeader("Authorization");
            if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = auth.substring(7).trim();
            }
            // Constant-time comparison: the time taken must not reveal how much of the key matched.
            if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                ctx.next();
            } else {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                Problem.send(ctx, 401, "unauthenticated", "Unauthenticated",
                        "Send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
            }
        };
    }
}
