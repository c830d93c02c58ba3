package dev.aiguardian.gateway.http;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.Handler;
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
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    static String clientRequestId(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
