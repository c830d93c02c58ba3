package dev.aiguardian.gateway.http;

import java.time.Clock;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.discovery.GuardDirectory;
import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.health.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** What the HTTP layer needs from the rest of the gateway, built once and shared by every verticle instance. */
public record GatewayServices(
        GatewayConfig config,
        GuardDispatcher dispatcher,
        GuardDirectory directory,
        Readiness readiness,
        PrometheusMeterRegistry registry,
        Clock clock) {
}
