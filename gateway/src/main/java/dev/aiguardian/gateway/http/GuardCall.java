package dev.aiguardian.gateway.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.ServiceType;
import io.vertx.core.Future;

/**
 * A validated call to one guard: the request to publish, how long a sync caller waits, whether the
 * caller waits at all, where to POST the result, whether a guard failure may let the text pass, and its
 * priority (1 to 10).
 */
record GuardCall(GuardRequest request, Duration deadline, boolean async, Optional<URI> callbackUrl,
                 boolean failOpen, int priority) implements Call {

    @Override
    public String id() {
        return request.requestId();
    }

    @Override
    public String serviceType() {
        return request.serviceType().wireName();
    }

    @Override
    public List<ServiceType> guards() {
        return List.of(request.serviceType());
    }

    @Override
    public ObjectNode payload() {
        return request.payload();
    }

    @Override
    public Future<Reply> callSync(GuardDispatcher dispatcher, String traceparent, String clientRequestId) {
        return dispatcher.dispatch(request, deadline, traceparent, clientRequestId, priority);
    }

    @Override
    public Future<Void> submit(GuardDispatcher dispatcher, String traceparent, String clientRequestId) {
        return dispatcher.submit(request, traceparent, clientRequestId, priority);
    }
}
