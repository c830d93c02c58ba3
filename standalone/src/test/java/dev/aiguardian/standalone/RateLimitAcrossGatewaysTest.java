package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.auth.ApiKeys;
import dev.aiguardian.gateway.auth.Scope;
import dev.aiguardian.gateway.ratelimit.Rate;
import dev.aiguardian.schemas.Json;

/**
 * A key's limit holds across the fleet: two gateway instances share their token buckets and lockouts in
 * the real Redis on 127.0.0.1, so what one instance admitted the other counts.
 */
@ExtendWith(KafkaExtension.class)
class RateLimitAcrossGatewaysTest {

    @Test
    void aBurstOverAKeysLimitIsRefusedByBothInstances(String bootstrap) throws Exception {
        String redis = LocalServers.redisUrl();
        // A key of its own per run (buckets are per key name): no bucket of an earlier run (Redis keeps them) interferes.
        String key = ApiKeys.mint();
        String name = "fleet-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String keys = "[" + Json.toString(ApiKeys.entry("fleet", name, key, Set.of(Scope.JOBS_READ),
                Rate.parse("4/h"))) + "]";
        Map<String, String> env = Map.of("REDIS_URL", redis, "API_KEYS", keys);
        try (Gateway a = Pipeline.gateway(bootstrap, env); Gateway b = Pipeline.gateway(bootstrap, env)) {
            Http ha = new Http(a.port());
            Http hb = new Http(b.port());
            assertThat(ha.get("/health/ready").json().get("rate_limits").asText()).startsWith("redis");
            // The whole burst of 4 goes through instance A...
            for (int i = 0; i < 4; i++) {
                assertThat(ha.get("/api/v1/guards/jobs/none", "X-API-Key", key).status()).isEqualTo(404);
            }
            // ...and instance B, which has not seen this key before, refuses the fifth: the bucket is shared.
            Http.Reply refusedByB = hb.get("/api/v1/guards/jobs/none", "X-API-Key", key);
            assertThat(refusedByB.status()).as(refusedByB.body()).isEqualTo(429);
            assertThat(refusedByB.contentType()).startsWith("application/problem+json");
            assertThat(refusedByB.json().get("type").asText()).endsWith("/rate-limited");
            // 4 per hour: a token every 15 minutes.
            assertThat(Long.parseLong(refusedByB.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(800L, 900L);
            assertThat(refusedByB.headers().firstValue("RateLimit-Policy")).contains("\"key\";q=4;w=3600");
            assertThat(refusedByB.headers().firstValue("RateLimit").orElse("")).startsWith("\"key\";r=0;t=");
            Http.Reply refusedByA = ha.get("/api/v1/guards/jobs/none", "X-API-Key", key);
            assertThat(refusedByA.status()).isEqualTo(429);
            assertThat(refusedByA.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aLockoutOnOneInstanceHoldsOnTheOther(String bootstrap) throws Exception {
        String redis = LocalServers.redisUrl();
        String key = ApiKeys.mint();
        String keys = "[" + Json.toString(ApiKeys.entry("fleet", "fleet-2", key,
                Set.of(Scope.JOBS_READ, Scope.GUARDS_PROCESS), Optional.empty())) + "]";
        // Each run from an address of its own (through the trusted loopback), as lockouts outlive a run in Redis.
        String hex = java.util.UUID.randomUUID().toString().replace("-", "");
        String ip = "2001:db8:" + hex.substring(0, 4) + ":" + hex.substring(4, 8) + "::" + hex.substring(8, 12);
        Map<String, String> env = Map.of("REDIS_URL", redis, "API_KEYS", keys, "AUTH_LOCKOUT_THRESHOLD", "2",
                "AUTH_LOCKOUT_BASE_MS", "600s", "AUTH_LOCKOUT_MAX_MS", "3600s", "TRUSTED_PROXIES", "127.0.0.1,::1");
        try (Gateway a = Pipeline.gateway(bootstrap, env); Gateway b = Pipeline.gateway(bootstrap, env)) {
            Http ha = new Http(a.port());
            Http hb = new Http(b.port());
            // A success first clears whatever an earlier run left for this address. Its body is read after the
            // round trip to Redis: held back meanwhile, not lost (a lost body would be an empty-body 400 or no answer).
            Http.Reply afterRoundTrip = ha.post("/api/v1/guards/process", "{\"service_type\":", "X-API-Key", key,
                    "X-Forwarded-For", ip);
            assertThat(afterRoundTrip.status()).as(afterRoundTrip.body()).isEqualTo(400);
            assertThat(afterRoundTrip.json().get("type").asText()).endsWith("/malformed-json");
            assertThat(ha.get("/api/v1/guards/jobs/none", "X-API-Key", "aig_wrong1", "X-Forwarded-For", ip).status())
                    .isEqualTo(401);
            assertThat(hb.get("/api/v1/guards/jobs/none", "X-API-Key", "aig_wrong2", "X-Forwarded-For", ip).status())
                    .isEqualTo(401);
            Http.Reply locked = ha.get("/api/v1/guards/jobs/none", "X-API-Key", key, "X-Forwarded-For", ip);
            assertThat(locked.status()).as(locked.body()).isEqualTo(429);
            assertThat(locked.json().get("type").asText()).endsWith("/auth-locked-out");
            assertThat(hb.get("/api/v1/guards/jobs/none", "X-API-Key", key, "X-Forwarded-For", ip).status())
                    .isEqualTo(429);
        }
    }
}
