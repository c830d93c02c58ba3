package dev.aiguardian.schemas;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** One guard's outcome for one request: the value on {@code guard.results} and the HTTP body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardResult(
        String requestId,
        ServiceType serviceType,
        Status status,
        Verdict verdict,
        Double score,
        JsonNode result,
        ErrorInfo error,
        Timing timing,
        String worker,
        Instant completedAt) {

    /** Whether the guard produced a verdict. */
    public enum Status {
        COMPLETED, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Status fromWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static GuardResult completed(String requestId, ServiceType type, Verdict verdict, double score,
                                        JsonNode result, Timing timing, String worker, Instant completedAt) {
        return new GuardResult(requestId, type, Status.COMPLETED, verdict, score, result, null, timing, worker,
                completedAt);
    }

    public static GuardResult failed(String requestId, ServiceType type, ErrorInfo error, Timing timing,
                                     String worker, Instant completedAt) {
        return new GuardResult(requestId, type, Status.FAILED, null, null, null, error, timing, worker, completedAt);
    }
}
