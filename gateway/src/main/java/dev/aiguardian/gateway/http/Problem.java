package dev.aiguardian.gateway.http;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.config.Redaction;
import dev.aiguardian.schemas.ErrorInfo;
import dev.aiguardian.schemas.Json;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): the one way the gateway
 * answers a request it cannot serve, so every error has the same shape, no Java class name in its
 * detail, and every 5xx one log line with the request id.
 */
final class Problem {
    static final String TYPE_PREFIX = "https://aiguardian.dev/problems/";
    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problem.class);
    private static final int MAX_INSTANCE_LENGTH = 256;
    private static final long LINGER_MS = 2000;
    private static final long LINGER_BYTES = 4L * 1024 * 1024;

    private Problem() {
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        send(ctx, status, slug, title, detail, Map.of());
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail,
                     Map<String, ?> extensions) {
        send(ctx, status, slug, title, detail, extensions, null);
    }

    /** {@code cause} goes to the log (for a 5xx), never to the caller. */
    static void send(RoutingContext ctx, int status, String slug, String title, String detail,
                     Map<String, ?> extensions, Throwable cause) {
        String id = RequestIds.clientRequestId(ctx);
        send(ctx.request(), id != null ? id : RequestIds.of(ctx.request()), status, slug, title, detail, extensions,
                cause);
    }

    /**
     * Answers {@code request} outside the router too (requests the HTTP decoder could not read). A
     * request whose body was not read to its end gets its connection closed after the answer: what is
     * left of the body would otherwise be read as the next request.
     */
    static void send(HttpServerRequest request, String requestId, int status, String slug, String title,
                     String detail, Map<String, ?> extensions, Throwable cause) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        String safeDetail = ErrorInfo.withoutClassNames(detail);
        String body = body(status, slug, title, safeDetail, request.path(), extensions);
        if (status >= 500) {
            log(request, requestId, status, slug, safeDetail, extensions, cause);
        }
        if (requestId != null && !response.headers().contains(RequestIds.HEADER)) {
            response.putHeader(RequestIds.HEADER, requestId);
        }
        boolean closeAfter = unreadBody(request) || "close".equalsIgnoreCase(response.headers().get("Connection"));
        if (closeAfter) {
            response.putHeader("Connection", "close");
        }
        Responses.end(response.setStatusCode(status), CONTENT_TYPE, body)
                .onComplete(done -> {
                    if (closeAfter) {
                        lingerThenClose(request);
                    }
                });
    }

    /**
     * Reads and drops what is left of the body (a bounded amount, for a short while) before closing:
     * closing with unread bytes makes the OS send a reset, which can destroy the answer before the
     * caller has read it.
     */
    private static void lingerThenClose(HttpServerRequest request) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (request.isEnded() || context == null) {
            request.connection().close();
            return;
        }
        long[] drained = {0};
        long timer = context.owner().setTimer(LINGER_MS, t -> request.connection().close());
        Runnable close = () -> {
            context.owner().cancelTimer(timer);
            request.connection().close();
        };
        try {
            request.handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > LINGER_BYTES) {
                    close.run();
                }
            });
            request.endHandler(v -> close.run());
            request.exceptionHandler(e -> close.run());
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            close.run();
        }
    }

    /** The problem document; {@code instance} is the request's path, shortened, when known. */
    static String body(int status, String slug, String title, String detail, String instance,
                       Map<String, ?> extensions) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", TYPE_PREFIX + slug);
        body.put("title", title);
        body.put("status", status);
        // A detail may quote what a caller or a library said: never a secret among it.
        body.put("detail", Redaction.redact(ErrorInfo.withoutClassNames(detail)));
        if (instance != null) {
            body.put("instance", instance.length() > MAX_INSTANCE_LENGTH ? instance.substring(0, MAX_INSTANCE_LENGTH)
                    : instance);
        }
        extensions.forEach((k, v) -> body.set(k, Json.tree(v)));
        return Json.toString(body);
    }

    /** Whether the request announced a body that has not been read to its end. */
    static boolean unreadBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }

    private static void log(HttpServerRequest request, String requestId, int status, String slug, String detail,
                            Map<String, ?> extensions, Throwable cause) {
        Object guardRequest = extensions.get("request_id");
        String line = status + " " + slug + " for " + request.method() + " " + request.path() + " (X-Request-ID "
                + requestId + (guardRequest == null ? "" : ", request_id " + guardRequest) + "): " + detail;
        if (status == 500) {
            // Unexpected: the stack trace is what finds the bug.
            LOG.error(line, cause);
        } else {
            // Expected conditions (overload, Kafka away, deadlines): the cause's one line is enough.
            LOG.warn(cause == null ? line : line + " [" + cause + "]");
        }
    }
}
