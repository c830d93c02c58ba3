package dev.aiguardian.gateway.jobs;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Future;

/** Jobs by request id. Every call is asynchronous and safe from any thread; none blocks an event loop. */
public interface JobStore extends AutoCloseable {

    /** Creates the job unless one with its id exists (then leaves it as it is). */
    Future<Void> createPending(Job job);

    /**
     * Records results from guard.results. A job that is not pending keeps its first result (a
     * redelivered result changes nothing); a result without a job creates one.
     *
     * @return the jobs this call completed or failed, so that their callbacks can be sent once
     */
    Future<List<Job>> recordResults(List<ObjectNode> results);

    Future<Optional<Job>> find(String requestId);

    Future<Void> recordCallback(String requestId, Job.CallbackState state);

    /**
     * The queue of callback deliveries kept with the jobs, when the store is shared and durable; empty
     * when deliveries are this instance's business alone (the in-memory store: its timers are the queue).
     */
    default Optional<CallbackQueue> callbackQueue() {
        return Optional.empty();
    }

    /** Whether the store answers, for readiness. */
    Future<Void> ping();

    /** Where the store keeps jobs, for logs: never includes credentials. */
    String describe();

    @Override
    void close();
}
