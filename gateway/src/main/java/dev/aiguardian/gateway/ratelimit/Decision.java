package dev.aiguardian.gateway.ratelimit;

import java.util.List;

/**
 * What the limiter decided for one request, with each bucket's state for the RateLimit headers.
 *
 * @param retryAfterMs for LIMITED and LOCKED_OUT: how long until a retry can succeed
 * @param limiting     for LIMITED: the bucket that was empty
 */
public record Decision(Status status, long retryAfterMs, Admission.Bucket limiting, List<BucketState> buckets) {

    /** The verdict on a request. */
    public enum Status {
        ALLOWED,
        /** A bucket was empty: no token was taken from any. */
        LIMITED,
        /** The client address is locked out after failed authentications. */
        LOCKED_OUT,
        /** The failed authentication was counted (the request itself is refused with 401). */
        FAILURE_COUNTED
    }

    /** A bucket after the request: whole tokens left and milliseconds until it is full again. */
    public record BucketState(Admission.Bucket bucket, long remaining, long fullInMs) {
    }

    public static Decision allowed(List<BucketState> states) {
        return new Decision(Status.ALLOWED, 0, null, states);
    }
}
