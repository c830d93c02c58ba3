package dev.aiguardian.gateway.http;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.DispatchFailure;
import dev.aiguardian.schemas.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/guards/process}: validate, publish to the guard's topic, answer with the correlated result. */
final class ProcessHandler implements Handler<RoutingContext> {
    static final String JOBS_PATH = "/api/v1/guards/jobs/";

    private final GatewayServices services;
    private final GuardCallParser parser;
    private final MeterRegistry registry;

    ProcessHandler(GatewayServices services) {
        this.services = services;
        this.parser = new GuardCallParser(services.config().requestTimeout(), services.config().maxRequestTimeout(),
                services.clock());
        this.registry = services.registry();
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        GuardCall call;
        try {
            call = parser.parse(ctx.body().asString());
        } catch (BadRequest e) {
            Problem.send(ctx, e.status, e.slug, e.title, e.getMessage(), e.extensions);
            return;
        }
        String requestId = call.request().requestId();
        String guard = call.request().serviceType().wireName();
        ctx.response().putHeader("X-Guard-Request-ID", requestId);
        services.dispatcher()
                .dispatch(call.request(), call.deadline(), Tracing.traceparent(ctx), RequestIds.clientRequestId(ctx))
                .onSuccess(result -> {
                    record(guard, result.path("status").asText("completed"), start);
                    respond(ctx, result, start);
                })
                .onFailure(e -> {
                    String outcome = e instanceof DispatchFailure f ? f.kind().name().toLowerCase(java.util.Locale.ROOT)
                            : "error";
                    record(guard, outcome, start);
                    fail(ctx, requestId, e);
                });
    }

    private void respond(RoutingContext ctx, ObjectNode result, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if ("failed".equals(result.path("status").asText())) {
            String type = result.path("error").path("type").asText("guard_error");
            String message = result.path("error").path("message").asText("the guard failed");
            String requestId = result.path("request_id").asText();
            if ("invalid_option".equals(type)) {
                Problem.send(ctx, 422, "invalid-option", "Invalid payload option", message,
                        Map.of("request_id", requestId));
            } else {
                Problem.send(ctx, 502, "guard-failed", "The guard could not process the request",
                        message, Map.of("request_id", requestId, "error_type", type));
            }
            return;
        }
        // The original gateway's clients read success and processing_time (seconds).
        result.put("success", true);
        result.put("processing_time", Math.round(seconds * 1e6) / 1e6);
        ctx.response().putHeader("Content-Type", "application/json").end(Json.toString(result));
    }

    private void fail(RoutingContext ctx, String requestId, Throwable e) {
        if (!(e instanceof DispatchFailure f)) {
            Problem.send(ctx, 500, "internal-error", "Internal error",
                    "The gateway failed unexpectedly; the request id helps find it in the logs.",
                    Map.of("request_id", requestId));
            return;
        }
        switch (f.kind()) {
            case TIMEOUT -> Problem.send(ctx, 504, "guard-timeout", "No result before the deadline",
                    f.getMessage() + ". The request stays queued for its guard; its result can be fetched later.",
                    Map.of("request_id", requestId, "job", JOBS_PATH + requestId));
            case OVERLOADED -> {
                ctx.response().putHeader("Retry-After", "1");
                Problem.send(ctx, 503, "gateway-overloaded", "Too many requests in flight", f.getMessage(),
                        Map.of("request_id", requestId));
            }
            case SHUTTING_DOWN -> Problem.send(ctx, 503, "gateway-stopping", "The gateway is stopping",
                    "Retry the request; another instance will take it.", Map.of("request_id", requestId));
            case UNAVAILABLE -> {
                ctx.response().putHeader("Retry-After", "2");
                Problem.send(ctx, 503, "guard-unavailable", "The guard pipeline is unavailable", f.getMessage(),
                        Map.of("request_id", requestId));
            }
        }
    }

    private void record(String guard, String outcome, long start) {
        Timer.builder("aiguardian.gateway.guard.requests")
                .description("Sync guard calls through this gateway, by guard and outcome")
                .tag("guard", guard).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
