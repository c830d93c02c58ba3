package dev.aiguardian.gateway.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import io.vertx.core.Future;

/** A validated request to the guards, single or pipeline, that the submit flow can run sync or async. */
interface Call {

    /** The id of the result: request id, or pipeline id. */
    String id();

    /** The result's service_type: a guard's name, or "pipeline". */
    String serviceType();

    /** How long a sync caller waits. */
    Duration deadline();

    boolean async();

    Optional<URI> callbackUrl();

    /** Publishes and waits for the result. */
    Future<ObjectNode> callSync(GuardDispatcher dispatcher, String traceparent, String clientRequestId);

    /** Publishes without waiting; completes once Kafka has the request. */
    Future<Void> submit(GuardDispatcher dispatcher, String traceparent, String clientRequestId);
}
