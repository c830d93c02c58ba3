package dev.aiguardian.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code aiguardian_guard_verdicts_total{guard,verdict}}: completed results by verdict, counted where they are
 * made (the workers, and the topology for contextguard), so one query covers every guard.
 */
public final class GuardVerdicts {
    private final MeterRegistry registry;
    // Built once per (guard, verdict): a registry lookup with a fresh Id per result is hot-path waste.
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public GuardVerdicts(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(ServiceType guard, Verdict verdict) {
        counter(guard, verdict).increment();
    }

    /**
     * Registers the guard's counters at 0: a counter born at 1 shows no increase to Prometheus' rate(), so the
     * first of each verdict would be missed.
     */
    public void register(ServiceType guard) {
        for (Verdict v : Verdict.values()) {
            counter(guard, v);
        }
    }

    private Counter counter(ServiceType guard, Verdict verdict) {
        return counters.computeIfAbsent(guard.wireName() + "/" + verdict.wireName(),
                k -> Counter.builder("aiguardian.guard.verdicts")
                        .description("Completed guard results, by guard and verdict")
                        .tag("guard", guard.wireName())
                        .tag("verdict", verdict.wireName())
                        .register(registry));
    }
}
