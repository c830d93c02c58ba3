package dev.aiguardian.gateway.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.DispatchFailure;
import dev.aiguardian.gateway.idempotency.IdempotencyStore;
import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.guards.guard.GuardOptions;
import dev.aiguardian.guards.guard.InvalidOptionException;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/guards/process} and {@code /pipeline}: validate (payload options with the guards'
 * own parsing, so a bad one is a 422 before anything is published), then either publish and wait for
 * the correlated result (sync), or store a pending job, publish and answer 202 with its link (async,
 * callbacks).
 * An {@code Idempotency-Key} binds the first request to the key; a retry with the same key and body
 * gets that request's job instead of a second processing.
 * A guard that failed or timed out never yields {@code allow} unless the call chose {@code fail_open}.
 */
final class SubmitHandler implements Handler<RoutingContext> {
    private static final int MAX_KEY_LENGTH = 255;

    private final GatewayServices services;
    private final BodyParser parser;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final SyncOutcomes outcomes;

    /** Reads a call from its body, whether the caller prefers async, and the request (for headers). */
    @FunctionalInterface
    private interface BodyParser {
        Call parse(byte[] body, boolean preferAsync, RoutingContext ctx);
    }

    private SubmitHandler(GatewayServices services, BodyParser parser) {
        this.services = services;
        this.parser = parser;
        this.registry = services.registry();
        this.outcomes = new SyncOutcomes(services);
    }

    /** {@code POST /api/v1/guards/process}: one guard. */
    static SubmitHandler process(GatewayServices services) {
        CallParser p = parser(services);
        return new SubmitHandler(services, (body, async, ctx) -> p.guard(body, async, AuthGate.subject(ctx)));
    }

    /** {@code POST /api/v1/guards/pipeline}: several guards, one combined verdict. */
    static SubmitHandler pipeline(GatewayServices services) {
        CallParser p = parser(services);
        return new SubmitHandler(services, (body, async, ctx) -> p.pipeline(body, async, AuthGate.subject(ctx)));
    }

    /**
     * One of the original gateway's per-guard routes ({@code POST /api/v1/guards/trustguard/validate}…): a
     * {@code /process} call to {@code guard}, with {@code X-User-ID} / {@code X-Session-ID} for the ids.
     */
    static SubmitHandler alias(GatewayServices services, ServiceType guard) {
        CallParser p = parser(services);
        return new SubmitHandler(services, (body, async, ctx) -> p.alias(guard, body, async,
                ctx.request().getHeader("X-User-ID"), ctx.request().getHeader("X-Session-ID"), AuthGate.subject(ctx)));
    }

    static CallParser parser(GatewayServices services) {
        return new CallParser(services.config().requestTimeout(), services.config().maxRequestTimeout(),
                services.config().failOpen(), services.clock());
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        // Bytes, not a String: BodyRules admitted UTF-8 only, and the parser reports bytes that are not.
        io.vertx.core.buffer.Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        Call call;
        try {
            call = parser.parse(body, prefersAsync(ctx), ctx);
            if (call.callbackUrl().isPresent() && services.config().callbacks().secret().isEmpty()) {
                throw new BadRequest(400, "callbacks-disabled", "Callbacks are not configured",
                        "This gateway has no WEBHOOK_SECRET to sign callbacks with; poll the job instead.");
            }
        } catch (BadRequest e) {
            Problem.send(ctx, e.status, e.slug, e.title, e.getMessage(), e.extensions);
            return;
        }
        ctx.response().putHeader("X-Guard-Request-ID", call.id());
        org.slf4j.MDC.put(RequestIds.MDC_REQUEST_ID, call.id());
        checkOptions(ctx, call).onComplete(ar -> {
            if (ar.failed()) {
                BadRequest e = ar.cause() instanceof BadRequest b ? b : new BadRequest(500, "internal-error",
                        "Internal error", "The options could not be checked.", Map.of("request_id", call.id()));
                Problem.send(ctx, e.status, e.slug, e.title, e.getMessage(), e.extensions);
            } else {
                claimAndAccept(ctx, call, body, start);
            }
        });
    }

