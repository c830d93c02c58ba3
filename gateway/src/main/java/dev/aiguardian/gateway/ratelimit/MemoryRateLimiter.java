package dev.aiguardian.gateway.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Future;

/**
 * Token buckets and lockouts in this instance's memory: the limits hold per instance, not across a
 * fleet (use {@code REDIS_URL} for that). The same rules as {@code ratelimit.lua}, which keeps them in
 * Redis; the clock is injectable so the rules can be tested without waiting.
 */
public final class MemoryRateLimiter implements RateLimiter {
    /** Past this many entries, those that hold nothing worth keeping are dropped. */
    private static final int SWEEP_AT = 100_000;

    private final LockoutPolicy lockout;
    private final Clock clock;
    /** Per bucket key: {tokens, time of that count in ms, the rate's period in ms}. */
    private final Map<String, double[]> buckets = new HashMap<>();
    /** Per address: {consecutive failures, locked until ms, last failure ms}. */
    private final Map<String, long[]> failures = new HashMap<>();

    public MemoryRateLimiter(LockoutPolicy lockout, Clock clock) {
        this.lockout = lockout;
        this.clock = clock;
    }

    @Override
    public Future<Decision> admit(Admission admission) {
        return Future.succeededFuture(decide(admission));
    }

    /** The decision, taken at once (a lock held for microseconds; every event loop shares this state). */
    public synchronized Decision decide(Admission a) {
        long now = clock.millis();
        sweepIfLarge(now);
        if (lockout.enabled()) {
            long[] f = failures.get(a.clientIp());
            if (f != null && f[2] + lockout.max().toMillis() < now) {
                failures.remove(a.clientIp());
                f = null;
            }
            if (f != null && f[1] > now) {
                return new Decision(Decision.Status.LOCKED_OUT, f[1] - now, null, List.of());
            }
            if (a.outcome() == Admission.Outcome.FAILED) {
                long[] g = failures.computeIfAbsent(a.clientIp(), k -> new long[3]);
                g[0]++;
                g[2] = now;
                long lock = lockout.lockMs(g[0]);
                g[1] = lock > 0 ? now + lock : 0;
                return new Decision(Decision.Status.FAILURE_COUNTED, lock, null, List.of());
            }
            if (a.outcome() == Admission.Outcome.OK && f != null) {
                failures.remove(a.clientIp());
            }
        }
        if (a.outcome() != Admission.Outcome.OK) {
            return new Decision(Decision.Status.FAILURE_COUNTED, 0, null, List.of());
        }
        double[] tokens = new double[a.buckets().size()];
        for (int i = 0; i < tokens.length; i++) {
            Admission.Bucket b = a.buckets().get(i);
            tokens[i] = refilled(buckets.get(key(b)), b.rate(), now);
        }
        // All or nothing: a request refused by one bucket takes nothing from the others.
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 1) {
                Admission.Bucket b = a.buckets().get(i);
                return new Decision(Decision.Status.LIMITED, msUntil(1 - tokens[i], b.rate()), b,
                        states(a.buckets(), tokens));
            }
        }
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] -= 1;
            Admission.Bucket b = a.buckets().get(i);
            buckets.put(key(b), new double[] {tokens[i], now, b.rate().period().toMillis()});
        }
        return Decision.allowed(states(a.buckets(), tokens));
    }

    /** Tokens in a bucket at {@code now}: full when never used, else refilled at the rate since it was last counted. */
    static double refilled(double[] state, Rate rate, long now) {
        if (state == null) {
            return rate.count();
        }
        double perMs = rate.count() / (double) rate.period().toMillis();
        return Math.min(rate.count(), state[0] + Math.max(0, now - (long) state[1]) * perMs);
    }

    static long msUntil(double tokens, Rate rate) {
        return (long) Math.ceil(tokens * rate.period().toMillis() / rate.count());
    }

    private static List<Decision.BucketState> states(List<Admission.Bucket> buckets, double[] tokens) {
        List<Decision.BucketState> out = new ArrayList<>(buckets.size());
        for (int i = 0; i < tokens.length; i++) {
            Admission.Bucket b = buckets.get(i);
            out.add(new Decision.BucketState(b, (long) Math.floor(Math.max(0, tokens[i])),
                    msUntil(b.rate().count() - tokens[i], b.rate())));
        }
        return out;
    }

    private static String key(Admission.Bucket b) {
        return b.policy() + ":" + b.id();
    }

    private void sweepIfLarge(long now) {
        if (buckets.size() > SWEEP_AT) {
            // A bucket idle for a whole period is full again: forgetting it changes nothing.
            buckets.values().removeIf(s -> now - (long) s[1] > (long) s[2]);
        }
        if (failures.size() > SWEEP_AT) {
            failures.values().removeIf(f -> f[1] <= now && f[2] + lockout.max().toMillis() < now);
        }
    }

    @Override
    public String describe() {
        return "memory (per instance)";
    }
}
