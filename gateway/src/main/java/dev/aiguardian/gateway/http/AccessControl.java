package dev.aiguardian.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.aiguardian.config.RotatingSecrets;
import dev.aiguardian.gateway.GatewayConfig;
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

    /** Checks the key against every accepted value of {@code UNIFIED_API_KEY} (rotation), read on each request. */
    static Handler<RoutingContext> apiKey(RotatingSecrets secrets) {
        return ctx -> {
            List<String> accepted = secrets.accepted(GatewayConfig.API_KEY);
            if (accepted.isEmpty()) {
                ctx.next();
                return;
            }
            String given = ctx.request().getHeader("X-API-Key");
            String auth = ctx.request().getHeader("Authorization");
            if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = auth.substring(7).trim();
            }
            byte[] offered = given == null ? null : given.getBytes(StandardCharsets.UTF_8);
            boolean match = false;
            for (String key : accepted) {
                // Constant-time comparison, against every accepted key: the time taken must not reveal how much matched.
                match |= offered != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), offered);
            }
            if (match) {
                ctx.next();
            } else {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                Problem.send(ctx, 401, "unauthenticated", "Unauthenticated",
                        "Send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
            }
        };
    }
}
