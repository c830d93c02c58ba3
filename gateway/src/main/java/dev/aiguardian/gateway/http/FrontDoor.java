package dev.aiguardian.gateway.http;

import java.util.List;
import java.util.Map;

import dev.aiguardian.schemas.ErrorInfo;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * What happens before routing: requests the HTTP decoder could not read (request line or headers too
 * long, bad syntax), HTTP versions other than 1.0 and 1.1, and transfer codings other than chunked.
 * Vert.x answers the first two itself with a bare status (400/414/431, and a 501 for a version); here
 * each becomes a problem. All of them close the connection: after such a request nobody can tell
 * where the next one starts.
 */
final class FrontDoor implements Handler<HttpServerRequest> {
    private final Handler<HttpServerRequest> router;

    FrontDoor(Handler<HttpServerRequest> router) {
        this.router = router;
    }

    /** Installs the front door and the invalid-request answers on {@code server}. */
    static void install(HttpServer server, HttpServerOptions options, Handler<HttpServerRequest> router) {
        FrontDoor door = new FrontDoor(router);
        server.requestHandler(door);
        server.invalidRequestHandler(request -> invalid(request, options));
        server.connectionHandler(connection -> door.takeOver(connection));
    }

    /**
     * Vert.x 5 answers a request of an unknown HTTP version (HTTP/2.0 over plain HTTP/1 framing,
     * HTTP/9.9) with a bare 501 before any public handler sees it. Its per-connection request handler is
     * set just before the connection handler runs, so the front door replaces it here; when a later
     * Vert.x changes that, the fuzz test (GatewayFuzzTest) says so.
     */
    private void takeOver(HttpConnection connection) {
        if (connection instanceof io.vertx.core.http.impl.HttpServerConnection internal) {
            internal.handler(this);
        }
        if (connection instanceof io.vertx.core.http.impl.Http1xServerConnection http1) {
            http1.channelHandlerContext().pipeline().addBefore("handler", BrokenBodyAnswer.NAME, new BrokenBodyAnswer());
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.version() == null) {
            refuse(request, 400, "unsupported-http-version", "HTTP version not supported",
                    "Only HTTP/1.1 and HTTP/1.0 are served.");
            return;
        }
        List<String> codings = request.headers().getAll("Transfer-Encoding");
        if (!codings.isEmpty() && !(codings.size() == 1 && codings.get(0).trim().equalsIgnoreCase("chunked"))) {
            refuse(request, 400, "unsupported-transfer-encoding", "Unsupported Transfer-Encoding",
                    "Transfer-Encoding '" + String.join(", ", codings).replaceAll("[^\\x20-\\x7e]", "?")
                            + "' is not supported; send the body with Content-Length or Transfer-Encoding: chunked.");
            return;
        }
        router.handle(request);
    }

    private static void invalid(HttpServerRequest request, HttpServerOptions options) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuse(request, 414, "uri-too-long", "Request line too long", "The request line is longer than "
                    + options.getMaxInitialLineLength() + " bytes; send large data in the body.");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(request, 431, "headers-too-large", "Request headers too large", "The request's headers are "
                    + "larger than " + options.getMaxHeaderSize() + " bytes.");
        } else {
            refuse(request, 400, "malformed-request", "Malformed HTTP request", "The request is not valid HTTP/1.1"
                    + (cause == null ? "" : ": " + ErrorInfo.describe(cause)) + ".");
        }
    }

    private static void refuse(HttpServerRequest request, int status, String slug, String title, String detail) {
        request.response().putHeader("Connection", "close");
        Problem.send(request, RequestIds.of(request), status, slug, title, detail, Map.of(), null);
    }
}
