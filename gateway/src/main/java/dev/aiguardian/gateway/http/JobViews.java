package dev.aiguardian.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.schemas.Json;

/** How a job looks over HTTP: a finished job is its result (the sync body's shape), a pending one a status. */
final class JobViews {
    static final String JOBS_PATH = "/api/v1/guards/jobs/";

    private JobViews() {
    }

    static String link(String requestId) {
        return JOBS_PATH + requestId;
    }

    static ObjectNode accepted(String requestId, String serviceType) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("request_id", requestId);
        body.put("service_type", serviceType);
        body.put("status", "pending");
        body.put("job", link(requestId));
        return body;
    }

    static ObjectNode render(Job job) {
        ObjectNode body;
        if (job.result().isPresent()) {
            body = job.result().get().deepCopy();
            body.put("success", job.status() == Job.Status.COMPLETED);
        } else {
            body = accepted(job.requestId(), job.serviceType());
            body.put("created_at", job.createdAt().toString());
        }
        if (job.callbackUrl().isPresent()) {
            ObjectNode cb = body.putObject("callback");
            cb.put("status", job.callback().status());
            cb.put("attempts", job.callback().attempts());
            if (job.callback().lastError() != null) {
                cb.put("last_error", job.callback().lastError());
            }
            if (job.callback().deliveredAt() != null) {
                cb.put("delivered_at", job.callback().deliveredAt().toString());
            }
        }
        return body;
    }
}
