package dev.aiguardian.gateway.ratelimit;

import io.vertx.core.Future;

/** Decides, in one step, whether a request may pass its token buckets and its address's failed-auth lockout. */
public interface RateLimiter extends AutoCloseable {

    Future<Decision> admit(Admission admission);

    /** Where the state lives, for the start-up line and /health/ready. */
    String describe();

    @Override
    default void close() {
    }
}
