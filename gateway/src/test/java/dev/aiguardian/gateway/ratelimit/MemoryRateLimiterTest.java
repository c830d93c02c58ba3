package dev.aiguardian.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemoryRateLimiterTest {
    /** A clock the test moves by hand: refills and lockouts without waiting. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static final LockoutPolicy LOCKOUT = new LockoutPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final Admission.Bucket KEY = new Admission.Bucket("key", "acme/acme-1",
            new Rate(5, Duration.ofMinutes(1)));
    private static final Admission.Bucket IP = new Admission.Bucket("ip", "10.0.0.1", new Rate(100, Duration.ofMinutes(1)));

    private static Admission ok(Admission.Bucket... buckets) {
        return new Admission("10.0.0.1", Admission.Outcome.OK, List.of(buckets));
    }

    @Test
    void aBurstOverTheLimitIsRefusedWithTheTimeUntilTheNextToken() {
        HandClock clock = new HandClock();
        MemoryRateLimiter limiter = new MemoryRateLimiter(LOCKOUT, clock);
        for (int i = 0; i < 5; i++) {
            Decision d = limiter.decide(ok(KEY));
            assertThat(d.status()).isEqualTo(Decision.Status.ALLOWED);
            assertThat(d.buckets().get(0).remaining()).isEqualTo(4 - i);
        }
        Decision refused = limiter.decide(ok(KEY));
        assertThat(refused.status()).isEqualTo(Decision.Status.LIMITED);
        assertThat(refused.limiting()).isEqualTo(KEY);
        // 5 per minute: one token every 12 s.
        assertThat(refused.retryAfterMs()).isEqualTo(12_000);
        assertThat(refused.buckets().get(0).fullInMs()).isEqualTo(60_000);
    }

    @Test
    void aBucketRefillsAtItsRateAndNeverAboveItsSize() {
        HandClock clock = new HandClock();
        MemoryRateLimiter limiter = new MemoryRateLimiter(LOCKOUT, clock);
        for (int i = 0; i < 5; i++) {
            limiter.decide(ok(KEY));
        }
        clock.advance(Duration.ofSeconds(11));
        assertThat(limiter.decide(ok(KEY)).status()).isEqualTo(Decision.Status.LIMITED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.decide(ok(KEY)).status()).isEqualTo(Decision.Status.ALLOWED);
        assertThat(limiter.decide(ok(KEY)).status()).isEqualTo(Decision.Status.LIMITED);
        clock.advance(Duration.ofHours(1));
        int allowed = 0;
        while (limiter.decide(ok(KEY)).status() == Decision.Status.ALLOWED) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void aRequestRefusedByOneBucketTakesNothingFromTheOthers() {
        MemoryRateLimiter limiter = new MemoryRateLimiter(LOCKOUT, new HandClock());
        for (int i = 0; i < 5; i++) {
            limiter.decide(ok(KEY, IP));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.decide(ok(KEY, IP)).status()).isEqualTo(Decision.Status.LIMITED);
        }
        // The address's bucket lost only the 5 admitted requests' tokens.
        assertThat(limiter.decide(ok(IP)).buckets().get(0).remaining()).isEqualTo(94);
    }

    @Test
    void failedAuthenticationsLockTheAddressOutForAGrowingTimeAndSuccessClearsIt() {
        HandClock clock = new HandClock();
        MemoryRateLimiter limiter = new MemoryRateLimiter(LOCKOUT, clock);
        Admission fail = new Admission("10.0.0.9", Admission.Outcome.FAILED, List.of());
        Admission good = new Admission("10.0.0.9", Admission.Outcome.OK, List.of());
        assertThat(limiter.decide(fail).retryAfterMs()).isZero();
        assertThat(limiter.decide(fail).retryAfterMs()).isZero();
        Decision third = limiter.decide(fail);
        assertThat(third.status()).isEqualTo(Decision.Status.FAILURE_COUNTED);
        assertThat(third.retryAfterMs()).isEqualTo(1000);
        // Locked: even the right credential is refused, so a guess that happens to be right teaches nothing.
        Decision locked = limiter.decide(good);
        assertThat(locked.status()).isEqualTo(Decision.Status.LOCKED_OUT);
        assertThat(locked.retryAfterMs()).isEqualTo(1000);
        // Another address is not affected.
        assertThat(limiter.decide(new Admission("10.0.0.8", Admission.Outcome.OK, List.of())).status())
                .isEqualTo(Decision.Status.ALLOWED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.decide(fail).retryAfterMs()).isEqualTo(2000);
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.decide(fail).retryAfterMs()).isEqualTo(4000);
        clock.advance(Duration.ofSeconds(4));
        // Success clears the count: the next failure starts from the beginning.
        assertThat(limiter.decide(good).status()).isEqualTo(Decision.Status.ALLOWED);
        assertThat(limiter.decide(fail).retryAfterMs()).isZero();
    }

    @Test
    void theLockoutIsCappedAndFailuresAreForgottenAfterTheCap() {
        assertThat(LOCKOUT.lockMs(2)).isZero();
        assertThat(LOCKOUT.lockMs(3)).isEqualTo(1000);
        assertThat(LOCKOUT.lockMs(9)).isEqualTo(60_000);
        assertThat(LOCKOUT.lockMs(500)).isEqualTo(60_000);
        HandClock clock = new HandClock();
        MemoryRateLimiter limiter = new MemoryRateLimiter(LOCKOUT, clock);
        Admission fail = new Admission("10.0.0.7", Admission.Outcome.FAILED, List.of());
        limiter.decide(fail);
        limiter.decide(fail);
        clock.advance(Duration.ofSeconds(61));
        assertThat(limiter.decide(fail).retryAfterMs()).isZero();
        assertThat(new LockoutPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)).lockMs(1000)).isZero();
    }
}
