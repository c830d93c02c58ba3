package dev.aiguardian.gateway.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.schemas.ErrorInfo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * What happens before routing: connections over the per-address limit, requests the HTTP decoder could
 * not read (request line or headers too long, bad syntax), too many headers, more than one Host, HTTP
 * versions other than 1.0 and 1.1, and transfer codings other than chunked. Vert.x answers some of these
 * itself with a bare status (400/414/431, and a 501 for a version); here each becomes a problem. All of them close the
 * connection: after such a request nobody can tell where the next one starts. Each connection also
 * gets its deadlines and security headers ({@link EdgeConnection}).
 */
final class FrontDoor implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

    private final Handler<HttpServerRequest> router;
    private final EdgeConfig edge;
    private final ConnectionLimit limit;

    FrontDoor(Handler<HttpServerRequest> router, EdgeConfig edge, ConnectionLimit limit) {
        this.router = router;
        this.edge = edge;
        this.limit = limit;
    }

    /** Installs the front door and the invalid-request answers on {@code server}. */
    static void install(HttpServer server, HttpServerOptions options, EdgeConfig edge, ConnectionLimit limit,
                        Handler<HttpServerRequest> router) {
        FrontDoor door = new FrontDoor(router, edge, limit);
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
            ChannelPipeline pipeline = http1.channelHandlerContext().pipeline();
            pipeline.addBefore("handler", BrokenBodyAnswer.NAME, new BrokenBodyAnswer());
            EdgeConnection.install(pipeline, BrokenBodyAnswer.NAME, edge, connection.isSsl());
            admit(pipeline.channel(), connection.isSsl());
        }
    }

    /** Counts the connection against its address's limit, or refuses it at once (before it costs anything). */
    private void admit(Channel channel, boolean tls) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress remote) || remote.getAddress() == null) {
            return;
        }
        String address = remote.getAddress().getHostAddress();
        if (limit.tryOpen(address)) {
            channel.closeFuture().addListener(f -> limit.closed(address));
            return;
        }
        LOG.debug("Refusing a connection from {}: it has {} open (HTTP_MAX_CONNECTIONS_PER_IP)", address, limit.max());
        EdgeConnection.refuse(channel.pipeline(), 503, "Service Unavailable", "too-many-connections",
                "Too many connections", "This client address has " + limit.max() + " connections open, the most"
                        + " allowed (HTTP_MAX_CONNECTIONS_PER_IP); reuse them (keep-alive) or close some.",
                tls, Map.of("Retry-After", "1"));
    }

    @Override
    public void handle(HttpServerRequest request) {
        List<String> hosts = request.headers().getAll("Host");
        if (hosts.size() > 1 || (hosts.size() == 1 && hosts.get(0).indexOf(',') >= 0)) {
            // RFC 9112 §3.2: a proxy and this server could each read a different one of them.
            refuse(request, 400, "duplicate-host", "More than one Host", "The request names its host "
                    + (hosts.size() > 1 ? hosts.size() + " times" : "as a list") + "; send exactly one Host header.");
            return;
        }
        if (request.headers().size() > edge.maxHeaders()) {
            refuse(request, 431, "too-many-headers", "Too many request headers", "The request has "
                    + request.headers().size() + " header fields; at most " + edge.maxHeaders() + " are read"
                    + " (HTTP_MAX_HEADERS).");
            return;
        }
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
                    + "larger than " + options.getMaxHeaderSize() + " bytes (HTTP_MAX_HEADER_BYTES).");
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
