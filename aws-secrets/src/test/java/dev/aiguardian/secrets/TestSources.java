package dev.aiguardian.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real SDK client with fixed test credentials and no region chain (tests cannot set the process environment). */
final class TestSources {
    static final String ACCESS_KEY = "AKIDFAKEFORTESTS";

    private TestSources() {
    }

    static Function<SecretsSettings, SecretsManagerSource> sdk() {
        return s -> new SecretsManagerSource(s,
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "fake/secret/key"))),
                Optional::empty);
    }

    /** A clock the test moves by hand, so that grace periods are checked without waiting. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
