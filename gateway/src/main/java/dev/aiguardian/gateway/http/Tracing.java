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
        return traceparent(ctx.request().getHeader("traceparent"));
    }

    /** {@code given} when it is a valid version-00 traceparent, else a new sampled trace. */
    static String traceparent(String given) {
        if (given != null && TRACEPARENT.matcher(given).matches()) {
            return given;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // Built by hand: String.format's parser was ~1 % of an event loop's samples at c=64.
        StringBuilder b = new StringBuilder(55).append("00-");
        hex(b, r.nextLong());
        hex(b, r.nextLong());
        hex(b.append('-'), r.nextLong());
        return b.append("-01").toString();
    }

    /** Sixteen lower-case hex digits, zero-padded. */
    private static void hex(StringBuilder b, long v) {
        String digits = Long.toHexString(v);
        b.append("0".repeat(16 - digits.length())).append(digits);
    }
}
