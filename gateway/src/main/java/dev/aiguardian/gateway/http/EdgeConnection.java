package dev.aiguardian.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One HTTP/1 connection's deadlines and the headers every answer carries, at the Netty level so that
 * they hold for answers no route wrote (the server's own, a broken body's, a timeout's).
 * <ul>
 * <li>Header deadline ({@code HTTP_HEADER_TIMEOUT_MS}): from the connection's start, and from the first
 * byte of each later request, its headers must be complete in time; else it gets 408 and is closed.
 * Bytes trickled slowly do not extend it (slowloris), which an idle timeout alone would.</li>
 * <li>Idle deadline ({@code HTTP_IDLE_TIMEOUT_MS}): a kept-alive connection with nothing asked, or a
 * body that stops arriving, is closed after that long without a byte. Not while the caller waits for
 * its answer: a sync call may rightly take minutes, and its own deadline ends it.</li>
 * <li>Security headers on every answer but 1xx ({@link #secure}).</li>
 * </ul>
 * All of it runs on the connection's event loop, so its state needs no locks.
 */
final class EdgeConnection extends ChannelDuplexHandler {
    static final String NAME = "aiguardian-edge";
    /** Sits before the HTTP decoder: sees raw bytes, so that it knows when a new request starts to arrive. */
    static final String BYTES_NAME = "aiguardian-edge-bytes";
    private static final Logger LOG = LoggerFactory.getLogger(EdgeConnection.class);

    /** Where the connection is: sending a request head, its body, waiting for our answer, or between requests. */
    private enum State { HEAD, BODY, AWAITING, IDLE }

    private final EdgeConfig config;
    private final boolean tls;
    private ChannelHandlerContext bytes;
    private State state = State.HEAD;
    private long requests;
    private long responses;
    private ScheduledFuture<?> timer;

    private EdgeConnection(EdgeConfig config, boolean tls) {
        this.config = config;
        this.tls = tls;
    }

    /**
     * Installs the handlers on a new HTTP/1 connection's pipeline ({@code before}: the handler this one must
     * come before, so that it sees the answers that handler writes too) and starts the header deadline.
     */
    static void install(ChannelPipeline pipeline, String before, EdgeConfig config, boolean tls) {
        EdgeConnection edge = new EdgeConnection(config, tls);
        pipeline.addBefore("httpDecoder", BYTES_NAME, edge.new RequestStart());
        pipeline.addBefore(before, NAME, edge);
    }

    /**
     * Answers a connection before any request was read (503 over the per-address limit, 408 past the header
     * deadline) and closes it. Written as bytes below the HTTP encoder, which knows of no request to answer.
     */
    static void refuse(ChannelPipeline pipeline, int status, String reason, String slug, String title, String detail,
                       boolean tls, Map<String, String> extra) {
        ChannelHandlerContext ctx = pipeline.context(BYTES_NAME);
        if (ctx == null) {
            pipeline.channel().close();
            return;
        }
        byte[] body = Problem.body(status, slug, title, detail, null, Map.of()).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Content-Type: ").append(Problem.CONTENT_TYPE).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n")
                .append(RequestIds.HEADER).append(": ").append(RequestIds.newId()).append("\r\n");
        extra.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        securityHeaders(tls).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        ByteBuf out = Unpooled.wrappedBuffer(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    /** The headers every answer carries; HSTS only where this server itself speaks TLS. */
    static Map<String, String> securityHeaders(boolean tls) {
        return tls ? SECURITY_HEADERS_TLS : SECURITY_HEADERS;
    }

    // Built once: a map per answer was 4 % of the gateway's allocation under load (docs/benchmarks.md).
    private static final Map<String, String> SECURITY_HEADERS = securityHeaderMap(false);
    private static final Map<String, String> SECURITY_HEADERS_TLS = securityHeaderMap(true);

    private static Map<String, String> securityHeaderMap(boolean tls) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        // An API answers JSON only: nothing in it may load, run or be framed, should a browser render it.
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        if (tls) {
            h.put("Strict-Transport-Security", "max-age=31536000");
        }
        return java.util.Collections.unmodifiableMap(h);
    }

    /** Adds the security headers to an answer; a Cache-Control a route chose itself is kept. */
    static void secure(HttpHeaders headers, boolean tls) {
        securityHeaders(tls).forEach((k, v) -> {
            if (!headers.contains(k)) {
                headers.set(k, v);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // State first: the answer may be written while the message is handled below.
        if (msg instanceof HttpRequest) {
            requests++;
            state = State.BODY;
            arm(config.idleTimeout().toMillis(), false);
        }
        if (msg instanceof LastHttpContent) {
            cancel();
            if (responses >= requests) {
                idle();
            } else {
                state = State.AWAITING;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean interim = false;
        if (msg instanceof HttpResponse response) {
            interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (!interim) {
                secure(response.headers(), tls);
            }
        }
        if (msg instanceof LastHttpContent && !interim) {
            responses++;
            if (state == State.AWAITING && responses >= requests) {
                idle();
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        ctx.fireChannelInactive();
    }

    private void idle() {
        state = State.IDLE;
        arm(config.idleTimeout().toMillis(), false);
    }

    private void arm(long millis, boolean header) {
        cancel();
        if (bytes != null) {
            timer = bytes.executor().schedule(() -> expire(header), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(boolean header) {
        timer = null;
        if (header && state == State.HEAD && responses >= requests) {
            LOG.debug("Closing a connection whose request headers took longer than {} ms",
                    config.headerTimeout().toMillis());
            refuse(bytes.pipeline(), 408, "Request Timeout", "request-header-timeout", "Request header timeout",
                    "The request's headers did not arrive within " + config.headerTimeout().toMillis()
                            + " ms (HTTP_HEADER_TIMEOUT_MS).", tls, Map.of());
        } else {
            // Nobody is waiting for an answer here: between requests, or a body that stopped arriving.
            LOG.debug("Closing a connection idle for {} ms ({})", config.idleTimeout().toMillis(), state);
            bytes.close();
        }
    }

    /** Watches raw bytes: the first of a new request starts its header deadline; a body's bytes keep it alive. */
    private final class RequestStart extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            bytes = ctx;
            arm(config.headerTimeout().toMillis(), true);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (state == State.IDLE) {
                state = State.HEAD;
                arm(config.headerTimeout().toMillis(), true);
            } else if (state == State.BODY) {
                arm(config.idleTimeout().toMillis(), false);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
