package dev.aiguardian.gateway.health;

import dev.aiguardian.gateway.discovery.GuardDirectory;
import dev.aiguardian.gateway.discovery.LagMonitor;
import dev.aiguardian.schemas.ServiceType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What {@code /api/v1/guards/services} and {@code /health/ready} say, as gauges for alerting: live instances and
 * consumer lag per guard (contextguard included, whose process has no other view of them), and each readiness check.
 * Read at scrape time from the same sources, so a page and an alert never disagree.
 */
public final class HealthMetrics {

    private HealthMetrics() {
    }

    public static void bind(MeterRegistry registry, GuardDirectory directory, LagMonitor lags, Readiness readiness) {
        for (ServiceType guard : ServiceType.values()) {
            Gauge.builder("aiguardian.guard.live.instances", () -> directory.status(guard).instances())
                    .description("Workers of the guard whose last heartbeat is younger than three intervals")
                    .tag("guard", guard.wireName()).register(registry);
            Gauge.builder("aiguardian.guard.lag.records", () -> {
                LagMonitor.Lag lag = lags.lag(guard);
                // Not sampled yet (or the admin call failed): no value rather than a reassuring 0.
                return lag == null ? Double.NaN : lag.records();
            }).description("Records on the guard's request topic and priority lane not yet committed by the groups reading them")
                    .tag("guard", guard.wireName()).register(registry);
        }
        for (String check : readiness.names()) {
            Gauge.builder("aiguardian.gateway.ready", () -> readiness.holds(check) ? 1 : 0)
                    .description("1 while the readiness check holds, 0 while /health/ready fails on it")
                    .tag("check", check).register(registry);
        }
    }
}
