package dev.aiguardian.topology.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Verdict;

/**
 * One verdict from several guards, failing closed. When every guard answered: the strictest verdict
 * and the highest score. When a guard failed or missed the deadline, its judgement is unknown, so
 * the pipeline blocks with score 1 (an unjudged text counts as the riskiest) and says which guards
 * did not run and why — unless the caller asked for {@code fail_open}, which skips them. With no
 * judgement at all and no fail_open there is no verdict to give: the pipeline fails like a single
 * call does ({@code pipeline_timeout}, {@code pipeline_failed}, or {@code invalid_option}).
 */
public final class CombinedResult {
    static final String SERVICE_TYPE = "pipeline";
    /** The score of a verdict that blocks because a guard did not run. */
    static final double UNJUDGED_SCORE = 1.0;

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
        ArrayNode notRun = result.putArray("not_run");
        boolean failOpen = state.failOpen();
        result.put("fail_open", failOpen);
        Verdict verdict = Verdict.ALLOW;
        double score = 0;
        int answered = 0;
        boolean onlyBadOptions = true;
        List<String> why = new ArrayList<>();
        for (String guard : state.guards()) {
            JsonNode r = state.results().get(guard);
            if (r == null) {
                missing.add(guard);
                notRun.add(guard);
                why.add(guard + " did not answer before the deadline");
                onlyBadOptions = false;
                continue;
            }
            guards.set(guard, r);
            if ("completed".equals(r.path("status").asText())) {
                answered++;
                verdict = verdict.strictest(Verdict.fromWire(r.path("verdict").asText("allow")));
                score = Math.max(score, r.path("score").asDouble(0));
            } else {
                failed.add(guard);
                notRun.add(guard);
                String type = r.path("error").path("type").asText("guard_error");
                why.add(guard + " failed (" + type + ": " + r.path("error").path("message").asText("no detail") + ")");
                onlyBadOptions &= "invalid_option".equals(type);
            }
        }
        String notRunText = String.join("; ", why);
        if (notRun.isEmpty()) {
            completed(out, result, verdict, score);
        } else if (failOpen) {
            result.put("reason", notRunText + ". fail_open is true: the verdict is that of the guards that ran"
                    + (answered == 0 ? " (none did, so allow)" : ""));
            completed(out, result, verdict, score);
        } else if (answered > 0) {
            result.put("reason", notRunText + ". The pipeline fails closed: a guard that did not run cannot allow "
                    + "the text (send \"fail_open\": true to skip such guards)");
            completed(out, result, Verdict.BLOCK, UNJUDGED_SCORE);
        } else {
            String type = !missing.isEmpty() ? "pipeline_timeout" : onlyBadOptions ? "invalid_option" : "pipeline_failed";
            result.put("reason", notRunText);
            out.put("status", "failed");
            out.putObject("error").put("type", type).put("message", "no guard of the pipeline answered: " + notRunText);
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

    private static void completed(ObjectNode out, ObjectNode result, Verdict verdict, double score) {
        out.put("status", "completed");
        out.put("verdict", verdict.wireName());
        out.put("score", score);
        out.set("result", result);
    }
}
