package dev.aiguardian.gateway.ratelimit;

import java.time.Duration;

/**
 * Failed-auth lockout: after {@code threshold} refused credentials from one address, it gets 429 for
 * {@code base}, doubling with each further failure up to {@code max}; an accepted credential clears it.
 * Failures are forgotten {@code max} after the last one.
 *
 * @param threshold 0 turns lockout off
 */
public record LockoutPolicy(int threshold, Duration base, Duration max) {

    public boolean enabled() {
        return threshold > 0;
    }

    /** How long the {@code failures}-th consecutive failure locks the address out (0 below the threshold). */
    public long lockMs(long failures) {
        if (!enabled() || failures < threshold) {
            return 0;
        }
        long doublings = Math.min(failures - threshold, 40);
        double ms = base.toMillis() * Math.pow(2, doublings);
        return (long) Math.min(max.toMillis(), ms);
    }
}
