package dev.aiguardian.gateway.callback;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import dev.aiguardian.gateway.jobs.CallbackQueue;
import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.jobs.JobStore;
import dev.aiguardian.schemas.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * POSTs a job's result to its callback URL, signed per Standard Webhooks, retrying with exponential
 * backoff and jitter on 5xx, 408, 429, time-outs and connection errors; a 410 stops it, as does any
 * other 4xx. Each attempt is recorded in the job and in metrics. The target is re-checked against the
 * SSRF policy at every attempt and the connection goes to the address that was checked, so a DNS
 * answer that changes between check and connect cannot redirect it.
 *
 * <p>Where the job store has a {@link CallbackQueue} (Postgres), pending deliveries live there, not
 * here: this instance claims attempts under a lease (right after it completes a job, and by polling
 * every {@code CALLBACK_POLL_INTERVAL_MS} for at most {@code CALLBACK_POLL_BATCH} attempts in flight),
 * so a delivery outlives the gateway that started it and any instance makes its next attempt. With the
 * in-memory store, retries wait on this instance's timers and end with it.
 */
public final class CallbackSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);
    /** Time past an attempt's deadline in which its outcome must be written before another instance may retry. */
    private static final Duration RECORD_MARGIN = Duration.ofSeconds(30);
    /** The outcome counted for an attempt that failed and has another one scheduled. */
    private static final String RETRIED = "retried";

    private final Vertx vertx;
    private final CallbackConfig config;
    private final CallbackTargetPolicy policy;
    private final WebhookSigner signer;
    private final JobStore store;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HttpClient http;
    private final Optional<CallbackQueue> queue;
    private final String owner = "gateway-" + UUID.randomUUID();
    private final Duration deadline;
    private final Duration lease;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final long poller;
    private volatile boolean closed;
    private volatile boolean queueFailing;

    /** @param signer signs each attempt with the secrets accepted at that moment (rotation) */
    public CallbackSender(Vertx vertx, CallbackConfig config, CallbackTargetPolicy policy, WebhookSigner signer,
                          JobStore store, MeterRegistry registry, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.policy = policy;
        this.signer = signer;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(false));
        // The resolver, the connection and the answer are each bounded by the timeout; the whole attempt is
        // bounded too, so that it always ends inside its lease and two instances never send the same delivery at once.
        this.deadline = config.timeout().multipliedBy(2).plusSeconds(5);
        this.lease = deadline.plus(RECORD_MARGIN);
        this.queue = store.callbackQueue();
        this.poller = queue.isPresent() ? vertx.setPeriodic(config.pollInterval().toMillis(), t -> poll()) : -1;
        // At 0 from the start: a counter born at 1 shows no increase to Prometheus' rate(), so the first would be missed.
        for (String outcome : List.of(Job.CallbackState.DELIVERED, Job.CallbackState.FAILED, Job.CallbackState.GONE,
                Job.CallbackState.PENDING, RETRIED)) {
            counter(outcome);
        }
    }

    /** Starts delivery of a completed or failed job's result; returns at once. */
    public void deliver(Job job) {
        if (job.callbackUrl().isEmpty() || job.result().isEmpty()) {
            return;
        }
        if (queue.isPresent()) {
            // The job entered the queue when it completed; claim its first attempt now rather than at the next poll.
            claimNow(job.requestId());
            return;
        }
        attempt(job, URI.create(job.callbackUrl().get()), Json.toString(job.result().get()), 1);
    }

    /** How long a claimed attempt stays this instance's before another may take the delivery over. */
    public Duration lease() {
        return lease;
    }

    // ---- durable: the queue in the job store ----

    private void claimNow(String requestId) {
        if (closed || reserve(1) == 0) {
            return; // at the in-flight bound: the poller takes it when a slot frees up
        }
        queue.get().claim(List.of(requestId), owner, lease, config.maxAttempts())
                .onComplete(ar -> started(ar, 1));
    }

    private void poll() {
        if (closed || !polling.compareAndSet(false, true)) {
            return;
        }
        CallbackQueue q = queue.get();
        q.failAbandoned(config.maxAttempts())
                .onSuccess(ids -> ids.forEach(id -> {
                    count(Job.CallbackState.FAILED);
                    LOG.warn("Callback for {} failed: its last allowed attempt was claimed by a gateway that stopped "
                            + "before recording the outcome", id);
                }))
                .transform(ignored -> {
                    int slots = reserve(config.pollBatch());
                    if (slots == 0) {
                        return Future.succeededFuture();
                    }
                    return q.claimDue(slots, owner, lease, config.maxAttempts())
                            .andThen(ar -> started(ar, slots)).<Void>mapEmpty();
                })
                .onComplete(ar -> {
                    polling.set(false);
                    // Once per outage, not once per poll: the poll runs every CALLBACK_POLL_INTERVAL_MS.
                    if (ar.failed() && !queueFailing) {
                        LOG.warn("Polling the callback queue failed (trying again every {} ms; the deliveries wait "
                                + "in the database): {}", config.pollInterval().toMillis(), ar.cause().toString());
                    } else if (ar.succeeded() && queueFailing) {
                        LOG.info("Polling the callback queue works again");
                    }
                    queueFailing = ar.failed();
                });
    }

    /** Takes up to {@code wanted} of the free in-flight slots; returns how many it got. */
    private int reserve(int wanted) {
        while (true) {
            int now = inFlight.get();
            int take = Math.min(wanted, config.pollBatch() - now);
            if (take <= 0) {
                return 0;
            }
            if (inFlight.compareAndSet(now, now + take)) {
                return take;
            }
        }
    }

    private void started(AsyncResult<List<CallbackQueue.Claim>> ar, int reserved) {
        List<CallbackQueue.Claim> claims = ar.succeeded() ? ar.result() : List.of();
        inFlight.addAndGet(-(reserved - claims.size()));
        if (ar.failed()) {
            LOG.warn("Claiming callback attempts failed (the queue keeps them): {}", ar.cause().toString());
        }
        claims.forEach(this::attemptClaimed);
    }

    private void attemptClaimed(CallbackQueue.Claim claim) {
        CallbackQueue q = queue.get();
        attemptOnce(URI.create(claim.callbackUrl()), claim.requestId(), claim.body()).onComplete(ar -> {
            Outcome o = outcome(ar, claim.attempt());
            Future<Boolean> recorded;
            if (o.retry()) {
                recorded = q.retryLater(claim, owner, Duration.ofMillis(backoff(claim.attempt())), o.error());
                count(RETRIED);
            } else {
                recorded = q.finish(claim, owner, state(o, claim.attempt()));
                count(o.state());
                logEnd(claim.requestId(), o, claim.attempt());
            }
            recorded.onComplete(r -> {
                inFlight.decrementAndGet();
                if (r.failed()) {
                    // The row keeps its lease until it expires; then another attempt is claimed: never forgotten.
                    LOG.warn("Could not record attempt {} of the callback for {} ({}); the delivery is retried once "
                            + "its lease expires", claim.attempt(), claim.requestId(), r.cause().toString());
                } else if (!r.result()) {
                    LOG.warn("Attempt {} of the callback for {} outlived its lease; another instance has the delivery",
                            claim.attempt(), claim.requestId());
                }
            });
        });
    }

    // ---- in memory: this instance's timers ----

    private void attempt(Job job, URI url, String body, int attempt) {
        attemptOnce(url, job.requestId(), body).onComplete(ar -> {
            Outcome o = outcome(ar, attempt);
            if (o.retry()) {
                store.recordCallback(job.requestId(), new Job.CallbackState(Job.CallbackState.PENDING, attempt,
                        o.error(), null));
                count(RETRIED);
                vertx.setTimer(backoff(attempt), t -> attempt(job, url, body, attempt + 1));
            } else {
                store.recordCallback(job.requestId(), state(o, attempt));
                count(o.state());
                logEnd(job.requestId(), o, attempt);
            }
        });
    }

    // ---- one attempt, and what it means ----

    /** What an attempt came to: a final state, or a retry ({@code state} pending). */
    private record Outcome(String state, String error) {
        boolean retry() {
            return Job.CallbackState.PENDING.equals(state);
        }
    }

    /** The SSRF check (blocking DNS, off the event loop) and the signed POST, within the attempt's deadline. */
    private Future<Integer> attemptOnce(URI url, String requestId, String body) {
        return vertx.executeBlocking(() -> policy.check(url), false)
                .compose(verdict -> {
                    if (!verdict.allowed()) {
                        return Future.failedFuture(new Refused(verdict.refusal()));
                    }
                    return send(url, verdict.address().get(), requestId, body);
                })
                .timeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Outcome outcome(AsyncResult<Integer> ar, int attempt) {
        int status = ar.succeeded() ? ar.result() : -1;
        if (ar.succeeded() && status >= 200 && status < 300) {
            return new Outcome(Job.CallbackState.DELIVERED, null);
        }
        if (ar.failed() && ar.cause() instanceof Refused r) {
            return new Outcome(Job.CallbackState.FAILED, r.getMessage());
        }
        if (status == 410) {
            return new Outcome(Job.CallbackState.GONE, "the receiver answered 410 Gone");
        }
        // Shown in the job's callback.last_error: the reason in words, never a class name.
        String error = ar.succeeded() ? "HTTP " + status
                : "delivery failed: " + dev.aiguardian.schemas.ErrorInfo.describe(ar.cause());
        boolean retryable = ar.failed() || status >= 500 || status == 408 || status == 429;
        return new Outcome(retryable && attempt < config.maxAttempts() ? Job.CallbackState.PENDING
                : Job.CallbackState.FAILED, error);
    }

    private Job.CallbackState state(Outcome o, int attempts) {
        return new Job.CallbackState(o.state(), attempts, o.error(),
                Job.CallbackState.DELIVERED.equals(o.state()) ? clock.instant() : null);
    }

    private static void logEnd(String requestId, Outcome o, int attempts) {
        if (!Job.CallbackState.DELIVERED.equals(o.state())) {
            LOG.warn("Callback for {} ended {} after {} attempt(s): {}", requestId, o.state(), attempts, o.error());
        }
    }

    private Future<Integer> send(URI url, InetAddress address, String messageId, String body) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                // Connect to the checked address; Host and TLS SNI still name the host.
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "AIGuardian-Webhooks/1")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signer.sign(messageId, timestamp, body));
        return http.request(options)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> resp.statusCode()));
    }

    private long backoff(int attempt) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        // Jitter spreads retries of many callbacks to one receiver that came back at once.
        return Math.max(1, (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5)));
    }

    private void count(String outcome) {
        counter(outcome).increment();
    }

    private Counter counter(String outcome) {
        return Counter.builder("aiguardian.callbacks").description("Callback attempts that ended, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** How long the whole schedule may take, for documentation and tests. */
    public Duration worstCaseSchedule() {
        long total = 0;
        for (int a = 1; a < config.maxAttempts(); a++) {
            total += Math.min(config.initialBackoff().toMillis() << Math.min(a - 1, 20), config.maxBackoff().toMillis());
        }
        return Duration.ofMillis(total);
    }

    /** Stops taking attempts; the ones in flight are left to their leases, so another instance takes them over. */
    @Override
    public void close() {
        closed = true;
        if (poller >= 0) {
            vertx.cancelTimer(poller);
        }
        http.close();
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
