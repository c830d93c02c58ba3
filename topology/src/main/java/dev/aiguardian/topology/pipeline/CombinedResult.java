package dev.aiguardian.topology.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Verdict;

/**
 * One verdict from several guards: the strictest verdict and the highest score among those that
 * answered, each guard's own result, and which guards failed or did not answer in time.
 */
public final class CombinedResult {
    static final String SERVICE_TYPE = "pipeline";

    private CombinedResult() {
    }

    static ObjectNode of(PipelineState state, Instant now, String worker) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("request_id", state.pipelineId());
        out.put("service_type", SERVICE_TYPE);
        ObjectNode result = Json.mapper().createObjectNode();
        ObjectNode guards = result.putObject("guards");
        ArrayNode missing = result.putArray("missing");
        ArrayNode failed = result.putArray("failed");
        Verdict verdict = Verdict.ALLOW;
        double score = 0;
        int answered = 0;
        List<String> expected = state.guards();
        for (String guard : expected) {
            JsonNode r = state.results().get(guard);
            if (r == null) {
                missing.add(guard);
                continue;
            }
            guards.set(guard, r);
            if ("completed".equals(r.path("status").asText())) {
                answered++;
                verdict = verdict.strictest(Verdict.fromWire(r.path("verdict").asText("allow")));
                score = Math.max(score, r.path("score").asDouble(0));
            } else {
                failed.add(guard);
            }
        }
        if (answered == 0) {
            out.put("status", "failed");
            out.putObject("error").put("type", missing.isEmpty() ? "pipeline_failed" : "pipeline_timeout")
                    .put("message", "no guard of the pipeline answered"
                            + (missing.isEmpty() ? "" : " before the deadline (missing: " + missing + ")"));
        } else {
            out.put("status", "completed");
            out.put("verdict", verdict.wireName());
            out.put("score", score);
            out.set("result", result);
        }
        double total = Math.max(0, Duration.between(state.submittedAt(), now).toNanos() / 1e6);
        double slowest = 0;
        for (JsonNode r : state.results().values()) {
            slowest = Math.max(slowest, r.path("timing").path("processing_ms").asDouble(0));
        }
        out.putObject("timing").put("total_ms", total).put("queue_ms", Math.max(0, total - slowest))
                .put("processing_ms", slowest);
        out.put("worker", worker);
        out.put("completed_at", now.toString());
        return out;
    }
}
