package dev.aiguardian.schemas;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request for one guard, as it travels on {@code guard.requests.<guard>}. */
public record GuardRequest(
        String requestId,
        ServiceType serviceType,
        ObjectNode payload,
        String userId,
        String sessionId,
        Instant submittedAt,
        Instant deadlineAt) {

    /** The record key: a session's requests share a partition, so one worker sees them in order. */
    public String partitionKey() {
        return sessionId != null && !sessionId.isEmpty() ? sessionId : requestId;
    }

    public String text() {
        return payload.path("text").asText();
    }
}
