package dev.aiguardian.gateway.http;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.schemas.Json;

/**
 * How a batch looks over HTTP, sync answer and job alike: every item in its place with an HTTP-like
 * {@code status} (200 with its {@code result}, 202 while its job is pending, 4xx/5xx with its
 * {@code problem}), a {@code summary} counting them and the verdicts, and the batch's {@code status}:
 * {@code completed} (every item has a result), {@code partial}, {@code failed} (none has) or
 * {@code pending}. Partial success is explicit: the batch answers 200 whatever its items came to.
 */
final class BatchView {
    /** The service_type of a batch's own job, whose result is its manifest. */
    static final String JOB_SERVICE_TYPE = "batch";

    private BatchView() {
    }

    static ObjectNode entry(int index, String id, String requestId, Answer answer, String instance) {
        ObjectNode e = head(index, id, requestId);
        e.put("status", answer.status());
        if (answer.isOk()) {
            e.set("result", answer.result());
        } else {
            e.set("problem", answer.problemDocument(instance));
        }
        return e;
    }

    static ObjectNode pendingEntry(int index, String id, String requestId) {
        ObjectNode e = head(index, id, requestId);
        e.put("status", 202);
        e.put("job", JobViews.link(requestId));
        return e;
    }

    private static ObjectNode head(int index, String id, String requestId) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("index", index);
        if (id != null) {
            e.put("id", id);
        }
        if (requestId != null) {
            e.put("request_id", requestId);
        }
        return e;
    }

    static ObjectNode body(String batchId, String serviceType, List<ObjectNode> entries) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("batch_id", batchId);
        body.put("service_type", serviceType);
        int ok = 0;
        int pending = 0;
        ObjectNode verdicts = Json.mapper().createObjectNode().put("allow", 0).put("flag", 0).put("block", 0);
        for (ObjectNode e : entries) {
            int status = e.path("status").asInt();
            if (status == 200) {
                ok++;
                String verdict = e.path("result").path("verdict").asText("");
                if (verdicts.has(verdict)) {
                    verdicts.put(verdict, verdicts.get(verdict).asInt() + 1);
                }
            } else if (status == 202) {
                pending++;
            }
        }
        int failed = entries.size() - ok - pending;
        body.put("status", pending > 0 ? "pending" : failed == 0 ? "completed" : ok == 0 ? "failed" : "partial");
        ObjectNode summary = body.putObject("summary");
        summary.put("total", entries.size());
        summary.put("succeeded", ok);
        summary.put("failed", failed);
        summary.put("pending", pending);
        summary.set("verdicts", verdicts);
        ArrayNode items = body.putArray("items");
        entries.forEach(items::add);
        return body;
    }

    /** The batch's job: its result lists the items (pending ones by request id, refused ones with their problem). */
    static ObjectNode manifest(String batchId, String serviceType, List<ObjectNode> entries, Instant now) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("request_id", batchId);
        m.put("service_type", JOB_SERVICE_TYPE);
        m.put("status", "completed");
        ObjectNode result = m.putObject("result");
        result.put("service_type", serviceType);
        ArrayNode items = result.putArray("items");
        entries.forEach(items::add);
        m.put("completed_at", now.toString());
        return m;
    }

    /** A batch job's body now: each pending item replaced by what its job holds. */
    static ObjectNode render(Job batch, List<Optional<Job>> itemJobs, SyncOutcomes outcomes) {
        ObjectNode manifest = batch.result().orElseThrow();
        List<ObjectNode> entries = new java.util.ArrayList<>();
        int i = 0;
        for (JsonNode listed : manifest.path("result").path("items")) {
            ObjectNode entry = (ObjectNode) listed.deepCopy();
            Optional<Job> job = itemJobs.get(i++);
            if (entry.path("status").asInt() == 202 && job.isPresent() && job.get().status() != Job.Status.PENDING) {
                ObjectNode result = job.get().result().orElseThrow();
                String requestId = entry.path("request_id").asText();
                Answer answer = job.get().status() == Job.Status.COMPLETED ? Answer.ok(Reply.of(result))
                        : outcomes.failedResult(result, requestId);
                entry = entry(entry.path("index").asInt(), entry.has("id") ? entry.get("id").asText() : null,
                        requestId, answer, BatchHandler.PATH);
            }
            entries.add(entry);
        }
        ObjectNode body = body(batch.requestId(), manifest.path("result").path("service_type").asText(), entries);
        body.put("job", JobViews.link(batch.requestId()));
        return body;
    }
}
