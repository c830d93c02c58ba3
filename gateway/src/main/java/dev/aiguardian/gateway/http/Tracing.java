package dev.aiguardian.gateway.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/** W3C Trace Context: keep the caller's {@code traceparent}, or start a trace when it sent none. */
final class Tracing {
    private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    private Tracing() {
    }

    static String traceparent(RoutingContext ctx) {
        String given = ctx.request().getHeader("traceparent");
        if (given != null && TRACEPARENT.matcher(given).matches()) {
            return given;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", r.nextLong(), r.nextLong(), r.nextLong());
    }
}
