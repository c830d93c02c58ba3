package dev.aiguardian.topology.common;

import java.util.concurrent.atomic.AtomicLong;

import dev.aiguardian.kafka.GuardVerdicts;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What a Streams-hosted guard has done: completed and failed requests for its heartbeats, and each
 * completed one's verdict in {@code aiguardian_guard_verdicts_total}.
 */
public final class ServiceCounters {
    private final ServiceType guard;
    private final GuardVerdicts verdicts;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public ServiceCounters(ServiceType guard, GuardVerdicts verdicts) {
        this.guard = guard;
        this.verdicts = verdicts;
        verdicts.register(guard);
    }

    /** Counters whose verdicts go nowhere (topology tests). */
    public ServiceCounters() {
        this(ServiceType.CONTEXTGUARD, new GuardVerdicts(new SimpleMeterRegistry()));
    }

    public void completed(Verdict verdict) {
        completed.incrementAndGet();
        verdicts.count(guard, verdict);
    }

    public void failed() {
        failed.incrementAndGet();
    }

    public long completedCount() {
        return completed.get();
    }

    public long failedCount() {
        return failed.get();
    }
}
