package dev.aiguardian.gateway.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.schemas.ServiceType;
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

    /** The guards that must judge the text. */
    List<ServiceType> guards();

    /** The payload every guard gets: the text and the options. */
    ObjectNode payload();

    /** Whether a guard that fails or times out is skipped ({@code fail_open}) instead of failing the call closed. */
    boolean failOpen();

    /** The original gateway's priority, 1 to 10: from {@code Topics.PRIORITY_LANE_MIN} up, the guards' priority lanes. */
    int priority();

    /** True for a pipeline, whose verdict (and fail_open) the fan-in topology decides. */
    default boolean isPipeline() {
        return false;
    }

    /** Publishes and waits for the result. */
    Future<Reply> callSync(GuardDispatcher dispatcher, String traceparent, String clientRequestId);

    /** Publishes without waiting; completes once Kafka has the request. */
    Future<Void> submit(GuardDispatcher dispatcher, String traceparent, String clientRequestId);
}
