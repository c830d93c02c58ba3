package dev.aiguardian.gateway.http;

import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code READ_ONLY=true}: the gateway serves reads and guard calls (process and pipeline, sync, async and
 * with callbacks: judging a text is what it is for, and a job only records that judgement) and refuses
 * every other request that could change what it stores, with 403 {@code read-only}: today other methods
 * on any route, and any state-changing route added later (administration, key management) unless it is
 * listed here as a guard call. Runs after authentication, so a stranger learns nothing from it.
 */
final class ReadOnly implements Handler<RoutingContext> {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (SAFE.contains(method)
                || (method == HttpMethod.POST && FailureProblems.POST_PATHS.contains(ctx.request().path()))) {
            ctx.next();
            return;
        }
        Problem.send(ctx, 403, "read-only", "Read-only instance", "This gateway runs with READ_ONLY=true: it serves "
                + "guard calls and reads only; " + method + " " + ctx.request().path() + " would change stored state.");
    }
}
