package dev.aiguardian.schemas;

import java.time.Instant;
import java.util.List;

/**
 * A multi-guard pipeline, announced on {@code guard.pipelines}: which guards must answer and by when.
 * Each guard's request has the id {@code <pipelineId>:<guard>}, which is how its result finds the pipeline.
 *
 * @param failOpen whether guards that fail or miss the deadline are skipped (the caller's
 *                 {@code fail_open}); by default the combined verdict fails closed
 */
public record PipelineRequest(
        String pipelineId,
        List<ServiceType> guards,
        String userId,
        String sessionId,
        Instant submittedAt,
        Instant deadlineAt,
        Boolean failOpen) {

    private static final String PREFIX = "pl-";

    public PipelineRequest {
        guards = List.copyOf(guards);
        // Announcements from before fail_open existed lack it: they fail closed.
        failOpen = Boolean.TRUE.equals(failOpen);
    }

    public static String newId() {
        return PREFIX + java.util.UUID.randomUUID();
    }

    /** The request id of this pipeline's request for {@code guard}. */
    public String memberId(ServiceType guard) {
        return pipelineId + ":" + guard.wireName();
    }

    /** The pipeline a request id belongs to, if it is a pipeline member id. */
    public static java.util.Optional<String> pipelineOf(String requestId) {
        if (requestId == null || !requestId.startsWith(PREFIX)) {
            return java.util.Optional.empty();
        }
        int colon = requestId.lastIndexOf(':');
        return colon > PREFIX.length() ? java.util.Optional.of(requestId.substring(0, colon)) : java.util.Optional.empty();
    }
}
