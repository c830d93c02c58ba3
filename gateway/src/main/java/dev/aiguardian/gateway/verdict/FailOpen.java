package dev.aiguardian.gateway.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's side of {@code fail_open}: the answer a sync single call gets when its guard failed or
 * timed out and the caller chose to let such text pass, and {@code aiguardian_fail_open_total{guard,call}},
 * the count of texts that passed because a guard that did not judge them was skipped.
 */
public final class FailOpen {
    /** {@code call} tag: a single guard call on /process. */
    public static final String PROCESS = "process";
    /** {@code call} tag: a pipeline, whose verdict the fan-in topology composed. */
    public static final String PIPELINE = "pipeline";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public FailOpen(MeterRegistry registry) {
        this.registry = registry;
        // At 0 from the start: a counter born at 1 shows no increase to Prometheus' increase(), so a dashboard would
        // miss the first pass of each guard, and the series would not exist until something rare happened.
        for (ServiceType guard : ServiceType.values()) {
            counter(guard.wireName(), PROCESS);
            counter(guard.wireName(), PIPELINE);
        }
    }

    /**
     * The 200 answer of a sync call to {@code guard} whose guard did not judge the text: {@code allow}
     * with score 0, the guard's failure kept in {@code status: failed} and {@code error}, and
     * {@code result.not_run} naming it. Counts the pass.
     *
     * @param failed the guard's failed result, or null when none came before the deadline
     */
    public ObjectNode singleCallPass(String requestId, String guard, ObjectNode failed, String errorType,
                                     String message, Instant now) {
        ObjectNode out = failed != null ? failed.deepCopy() : Json.mapper().createObjectNode();
        out.put("request_id", requestId);
        out.put("service_type", guard);
        out.put("status", "failed");
        if (!out.has("error")) {
            out.putObject("error").put("type", errorType).put("message", message);
        }
        out.put("verdict", Verdict.ALLOW.wireName());
        out.put("score", 0.0);
        ObjectNode result = out.putObject("result");
        result.putArray("not_run").add(guard);
        result.put("fail_open", true);
        result.put("reason", guard + " did not judge the text (" + out.path("error").path("type").asText()
                + "); fail_open is true, so it passes unjudged");
        if (!out.has("completed_at")) {
            out.put("completed_at", now.toString());
        }
        count(guard, PROCESS);
        return out;
    }

    /**
     * Counts the passes in a pipeline result the topology composed: each guard it skipped because
     * of fail_open, when the verdict still let the text through (allow or flag). Call once per result.
     */
    public void countPipeline(JsonNode result) {
        if (!PIPELINE.equals(result.path("service_type").asText())
                || !result.path("result").path("fail_open").asBoolean(false)
                || Verdict.BLOCK.wireName().equals(result.path("verdict").asText(Verdict.BLOCK.wireName()))) {
            return;
        }
        for (JsonNode guard : result.path("result").path("not_run")) {
            count(guard.asText(), PIPELINE);
        }
    }

    private void count(String guard, String call) {
        counter(guard, call).increment();
    }

    private Counter counter(String guard, String call) {
        return counters.computeIfAbsent(guard + "/" + call, k -> Counter.builder("aiguardian.fail.open")
                .description("Texts let through unjudged because fail_open skipped a guard that failed or "
                        + "timed out, by guard and call")
                .tag("guard", guard).tag("call", call)
                .register(registry));
    }

    /** The guards a failed result says did not run: its pipeline's not_run, else its own guard. */
    public static List<String> notRun(JsonNode result) {
        JsonNode listed = result.path("result").path("not_run");
        if (listed.isArray() && !listed.isEmpty()) {
            List<String> out = new java.util.ArrayList<>();
            listed.forEach(n -> out.add(n.asText()));
            return out;
        }
        return List.of(result.path("service_type").asText());
    }
}
