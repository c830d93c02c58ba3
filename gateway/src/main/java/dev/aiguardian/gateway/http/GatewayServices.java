package dev.aiguardian.gateway.http;

import java.time.Clock;

import dev.aiguardian.config.RotatingSecrets;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.auth.Authenticator;
import dev.aiguardian.gateway.callback.CallbackTargetPolicy;
import dev.aiguardian.gateway.console.ResultFeed;
import dev.aiguardian.gateway.discovery.GuardDirectory;
import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.health.Readiness;
import dev.aiguardian.gateway.idempotency.IdempotencyStore;
import dev.aiguardian.gateway.jobs.JobStore;
import dev.aiguardian.gateway.ratelimit.RateLimiter;
import dev.aiguardian.gateway.verdict.FailOpen;
import dev.aiguardian.kafka.CompactedView;
import dev.aiguardian.schemas.UsageTotals;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** What the HTTP layer needs from the rest of the gateway, built once and shared by every verticle instance. */
public record GatewayServices(
        GatewayConfig config,
        GuardDispatcher dispatcher,
        GuardDirectory directory,
        JobStore jobs,
        IdempotencyStore idempotency,
        CallbackTargetPolicy callbackPolicy,
        Readiness readiness,
        PrometheusMeterRegistry registry,
        Clock clock,
        CompactedView<UsageTotals> usage,
        FailOpen failOpen,
        RotatingSecrets secrets,
        Authenticator authenticator,
        RateLimiter limiter,
        ResultFeed events) {

    public GatewayServices withConfig(GatewayConfig newConfig) {
        return new GatewayServices(newConfig, dispatcher, directory, jobs, idempotency, callbackPolicy, readiness,
                registry, clock, usage, failOpen, secrets, authenticator, limiter, events);
    }
}
