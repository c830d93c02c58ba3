package dev.aiguardian.workers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.aiguardian.kafka.GuardVerdicts;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/** Per-guard figures of a worker: what it processed, how long the guard took, what failed. */
final class WorkerMetrics {
    /** How a record ended. */
    enum Outcome { COMPLETED, FAILED, DEAD_LETTERED }

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<ServiceType, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Counter> budgetCounters = new ConcurrentHashMap<>();
    private final GuardVerdicts verdicts;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.verdicts = new GuardVerdicts(registry);
    }

    /**
     * Registers the hosted guard's meters at 0: a counter born at 1 shows no increase to Prometheus' rate(), so the
     * first dead letter or budget block would be missed by the alerts.
     */
    void register(ServiceType guard) {
        for (Outcome o : Outcome.values()) {
            counter(guard, o);
        }
        verdicts.register(guard);
        if (guard == ServiceType.TOKENGUARD) {
            for (Verdict v : Verdict.values()) {
                budgetCounter(guard, v);
            }
        }
        inFlight(guard);
        timer(guard);
    }

    /** Counts a record once its output is published: outcome, time in the guard, verdicts. */
    void record(ServiceType guard, RequestProcessor.Processed processed) {
        record(guard, processed.outcome(), processed.guardNanos());
        if (processed.verdict() != null) {
            verdicts.count(guard, processed.verdict());
        }
        if (processed.budgetVerdict() != null) {
            budgetCounter(guard, processed.budgetVerdict()).increment();
        }
    }

    void record(ServiceType guard, Outcome outcome, long nanos) {
        timer(guard).record(nanos, TimeUnit.NANOSECONDS);
        counter(guard, outcome).increment();
    }

    private Counter counter(ServiceType guard, Outcome outcome) {
        return counters.computeIfAbsent(guard.wireName() + "/" + outcome, k -> Counter.builder("aiguardian.worker.records")
                .description("Requests a worker finished, by guard and outcome")
                .tag("guard", guard.wireName())
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry));
    }

    private Counter budgetCounter(ServiceType guard, Verdict v) {
        return budgetCounters.computeIfAbsent(guard.wireName() + "/" + v, k -> Counter.builder("aiguardian.budget.verdicts")
                .description("Results that carried a budget check, by the budget's own verdict")
                .tag("guard", guard.wireName())
                .tag("verdict", v.wireName())
                .register(registry));
    }

    AtomicLong inFlight(ServiceType guard) {
        return inFlight.computeIfAbsent(guard, g -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder("aiguardian.worker.in.flight", n, AtomicLong::get)
                    .description("Requests polled and not yet acknowledged")
                    .tag("guard", g.wireName()).register(registry);
            return n;
        });
    }

    long count(ServiceType guard, Outcome outcome) {
        Counter c = counters.get(guard.wireName() + "/" + outcome);
        return c == null ? 0 : (long) c.count();
    }

    double p95Millis(ServiceType guard) {
        for (ValueAtPercentile v : timer(guard).takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.95) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return 0.0;
    }

    private Timer timer(ServiceType guard) {
        return timers.computeIfAbsent(guard.wireName(), g -> Timer.builder("aiguardian.worker.processing")
                .description("Time in the guard itself, per request")
                .tag("guard", g)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
    }
}
