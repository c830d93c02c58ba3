package dev.aiguardian.gateway.console;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/events}: recent results as Server-Sent Events ({@code event: result}, one JSON
 * object per {@code data:} line), from the moment the stream opens. A client that reads too slowly
 * misses events rather than making the gateway buffer them; a comment every 15 s keeps proxies from
 * closing an idle stream.
 */
public final class EventsHandler implements Handler<RoutingContext> {
    private static final long PING_MS = 15_000;

    private final ResultFeed feed;

    public EventsHandler(ResultFeed feed) {
        this.feed = feed;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                // Not compressed: a compressor may hold small events back until it has a block.
                .putHeader("Content-Encoding", "identity")
                .putHeader("X-Accel-Buffering", "no");
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", "0").end();
            return;
        }
        feed.ensureStarted();
        // The stream opens once the feed reads from the newest offsets, so nothing after "connected" is missed.
        io.vertx.core.Future.fromCompletionStage(feed.positioned(), ctx.vertx().getOrCreateContext())
                .onComplete(ar -> open(ctx, response));
    }

    private static void open(RoutingContext ctx, HttpServerResponse response) {
        if (response.closed()) {
            return;
        }
        response.setChunked(true);
        MessageConsumer<String> consumer = ctx.vertx().eventBus().<String>localConsumer(ResultFeed.ADDRESS, m -> {
            if (!response.writeQueueFull()) {
                response.write("event: result\ndata: " + m.body() + "\n\n");
            }
        });
        consumer.completion().onComplete(registered -> {
            if (!response.closed()) {
                response.write("retry: 3000\n: results of guard.results from now on\n\n");
            }
        });
        long ping = ctx.vertx().setPeriodic(PING_MS, t -> response.write(": ping\n\n"));
        Runnable stop = () -> {
            ctx.vertx().cancelTimer(ping);
            consumer.unregister();
        };
        response.closeHandler(v -> stop.run());
        response.endHandler(v -> stop.run());
    }
}
