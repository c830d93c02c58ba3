package dev.aiguardian.gateway.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.aiguardian.config.Env;

/** Where idempotency keys live ({@code REDIS_URL}, else memory) and for how long. */
public record IdempotencyConfig(Optional<String> redisUrl, Duration ttl) {

    public static IdempotencyConfig fromEnv(Env env) {
        Optional<String> url = env.uri("REDIS_URL", List.of("redis", "rediss")).map(Object::toString);
        Duration ttl = env.duration("IDEMPOTENCY_TTL_MS", Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofDays(30));
        return new IdempotencyConfig(url, ttl);
    }

    @Override
    public String toString() {
        return "IdempotencyConfig[redis=" + redisUrl.map(Env::redact).orElse("(in memory)") + ", ttl=" + ttl + "]";
    }
}
