package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.util.List;

import io.vertx.core.Future;

/**
 * Callback deliveries still to be attempted, kept by the job store so that they outlive the gateway
 * that accepted the job and any gateway may make the next attempt. A delivery enters the queue in the
 * same write that completes its job; an instance claims an attempt under a lease (counted at the
 * claim, so a crash mid-attempt still uses one up and no delivery is attempted more often than
 * allowed), then records its outcome only while it still holds that lease.
 */
public interface CallbackQueue {

    /** One claimed attempt: number {@code attempt} of the delivery of {@code body} to {@code callbackUrl}. */
    record Claim(String requestId, String callbackUrl, String body, int attempt) {
    }

    /**
     * Claims the next attempt of these jobs' deliveries when they are due, not leased and below
     * {@code maxAttempts}: the path right after a job completes, without waiting for a poll.
     */
    Future<List<Claim>> claim(List<String> requestIds, String owner, Duration lease, int maxAttempts);

    /** Claims at most {@code limit} due attempts, oldest first, skipping rows another instance holds. */
    Future<List<Claim>> claimDue(int limit, String owner, Duration lease, int maxAttempts);

    /**
     * Releases the claim and schedules the next attempt after {@code delay}, recording the attempt in the
     * job; false when the lease was lost (another instance owns the delivery now) and nothing was written.
     */
    Future<Boolean> retryLater(Claim claim, String owner, Duration delay, String error);

    /** Ends the delivery with its final state, recorded in the job; false when the lease was lost. */
    Future<Boolean> finish(Claim claim, String owner, Job.CallbackState state);

    /**
     * Ends, as failed, deliveries whose last allowed attempt was claimed by an instance that stopped
     * before recording its outcome (the lease ran out): they may not be tried again, and must not be
     * left pending forever.
     *
     * @return the request ids closed this way
     */
    Future<List<String>> failAbandoned(int maxAttempts);
}
