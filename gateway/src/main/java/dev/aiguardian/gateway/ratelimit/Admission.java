package dev.aiguardian.gateway.ratelimit;

import java.util.List;

/**
 * One request to admit: where it comes from, how its credential fared, and the buckets it draws a token from.
 *
 * @param clientIp the client address that failed-auth lockout is kept for
 */
public record Admission(String clientIp, Outcome outcome, List<Bucket> buckets) {

    /** How the request's credential fared. */
    public enum Outcome {
        /** Accepted (or none needed): draws from the buckets, and clears the address's failures. */
        OK,
        /** A credential was presented and refused: counts towards the address's lockout. */
        FAILED,
        /** No credential where one is needed: only the lockout is checked. */
        NONE
    }

    /**
     * A token bucket: {@code policy} is {@code key}, {@code user} or {@code ip} (the names in the RateLimit
     * headers), {@code id} whose bucket it is within that policy.
     */
    public record Bucket(String policy, String id, Rate rate) {
    }
}
