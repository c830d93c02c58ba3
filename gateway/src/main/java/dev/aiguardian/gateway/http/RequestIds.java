package dev.aiguardian.gateway.http;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Request-ID}: the caller's id is echoed on the response and carried with the request
 * through Kafka; a caller that sent none gets one. Not the guard request id, which the gateway always
 * makes itself so that two callers can never share a correlation id.
 */
final class RequestIds implements Handler<RoutingContext> {
    static final String HEADER = "X-Request-ID";
    private static final String KEY = "aiguardian.client-request-id";
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:@/+=-]{1,200}$");

    @Override
    public void handle(RoutingContext ctx) {
        String id = of(ctx.request());
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** The caller's id when it is a safe one, else a new one. */
    static String of(HttpServerRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && isSafe(given) ? given : newId();
    }

    static boolean isSafe(String id) {
        return SAFE.matcher(id).matches();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String clientRequestId(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
