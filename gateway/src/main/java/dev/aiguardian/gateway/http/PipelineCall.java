package dev.aiguardian.gateway.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.PipelineRequest;
import dev.aiguardian.schemas.ServiceType;
import io.vertx.core.Future;

/**
 * A validated call to several guards on one text: the announcement for the fan-in topology and one
 * request per guard. A sync caller waits a little past the pipeline's deadline, so that the
 * topology's report of missing guards reaches it before its own time-out.
 */
record PipelineCall(PipelineRequest pipeline, List<GuardRequest> members, Duration deadline, boolean async,
                    Optional<URI> callbackUrl, int priority) implements Call {
    static final Duration GRACE = Duration.ofSeconds(2);

    @Override
    public String id() {
        return pipeline.pipelineId();
    }

    @Override
    public String serviceType() {
        return "pipeline";
    }

    @Override
    public List<ServiceType> guards() {
        return pipeline.guards();
    }

    @Override
    public ObjectNode payload() {
        // Every member carries a copy of the same payload.
        return members.get(0).payload();
    }

    @Override
    public boolean failOpen() {
        return pipeline.failOpen();
    }

    @Override
    public boolean isPipeline() {
        return true;
    }

    @Override
    public Future<Reply> callSync(GuardDispatcher dispatcher, String traceparent, String clientRequestId) {
        return dispatcher.dispatchPipeline(pipeline, members, deadline.plus(GRACE), traceparent, clientRequestId,
                priority);
    }

    @Override
    public Future<Void> submit(GuardDispatcher dispatcher, String traceparent, String clientRequestId) {
        return dispatcher.submitPipeline(pipeline, members, traceparent, clientRequestId, priority);
    }
}