    /**
     * Parses the payload options with each guard's own parsing. A payload of only text (the common
     * case) costs nothing; options are checked on a worker thread, since a caller's json_schema may
     * take a while to compile.
     */
    static Future<Void> checkOptions(RoutingContext ctx, Call call) {
        ObjectNode payload = call.payload();
        if (payload.size() == 1 && payload.has("text")) {
            return Future.succeededFuture();
        }
        return ctx.vertx().executeBlocking(() -> {
            Map<String, Object> options = GuardRecords.options(payload);
            for (ServiceType guard : call.guards()) {
                try {
                    GuardOptions.validate(guard, options);
                } catch (InvalidOptionException e) {
                    throw new BadRequest(422, "invalid-option", "Invalid payload option",
                            e.getMessage() + " (" + guard.wireName() + "); nothing was processed",
                            Map.of("request_id", call.id(), "guard", guard.wireName(), "option", e.option()));
                }
            }
            return null;
        }, false);
    }

    private void claimAndAccept(RoutingContext ctx, Call call, byte[] body, long start) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null) {
            accept(ctx, call, null, null, start);
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            Problem.send(ctx, 400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters.");
            return;
        }
        IdempotencyStore.Binding binding = new IdempotencyStore.Binding(call.id(), fingerprint(body));
        services.idempotency().claim(key, binding).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().putHeader("Retry-After", "2");
                Problem.send(ctx, 503, "idempotency-store-unavailable", "The idempotency store is unavailable",
                        "The request was not processed; retry it with the same Idempotency-Key.", Map.of(),
                        ar.cause());
            } else if (ar.result().isPresent()) {
                replay(ctx, ar.result().get(), binding.fingerprint());
            } else {
                accept(ctx, call, key, binding, start);
            }
        });
    }

    private void accept(RoutingContext ctx, Call call, String key, IdempotencyStore.Binding binding, long start) {
        Future<Void> callbackChecked = call.callbackUrl().isEmpty() ? Future.succeededFuture()
                : ctx.vertx().executeBlocking(() -> services.callbackPolicy().check(call.callbackUrl().get()), false)
                .compose(v -> v.allowed() ? Future.succeededFuture()
                        : Future.failedFuture(new BadRequest(400, "callback-refused", "Callback target refused",
                        v.refusal())));
        // A job exists before Kafka sees the request, so neither a fast result nor a retry can miss it.
        boolean needsJob = call.async() || key != null;
        callbackChecked
                .compose(v -> needsJob ? services.jobs().createPending(Job.pending(call.id(), call.serviceType(),
                        call.callbackUrl().map(Object::toString), services.clock().instant()))
                        : Future.succeededFuture())
                .onSuccess(v -> {
                    if (call.async()) {
                        submitAsync(ctx, call, key, binding, start);
                    } else {
                        callSync(ctx, call, start);
                    }
                })
                .onFailure(e -> {
                    release(key, binding);
                    if (e instanceof BadRequest b) {
                        Problem.send(ctx, b.status, b.slug, b.title, b.getMessage(), b.extensions);
                    } else {
                        ctx.response().putHeader("Retry-After", "2");
                        Problem.send(ctx, 503, "job-store-unavailable", "The job store is unavailable",
                                "The request was not accepted; retry it.", Map.of(), e);
                    }
                });
    }

    private void submitAsync(RoutingContext ctx, Call call, String key, IdempotencyStore.Binding binding,
                             long start) {
        String id = call.id();
        String guard = call.serviceType();
        call.submit(services.dispatcher(), Tracing.traceparent(ctx), RequestIds.clientRequestId(ctx))
                .onSuccess(v -> {
                    record(guard, "accepted", start);
                    ctx.response().setStatusCode(202)
                            .putHeader("Location", JobViews.link(id))
                            .putHeader("Preference-Applied", "respond-async")
                            .putHeader("Content-Type", "application/json")
                            .end(Json.toString(JobViews.accepted(id, guard)));
                })
                .onFailure(e -> {
                    record(guard, "unavailable", start);
                    release(key, binding);
                    // The pending job would never complete: close it with the reason.
                    services.jobs().recordResults(java.util.List.of(notAccepted(call, e)));
                    fail(ctx, call, e);
                });
    }

    private void callSync(RoutingContext ctx, Call call, long start) {
        String guard = call.serviceType();
        call.callSync(services.dispatcher(), Tracing.traceparent(ctx), RequestIds.clientRequestId(ctx))
                .compose(result -> {
                    record(guard, result.status() == null ? "completed" : result.status(), start);
                    return outcomes.ofResult(call, result);
                }, e -> {
                    record(guard, e instanceof DispatchFailure f ? f.kind().name().toLowerCase(Locale.ROOT) : "error",
                            start);
                    return outcomes.ofFailure(call, e);
                })
                .onSuccess(answer -> {
                    if (answer.isOk()) {
                        respondOk(ctx, answer.reply(), start);
                    } else {
                        answer.sendProblem(ctx);
                    }
                })
                .onFailure(e -> outcomes.failure(call, e).sendProblem(ctx));
    }

    private void replay(RoutingContext ctx, IdempotencyStore.Binding existing, String fingerprint) {
        if (!existing.fingerprint().equals(fingerprint)) {
            Problem.send(ctx, 422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request body; use a new key for a new request.",
                    Map.of("request_id", existing.requestId()));
            return;
        }
        ctx.response().putHeader("Idempotent-Replayed", "true");
        services.jobs().find(existing.requestId()).onComplete(ar -> {
            Optional<Job> job = ar.succeeded() ? ar.result() : Optional.empty();
            if (job.isPresent() && job.get().status() != Job.Status.PENDING) {
                ctx.response().putHeader("Content-Type", "application/json").end(Json.toString(JobViews.render(job.get())));
            } else {
                String service = job.map(Job::serviceType).orElse(null);
                ctx.response().setStatusCode(202).putHeader("Location", JobViews.link(existing.requestId()))
                        .putHeader("Content-Type", "application/json")
                        .end(Json.toString(JobViews.accepted(existing.requestId(), service)));
            }
        });
    }

    private void release(String key, IdempotencyStore.Binding binding) {
        if (key != null) {
            services.idempotency().release(key, binding);
        }
    }

    private void respondOk(RoutingContext ctx, Reply result, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String tenant = AuthGate.tenant(ctx);
        if (tenant != null && dev.aiguardian.gateway.auth.Identity.ANONYMOUS_TENANT.equals(tenant)) {
            tenant = null;
        }
        // The result's own bytes, not a tree written out again: the reply listener only checked them.
        ctx.response().putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(result.httpBody(tenant, Math.round(seconds * 1e6) / 1e6)));
    }

    private void fail(RoutingContext ctx, Call call, Throwable e) {
        outcomes.failure(call, e).sendProblem(ctx);
    }

    /** The failed result that closes the pending job of a call Kafka did not take. */
    static ObjectNode notAccepted(Call call, Throwable e) {
        ObjectNode failed = Json.mapper().createObjectNode();
        failed.put("request_id", call.id());
        failed.put("service_type", call.serviceType());
        failed.put("status", "failed");
        failed.putObject("error").put("type", "not_accepted").put("message", String.valueOf(e.getMessage()));
        return failed;
    }

    private void record(String guard, String outcome, long start) {
        // Built once per (guard, outcome): a registry lookup with a fresh Id on every request is hot-path waste.
        timers.computeIfAbsent(guard + "/" + outcome, k -> Timer.builder("aiguardian.gateway.guard.requests")
                        .description("Guard calls through this gateway, by guard and outcome")
                        .tag("guard", guard).tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    static boolean prefersAsync(RoutingContext ctx) {
        for (String prefer : ctx.request().headers().getAll("Prefer")) {
            for (String token : prefer.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).startsWith("respond-async")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String fingerprint(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
