package dev.aiguardian.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

import dev.aiguardian.gateway.reply.PendingReplies;
import dev.aiguardian.gateway.reply.Reply;
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

    /**
     * Publishes and waits for the result until {@code deadline}; must be called on a Vert.x context.
     * {@code priority} (1 to 10) picks the guard's main topic or its priority lane.
     */
    public Future<Reply> dispatch(GuardRequest request, Duration deadline, String traceparent,
                                      String clientRequestId, int priority) {
        OptionalInt replyPartition = replyPartitions.pick();
        if (replyPartition.isEmpty()) {
            return Future.failedFuture(new DispatchFailure(DispatchFailure.Kind.UNAVAILABLE,
                    "this gateway instance owns no reply partition yet"));
        }
        ProducerRecord<String, byte[]> record;
        try {
            record = GuardRecords.request(request, replyPartition, traceparent, clientRequestId, null, priority);
        } catch (RuntimeException e) {
            // Before anyone waits: a request that cannot be encoded must fail now, not at its deadline.
            return Future.failedFuture(e);
        }
        Future<Reply> reply = pending.register(request.requestId(), deadline);
        if (reply.failed()) {
            return reply;
        }
        publisher.publish(record).whenComplete((md, e) -> {
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
    public Future<Void> submit(GuardRequest request, String traceparent, String clientRequestId, int priority) {
        ProducerRecord<String, byte[]> record;
        try {
            record = GuardRecords.request(request, OptionalInt.empty(), traceparent, clientRequestId, null, priority);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return Future.fromCompletionStage(publisher.publish(record))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(unavailable(e)));
    }

    /**
     * Publishes a pipeline (its announcement, then one request per guard) and waits for the combined
     * result that the fan-in topology sends to this instance's reply partition.
     */
    public Future<Reply> dispatchPipeline(PipelineRequest pipeline, List<GuardRequest> members, Duration wait,
                                              String traceparent, String clientRequestId, int priority) {
        OptionalInt replyPartition = replyPartitions.pick();
        if (replyPartition.isEmpty()) {
            return Future.failedFuture(new DispatchFailure(DispatchFailure.Kind.UNAVAILABLE,
                    "this gateway instance owns no reply partition yet"));
        }
        List<ProducerRecord<String, byte[]>> records;
        try {
            records = encodePipeline(pipeline, members, replyPartition, traceparent, clientRequestId, priority);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Future<Reply> reply = pending.register(pipeline.pipelineId(), wait);
        if (reply.failed()) {
            return reply;
        }
        publishAll(records).onFailure(e -> pending.fail(pipeline.pipelineId(), unavailable(e)));
        return reply;
    }

    /** Publishes a pipeline whose combined result goes to the job store; completes once Kafka has it all. */
    public Future<Void> submitPipeline(PipelineRequest pipeline, List<GuardRequest> members, String traceparent,
                                       String clientRequestId, int priority) {
        try {
            return publishAll(encodePipeline(pipeline, members, OptionalInt.empty(), traceparent, clientRequestId,
                    priority));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Every record of a pipeline, encoded before any is sent, so that none is sent when one cannot be. */
    private static List<ProducerRecord<String, byte[]>> encodePipeline(PipelineRequest pipeline,
            List<GuardRequest> members, OptionalInt replyPartition, String traceparent, String clientRequestId,
            int priority) {
        // The announcement goes first, though the topology copes with members that overtake it.
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(GuardRecords.pipeline(pipeline, replyPartition, traceparent));
        for (GuardRequest member : members) {
            records.add(GuardRecords.request(member, OptionalInt.empty(), traceparent, clientRequestId,
                    pipeline.pipelineId(), priority));
        }
        return records;
    }

    private Future<Void> publishAll(List<ProducerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : records) {
            sends.add(publisher.publish(r));
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
