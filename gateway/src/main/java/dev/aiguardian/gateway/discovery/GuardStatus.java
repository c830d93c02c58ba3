package dev.aiguardian.gateway.discovery;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the gateway knows of one guard from its workers' heartbeats. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardStatus(
        String status,
        int instances,
        List<String> workers,
        String topic,
        long processed,
        long failed,
        long inFlight,
        Double p95ProcessingMs,
        Instant lastHeartbeat) {

    public static final String HEALTHY = "healthy";
    public static final String UNAVAILABLE = "unavailable";

    public boolean healthy() {
        return HEALTHY.equals(status);
    }
}
