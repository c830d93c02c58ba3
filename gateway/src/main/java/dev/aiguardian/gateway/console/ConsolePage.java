package dev.aiguardian.gateway.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The security policy of the console's pages. The gateway's default ({@code default-src 'none'}) suits JSON;
 * the console needs its own scripts, styles and calls to this origin, and nothing else: no inline script
 * or style, no other origin, no framing.
 */
public final class ConsolePage {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ConsolePage() {
    }

    /** Sets the policy, then lets the static files answer. */
    public static Handler<RoutingContext> policy() {
        return ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP);
            ctx.next();
        };
    }
}
