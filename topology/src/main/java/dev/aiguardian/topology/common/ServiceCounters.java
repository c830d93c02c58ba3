package dev.aiguardian.topology.common;

import java.util.concurrent.atomic.AtomicLong;

/** What a Streams-hosted guard has done, for its heartbeats: completed and failed requests. */
public final class ServiceCounters {
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public void completed() {
        completed.incrementAndGet();
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
