package dev.aiguardian.gateway.http;

import java.util.regex.Pattern;

import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/guards/jobs/{id}}: pending (with Retry-After), completed, failed, or 404; a batch's
 * job shows the batch (see {@link BatchView}).
 */
final class JobsHandler implements Handler<RoutingContext> {
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private final GatewayServices services;
    private final SyncOutcomes outcomes;

    JobsHandler(GatewayServices services) {
        this.services = services;
        this.outcomes = new SyncOutcomes(services);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !ID.matcher(id).matches()) {
            notFound(ctx, String.valueOf(id));
            return;
        }
        services.jobs().find(id).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().putHeader("Retry-After", "2");
                Problem.send(ctx, 503, "job-store-unavailable", "The job store is unavailable",
                        "Try again shortly.", java.util.Map.of(), ar.cause());
            } else if (ar.result().isEmpty()) {
                notFound(ctx, id);
            } else {
                Job job = ar.result().get();
                if (BatchView.JOB_SERVICE_TYPE.equals(job.serviceType())) {
                    renderBatch(ctx, job);
                    return;
                }
                if (job.status() == Job.Status.PENDING) {
                    ctx.response().putHeader("Retry-After", "1");
                }
                Responses.end(ctx.response(), "application/json", Json.toString(JobViews.render(job)));
            }
        });
    }

    /** A batch's job: composed from its items' jobs, pending until every one has finished. */
    private void renderBatch(RoutingContext ctx, Job batch) {
        BatchHandler.itemJobs(services, batch.result().orElseThrow()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().putHeader("Retry-After", "2");
                Problem.send(ctx, 503, "job-store-unavailable", "The job store is unavailable",
                        "Try again shortly.", java.util.Map.of(), ar.cause());
                return;
            }
            com.fasterxml.jackson.databind.node.ObjectNode body = BatchView.render(batch, ar.result(), outcomes);
            if ("pending".equals(body.path("status").asText())) {
                ctx.response().putHeader("Retry-After", "1");
            }
            Responses.end(ctx.response(), "application/json", Json.toString(body));
        });
    }

    private static void notFound(RoutingContext ctx, String id) {
        Problem.send(ctx, 404, "job-not-found", "No such job",
                "No job has the id '" + id + "' (ids are the request_id of an accepted request; jobs expire after JOB_TTL_MS).");
    }
}
