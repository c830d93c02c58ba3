package dev.aiguardian.guards.semantic;

/**
 * One request's allowance of model time, shared by every classifier the request runs. Not
 * thread-safe: one request, one thread.
 */
public final class Budget {
    private final long limitNanos;
    private long spentNanos;

    public Budget(long limitMillis) {
        this.limitNanos = limitMillis * 1_000_000L;
    }

    public boolean exhausted() {
        return spentNanos >= limitNanos;
    }

    /** Model time left, never negative. */
    long remainingNanos() {
        return Math.max(0, limitNanos - spentNanos);
    }

    void spend(long nanos) {
        spentNanos += nanos;
    }

    public double spentMillis() {
        return spentNanos / 1e6;
    }
}
