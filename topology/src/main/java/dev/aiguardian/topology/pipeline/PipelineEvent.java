package dev.aiguardian.topology.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the joiner sees, keyed by pipeline id: the pipeline's announcement (with the reply partition of
 * the gateway waiting for it, if any) or one guard's result.
 */
public record PipelineEvent(Kind kind, JsonNode body, Integer replyPartition, String traceparent) {

    /** Which of the two inputs the event came from. */
    public enum Kind { START, RESULT }

    public static PipelineEvent start(JsonNode request, Integer replyPartition, String traceparent) {
        return new PipelineEvent(Kind.START, request, replyPartition, traceparent);
    }

    public static PipelineEvent result(JsonNode result) {
        return new PipelineEvent(Kind.RESULT, result, null, null);
    }
}
