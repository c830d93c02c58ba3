package dev.aiguardian.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.aiguardian.schemas.ErrorInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers a body whose framing breaks half-way (a chunk size that is no hex number, a chunk without
 * its CRLF) with a 400 problem, then closes the connection. Vert.x 5 turns such a body into a
 * connection error and closes the connection before anything written for the request is flushed,
 * so the caller would see the connection drop without a word. This Netty handler sits just before
 * Vert.x's own and takes the failed piece away from it; Vert.x then only sees the connection close.
 */
final class BrokenBodyAnswer extends ChannelDuplexHandler {
    static final String NAME = "aiguardian-broken-body";

    private String path = "/";
    private String requestId;
    private boolean answered;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            path = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, 1).rawPath();
            requestId = request.headers().get(RequestIds.HEADER);
            answered = false;
        }
        // A request the decoder could not read at all comes as one full message (head and content): that
        // one Vert.x answers well (FrontDoor's invalid-request answers); only a failure inside a body is ours.
        if (!(msg instanceof HttpRequest) && msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            Throwable cause = content.decoderResult().cause();
            ReferenceCountUtil.release(content);
            // After this read: Vert.x flushes what it wrote during the read (an early 401, say) only when
            // the read completes, and that answer must go out, alone, before the connection closes.
            ctx.executor().execute(() -> {
                Object last = answered ? Unpooled.EMPTY_BUFFER : answer(cause);
                answered = true;
                ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
            });
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse) {
            answered = true; // Vert.x answered this request already: a second answer would corrupt the stream
        }
        ctx.write(msg, promise);
    }

    private FullHttpResponse answer(Throwable cause) {
        String id = requestId != null && RequestIds.isSafe(requestId) ? requestId : RequestIds.newId();
        byte[] body = Problem.body(400, "malformed-body", "Malformed request body",
                "The request body's framing is broken" + (cause == null ? "" : " (" + ErrorInfo.describe(cause)
                        + ")") + "; with Transfer-Encoding: chunked each chunk is a hex size, CRLF, the data, CRLF.",
                path, Map.of()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close")
                .set(RequestIds.HEADER, id);
        return response;
    }
}
