package dev.aiguardian.gateway.idempotency;

import java.util.Optional;

import io.vertx.core.Future;

/** Remembers which request an {@code Idempotency-Key} started, so that a retried submit finds it again. */
public interface IdempotencyStore extends AutoCloseable {

    /** The request a key is bound to, and a fingerprint of the body that bound it. */
    record Binding(String requestId, String fingerprint) {
    }

    /**
     * Binds {@code key} to {@code proposed} unless it is bound already.
     *
     * @return empty when this call made the binding (the caller goes on and processes the request),
     *         else the existing binding (the caller answers with that request's job)
     */
    Future<Optional<Binding>> claim(String key, Binding proposed);

    /** Undoes a claim whose request was never accepted, so the client's retry can succeed. */
    Future<Void> release(String key, Binding binding);

    Future<Void> ping();

    String describe();

    @Override
    void close();
}
