package dev.aiguardian.gateway.callback;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.jobs.JobStore;
import dev.aiguardian.schemas.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 */
public final class CallbackSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

    private final Vertx vertx;
    private final CallbackConfig config;
    private final CallbackTargetPolicy policy;
    private final WebhookSigner signer;
    private final JobStore store;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HttpClient http;

    public CallbackSender(Vertx vertx, CallbackConfig config, CallbackTargetPolicy policy, JobStore store,
                          MeterRegistry registry, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.policy = policy;
        this.signer = new WebhookSigner(config.secret().orElseThrow(
                () -> new IllegalStateException("callbacks need WEBHOOK_SECRET")));
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(false));
    }

    /** Starts delivery of a completed or failed job's result; returns at once. */
    public void deliver(Job job) {
        if (job.callbackUrl().isEmpty() || job.result().isEmpty()) {
            return;
        }
        attempt(job, URI.create(job.callbackUrl().get()), Json.toString(job.result().get()), 1);
    }

    private void attempt(Job job, URI url, String body, int attempt) {
        vertx.executeBlocking(() -> policy.check(url), false)
                .compose(verdict -> {
                    if (!verdict.allowed()) {
                        return Future.failedFuture(new Refused(verdict.refusal()));
                    }
                    return send(url, verdict.address().get(), job.requestId(), body);
                })
                .onComplete(ar -> {
                    int status = ar.succeeded() ? ar.result() : -1;
                    if (ar.succeeded() && status >= 200 && status < 300) {
                        finish(job, attempt, Job.CallbackState.DELIVERED, null);
                    } else if (ar.failed() && ar.cause() instanceof Refused r) {
                        finish(job, attempt, Job.CallbackState.FAILED, r.getMessage());
                    } else if (status == 410) {
                        finish(job, attempt, Job.CallbackState.GONE, "the receiver answered 410 Gone");
                    } else {
                        // Shown in the job's callback.last_error: the reason in words, never a class name.
                        String error = ar.succeeded() ? "HTTP " + status
                                : "delivery failed: " + dev.aiguardian.schemas.ErrorInfo.describe(ar.cause());
                        boolean retryable = ar.failed() || status >= 500 || status == 408 || status == 429;
                        if (retryable && attempt < config.maxAttempts()) {
                            long delay = backoff(attempt);
                            store.recordCallback(job.requestId(),
                                    new Job.CallbackState(Job.CallbackState.PENDING, attempt, error, null));
                            count("retried");
                            vertx.setTimer(delay, t -> attempt(job, url, body, attempt + 1));
                        } else {
                            finish(job, attempt, Job.CallbackState.FAILED, error);
                        }
                    }
                });
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

    private void finish(Job job, int attempts, String outcome, String error) {
        store.recordCallback(job.requestId(), new Job.CallbackState(outcome, attempts, error,
                Job.CallbackState.DELIVERED.equals(outcome) ? clock.instant() : null));
        count(outcome);
        if (!Job.CallbackState.DELIVERED.equals(outcome)) {
            LOG.warn("Callback for {} ended {} after {} attempt(s): {}", job.requestId(), outcome, attempts, error);
        }
    }

    private void count(String outcome) {
        Counter.builder("aiguardian.callbacks").description("Callback attempts that ended, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** How long the whole schedule may take, for documentation and tests. */
    public Duration worstCaseSchedule() {
        long total = 0;
        for (int a = 1; a < config.maxAttempts(); a++) {
            total += Math.min(config.initialBackoff().toMillis() << Math.min(a - 1, 20), config.maxBackoff().toMillis());
        }
        return Duration.ofMillis(total);
    }

    @Override
    public void close() {
        http.close();
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
