package dev.aiguardian.gateway.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.DispatchFailure;
import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.gateway.verdict.FailOpen;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.schemas.ServiceType;
import io.vertx.core.Future;

/**
 * The one mapping from what a sync call got (a result, a failed result, a dispatch failure) to its
 * {@link Answer}: a failed result has no verdict, so a refused option is 422, a guard that failed 502, a
 * pipeline in which no guard answered by its deadline 504 with the job link; a single call that chose
 * fail_open passes (200, allow). Single calls and batch items answer alike.
 */
final class SyncOutcomes {
    private final GatewayServices services;

    SyncOutcomes(GatewayServices services) {
        this.services = services;
    }

    /** The answer to a result that came back; a pipeline's time-out first makes its job link answer. */
    Future<Answer> ofResult(Call call, Reply reply) {
        if (!reply.failed()) {
            return Future.succeededFuture(Answer.ok(reply));
        }
        ObjectNode result = reply.tree();
        String type = result.path("error").path("type").asText("guard_error");
        String message = result.path("error").path("message").asText("the guard failed");
        String requestId = result.path("request_id").asText(call.id());
        if (call.failOpen() && !call.isPipeline() && !"invalid_option".equals(type) && !"result_too_large".equals(type)) {
            return Future.succeededFuture(Answer.ok(Reply.of(services.failOpen().singleCallPass(requestId,
                    call.serviceType(), result, type, message, services.clock().instant()))));
        }
        Answer answer = failedResult(result, requestId);
        // A pipeline's combined result is on guard.results: make sure the link answers before the writer stores it.
        return "pipeline_timeout".equals(type) ? pendingJob(requestId, call.serviceType()).map(answer)
                : Future.succeededFuture(answer);
    }

    /** The problem a failed result comes to, with no side effects: also how a batch shows its failed jobs. */
    Answer failedResult(ObjectNode result, String requestId) {
        String type = result.path("error").path("type").asText("guard_error");
        String message = result.path("error").path("message").asText("the guard failed");
        List<String> notRun = FailOpen.notRun(result);
        if ("invalid_option".equals(type)) {
            return Answer.problem(422, "invalid-option", "Invalid payload option", message,
                    Map.of("request_id", requestId, "not_run", notRun));
        }
        if ("result_too_large".equals(type)) {
            // The text fitted, but what the guard says about it does not: only a shorter text helps.
            return Answer.problem(413, "result-too-large", "Result too large", message,
                    Map.of("request_id", requestId, "max_body_bytes", services.config().maxBodyBytes(),
                            "not_run", notRun));
        }
        if ("pipeline_timeout".equals(type)) {
            return Answer.problem(504, "guard-timeout", "No result before the deadline", message
                    + ". Nothing judged the text, so it is not allowed; the job link holds the pipeline's result.",
                    Map.of("request_id", requestId, "job", JobViews.link(requestId), "not_run", notRun));
        }
        return Answer.problem(502, "guard-failed", "The guard could not process the request",
                message, Map.of("request_id", requestId, "error_type", type, "not_run", notRun));
    }

    /** The answer to a call that got no result; a time-out first makes the job link answer. */
    Future<Answer> ofFailure(Call call, Throwable e) {
        if (e instanceof DispatchFailure f && f.kind() == DispatchFailure.Kind.TIMEOUT) {
            // The request is still queued: make its job pollable, then answer.
            return pendingJob(call.id(), call.serviceType()).map(v -> call.failOpen() && !call.isPipeline()
                    ? Answer.ok(Reply.of(services.failOpen().singleCallPass(call.id(), call.serviceType(), null,
                    "timeout", f.getMessage(), services.clock().instant())))
                    : failure(call, e));
        }
        return Future.succeededFuture(failure(call, e));
    }

    /** The problem for a call Kafka did not take, or that got no result; no side effects. */
    Answer failure(Call call, Throwable e) {
        String requestId = call.id();
        if (!(e instanceof DispatchFailure f)) {
            return Answer.problem(500, "internal-error", "Internal error",
                    "The gateway failed unexpectedly; the request id helps find it in the logs.",
                    Map.of("request_id", requestId)).cause(e);
        }
        return switch (f.kind()) {
            case TIMEOUT -> Answer.problem(504, "guard-timeout", "No result before the deadline",
                    f.getMessage() + ". The request stays queued for its guard; fetch its result from the job link.",
                    Map.of("request_id", requestId, "job", JobViews.link(requestId),
                            "not_run", call.guards().stream().map(ServiceType::wireName).toList()));
            case OVERLOADED -> Answer.problem(503, "gateway-overloaded", "Too many requests in flight", f.getMessage(),
                    Map.of("request_id", requestId)).retryAfter("1");
            case SHUTTING_DOWN -> Answer.problem(503, "gateway-stopping", "The gateway is stopping",
                    "Retry the request; another instance will take it.", Map.of("request_id", requestId));
            case UNAVAILABLE -> Answer.problem(503, "guard-unavailable", "The guard pipeline is unavailable",
                    f.getMessage() + "; retry it.", Map.of("request_id", requestId)).retryAfter("2").cause(f.getCause());
            case TOO_LARGE -> {
                // Never Retry-After: the same request will be refused again.
                SizeBudget sizes = services.config().kafka().sizes();
                yield Answer.problem(413, "request-too-large", "Request too large for Kafka", f.getMessage()
                        + ": once encoded it exceeds the " + sizes.requestRecordBytes() + "-byte request record that "
                        + "MAX_BODY_BYTES=" + sizes.maxBodyBytes() + " allows (or a topic's lower max.message.bytes); "
                        + "send a smaller body.", Map.of("request_id", requestId,
                        "max_body_bytes", sizes.maxBodyBytes())).cause(f.getCause());
            }
        };
    }

    private Future<Void> pendingJob(String requestId, String serviceType) {
        // Whether or not the store took it, the caller gets its answer: the job link is a courtesy.
        return services.jobs().createPending(Job.pending(requestId, serviceType, Optional.empty(),
                services.clock().instant())).otherwiseEmpty();
    }
}
