package dev.aiguardian.gateway.jobs;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request whose result can be fetched later: pending until its result arrives on guard.results,
 * then completed or failed with that result.
 */
public record Job(
        String requestId,
        String serviceType,
        Status status,
        Optional<ObjectNode> result,
        Optional<String> callbackUrl,
        CallbackState callback,
        Instant createdAt,
        Instant updatedAt) {

    /** Where the job is. */
    public enum Status {
        PENDING, COMPLETED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }

        /** The job status a guard result leads to. */
        public static Status ofResult(ObjectNode result) {
            return "failed".equals(result.path("status").asText()) ? FAILED : COMPLETED;
        }
    }

    /** How delivery of the result to the callback URL went. */
    public record CallbackState(String status, int attempts, String lastError, Instant deliveredAt) {
        public static final CallbackState NONE = new CallbackState(null, 0, null, null);
        public static final String PENDING = "pending";
        public static final String DELIVERED = "delivered";
        public static final String FAILED = "failed";
        public static final String GONE = "gone";
    }

    /** A new pending job, as created when a request is accepted. */
    public static Job pending(String requestId, String serviceType, Optional<String> callbackUrl, Instant now) {
        return new Job(requestId, serviceType, Status.PENDING, Optional.empty(), callbackUrl,
                callbackUrl.isPresent() ? new CallbackState(CallbackState.PENDING, 0, null, null) : CallbackState.NONE,
                now, now);
    }
}
