package dev.aiguardian.schemas;

import java.time.Instant;

/** A worker's periodic sign of life for one guard it hosts, on {@code guard.heartbeats}. */
public record Heartbeat(
        String worker,
        ServiceType serviceType,
        Instant sentAt,
        Instant startedAt,
        long intervalMs,
        long processed,
        long failed,
        long inFlight,
        double p95ProcessingMs) {

    /** The compacted key: one live entry per (guard, worker). */
    public String key() {
        return key(serviceType, worker);
    }

    public static String key(ServiceType serviceType, String worker) {
        return serviceType.wireName() + "/" + worker;
    }
}
