package dev.aiguardian.gateway.http;

import java.util.Map;
import java.util.Set;

import dev.aiguardian.schemas.ErrorInfo;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Every failure the router reaches (a handler's {@code ctx.fail}, an exception, no route, a body over
 * the limit, a path it cannot decode) as a problem: without it Vert.x answers with a bare status or
 * an HTML page.
 */
final class FailureProblems {
    /** The routes that take POST; every other route is GET (and HEAD). */
    static final Set<String> POST_PATHS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("/api/v1/guards/process", "/api/v1/guards/pipeline", BatchHandler.PATH),
            Aliases.PATHS.keySet().stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final int maxBodyBytes;

    FailureProblems(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Registers the answers for every status code the router may fail with. Vert.x looks the handler up
     * by the status it computed but does not always store that status (nor the exception) on the
     * context, so each handler knows its own.
     */
    void register(Router router) {
        for (int code = 100; code <= 999; code++) {
            int status = code;
            router.errorHandler(code, ctx -> handle(ctx, status));
        }
    }

    void handle(RoutingContext ctx, int given) {
        Throwable failure = ctx.failure();
        int status = failure instanceof HttpException h ? h.getStatusCode() : given;
        if (status < 400) {
            // A failure reported with a success status: the request stream broke (Vert.x-web's body handler).
            status = failure != null ? 400 : 500;
        } else if (status > 599) {
            status = 500;
        }
        String method = String.valueOf(ctx.request().method());
        String path = ctx.request().path();
        switch (status) {
            case 400 -> Problem.send(ctx, 400, "bad-request", "Bad request", "The request could not be read"
                    + reason(failure) + ".");
            case 404 -> Problem.send(ctx, 404, "not-found", "Not found", "No route for " + method + " " + path + ".");
            case 405 -> {
                ctx.response().putHeader("Allow", POST_PATHS.contains(path) ? "POST" : "GET, HEAD");
                Problem.send(ctx, 405, "method-not-allowed", "Method not allowed",
                        method + " is not allowed on " + path + ".");
            }
            case 413 -> Problem.send(ctx, 413, "body-too-large", "Body too large",
                    "The body is larger than " + maxBodyBytes + " bytes (MAX_BODY_BYTES).",
                    Map.of("max_body_bytes", maxBodyBytes));
            case 417 -> Problem.send(ctx, 417, "expectation-failed", "Expectation failed",
                    "Only 'Expect: 100-continue' is supported; send that or no Expect header.");
            case 500 -> Problem.send(ctx, 500, "internal-error", "Internal error",
                    "The gateway failed unexpectedly; the X-Request-ID helps find it in the logs.", Map.of(), failure);
            default -> Problem.send(ctx, status, "http-" + status, HttpResponseStatus.valueOf(status).reasonPhrase(),
                    "The request failed with status " + status + reason(failure) + ".", Map.of(), failure);
        }
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "";
        }
        String why = failure instanceof HttpException h && h.getPayload() != null ? h.getPayload()
                : ErrorInfo.describe(failure);
        return why == null || why.isBlank() || why.equals("an internal error") ? "" : ": " + why;
    }
}
