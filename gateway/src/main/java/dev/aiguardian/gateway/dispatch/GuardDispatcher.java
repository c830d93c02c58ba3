package dev.aiguardian.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.RecordTooLargeException;


import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.reply.PendingReplies;
import dev.aiguardian.gateway.reply.ReplyPartitions;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.PipelineRequest;
import io.vertx.core.Future;

/** Sends requests to their guard's topic: either waiting for the correlated result, or fire-and-forget for jobs. */
public final class GuardDispatcher {
    private final RequestPublisher publisher;
    private final PendingReplies pending;
    private final ReplyPartitions replyPartitions;

    public GuardDispatcher(RequestPublisher publisher, PendingReplies pending, ReplyPartitions replyPartitions) {
        this.publisher = publisher;
        this.pending = pending;
        this.replyPartitions = replyPartitions;
    }

    /** Publishes and waits for the result until {@code deadline}; must be called on a Vert.x context. */
    public Future<ObjectNode> dispatch(GuardRequest request, Duration deadline, String traceparent,
                                      String clientRequestId) {
        OptionalInt replyPartition = replyPartitions.pick();
        if (replyPartition.isEmpty()) {
            return Future.failedFuture(new DispatchFailure(DispatchFailure.Kind.UNAVAILABLE,
                    "this gateway instance owns no reply partition yet"));
        }
        Future<ObjectNode> reply = pending.register(request.requestId(), deadline);
        if (reply.failed()) {
            return reply;
        }
        publisher.publish(GuardRecords.request(request, replyPartition, traceparent, clientRequestId, null)).whenComplete((md, e) -> {
            if (e != null) {
                pending.fail(request.requestId(), unavailable(e));
            }
        });
        return reply;
    }

    /**
     * Publishes a request nobody waits for on this instance (its result goes to the job store); the
     * future completes once Kafka has acknowledged it, so a 202 is only ever given for a stored request.
     */
    public Future<Void> submit(GuardRequest request, String traceparent, String clientRequestId) {
        return Future.fromCompletionStage(
                        publisher.publish(GuardRecords.request(request, OptionalInt.empty(), traceparent, clientRequestId, null)))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(unavailable(e)));
    }

    /**
     * Publishes a pipeline (its announcement, then one request per guard) and waits for the combined
     * result that the fan-in topology sends to this instance's reply partition.
     */
    public Future<ObjectNode> dispatchPipeline(PipelineRequest pipeline, List<GuardRequest> members, Duration wait,
                                              String traceparent, String clientRequestId) {
        OptionalInt replyPartition = replyPartitions.pick();
        if (replyPartition.isEmpty()) {
            return Future.failedFuture(new DispatchFailure(DispatchFailure.Kind.UNAVAILABLE,
                    "this gateway instance owns no reply partition yet"));
        }
        Future<ObjectNode> reply = pending.register(pipeline.pipelineId(), wait);
        if (reply.failed()) {
            return reply;
        }
        publishPipeline(pipeline, members, replyPartition, traceparent, clientRequestId).onFailure(e ->
                pending.fail(pipeline.pipelineId(), e instanceof DispatchFailure f ? f : unavailable(e)));
        return reply;
    }

    /** Publishes a pipeline whose combined result goes to the job store; completes once Kafka has it all. */
    public Future<Void> submitPipeline(PipelineRequest pipeline, List<GuardRequest> members, String traceparent,
                                       String clientRequestId) {
        return publishPipeline(pipeline, members, OptionalInt.empty(), traceparent, clientRequestId);
    }

    private Future<Void> publishPipeline(PipelineRequest pipeline, List<GuardRequest> members,
                                         OptionalInt replyPartition, String traceparent, String clientRequestId) {
        // The announcement goes first, though the topology copes with members that overtake it.
        List<CompletableFuture<?>> sends = new ArrayList<>();
        sends.add(publisher.publish(GuardRecords.pipeline(pipeline, replyPartition, traceparent)));
        for (GuardRequest member : members) {
            sends.add(publisher.publish(GuardRecords.request(member, OptionalInt.empty(), traceparent, clientRequestId,
                    pipeline.pipelineId())));
        }
        return Future.fromCompletionStage(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(unavailable(e)));
    }

    /** Why Kafka did not take a request, in words for the caller; the exception itself goes to the log. */
    static DispatchFailure unavailable(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DispatchFailure f) {
            return f;
        }
        if (cause instanceof RecordTooLargeException) {
            return new DispatchFailure(DispatchFailure.Kind.TOO_LARGE,
                    "Kafka refused the request as too large for its topic", cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new DispatchFailure(DispatchFailure.Kind.UNAVAILABLE,
                    "Kafka did not acknowledge the request in time", cause);
        }
        return new DispatchFailure(DispatchFailure.Kind.UNAVAILABLE, "Kafka did not accept the request", cause);
    }
}
