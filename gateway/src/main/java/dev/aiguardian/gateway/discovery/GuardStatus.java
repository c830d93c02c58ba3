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
        Instant lastHeartbeat,
        Long consumerLag,
        Boolean lagGrowing) {

    public static final String HEALTHY = "healthy";
    /** Workers are alive but the backlog has grown at every recent sample. */
    public static final String DEGRADED = "degraded";
    public static final String UNAVAILABLE = "unavailable";

    public boolean healthy() {
        return HEALTHY.equals(status);
    }
}
