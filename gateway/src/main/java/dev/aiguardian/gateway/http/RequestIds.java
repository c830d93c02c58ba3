package dev.aiguardian.gateway.http;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Request-ID}: the caller's id is echoed on the response and carried with the request
 * through Kafka; a caller that sent none gets one. Not the guard request id, which the gateway always
 * makes itself so that two callers can never share a correlation id.
 */
final class RequestIds implements Handler<RoutingContext> {
    /** One line per API call; on with {@code ACCESS_LOG_LEVEL=INFO} (the container image's default). */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.aiguardian.access");
    static final String HEADER = "X-Request-ID";
    /** MDC keys (ECS-style field names in LOG_FORMAT=json): the caller's X-Request-ID and the guard request id. */
    static final String MDC_HTTP_REQUEST_ID = "http.request.id";
    static final String MDC_REQUEST_ID = "request.id";
    private static final String KEY = "aiguardian.client-request-id";
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:@/+=-]{1,200}$");

    @Override
    public void handle(RoutingContext ctx) {
        String id = of(ctx.request());
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        if (ACCESS.isInfoEnabled() && ctx.request().path().startsWith("/api/")) {
            long start = System.nanoTime();
            ctx.addEndHandler(ar -> access(ctx, id, start));
        }
        // Lines logged while the handlers run on this thread carry the id; later callbacks name the request themselves.
        MDC.put(MDC_HTTP_REQUEST_ID, id);
        try {
            ctx.next();
        } finally {
            MDC.remove(MDC_HTTP_REQUEST_ID);
            MDC.remove(MDC_REQUEST_ID);
        }
    }

    private static void access(RoutingContext ctx, String id, long start) {
        String guardRequestId = ctx.response().headers().get("X-Guard-Request-ID");
        String tenant = AuthGate.tenant(ctx);
        MDC.put(MDC_HTTP_REQUEST_ID, id);
        if (tenant != null) {
            MDC.put(AuthGate.MDC_TENANT, tenant);
        }
        if (guardRequestId != null) {
            MDC.put(MDC_REQUEST_ID, guardRequestId);
        }
        try {
            ACCESS.info("{} {} {} {} ms", ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6));
        } finally {
            MDC.remove(MDC_HTTP_REQUEST_ID);
            MDC.remove(MDC_REQUEST_ID);
            MDC.remove(AuthGate.MDC_TENANT);
        }
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
