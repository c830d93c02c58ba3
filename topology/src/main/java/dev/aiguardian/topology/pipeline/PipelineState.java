package dev.aiguardian.topology.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pipeline in progress, as kept in the state store: what it waits for (once its announcement has
 * been seen) and the results so far. Results may arrive before the announcement; both orders work.
 */
public record PipelineState(
        String pipelineId,
        List<String> guards,
        Instant submittedAt,
        Instant deadlineAt,
        Integer replyPartition,
        String traceparent,
        Map<String, JsonNode> results,
        Instant firstSeenAt,
        Boolean failOpen) {

    public PipelineState {
        results = results == null ? Map.of() : Map.copyOf(results);
        guards = guards == null ? null : List.copyOf(guards);
        // States stored before fail_open existed lack it: they fail closed.
        failOpen = Boolean.TRUE.equals(failOpen);
    }

    static PipelineState empty(String pipelineId, Instant now) {
        return new PipelineState(pipelineId, null, null, null, null, null, Map.of(), now, false);
    }

    boolean announced() {
        return guards != null;
    }

    PipelineState withStart(JsonNode request, Integer partition, String trace) {
        List<String> g = new java.util.ArrayList<>();
        request.path("guards").forEach(n -> g.add(n.asText()));
        return new PipelineState(pipelineId, g, Instant.parse(request.path("submitted_at").asText()),
                Instant.parse(request.path("deadline_at").asText()), partition, trace, results, firstSeenAt,
                request.path("fail_open").asBoolean(false));
    }

    PipelineState withResult(String guard, JsonNode result) {
        Map<String, JsonNode> r = new LinkedHashMap<>(results);
        // The first answer wins: a redelivered result must not replace what was already counted.
        r.putIfAbsent(guard, result);
        return new PipelineState(pipelineId, guards, submittedAt, deadlineAt, replyPartition, traceparent, r,
                firstSeenAt, failOpen);
    }

    boolean complete() {
        return announced() && results.keySet().containsAll(guards);
    }

    boolean expired(Instant now) {
        return announced() && !now.isBefore(deadlineAt);
    }
}
