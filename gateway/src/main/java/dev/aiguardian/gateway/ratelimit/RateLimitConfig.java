package dev.aiguardian.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.aiguardian.config.Env;

/**
 * Rate limits ({@code RATE_LIMIT_PER_KEY}, {@code RATE_LIMIT_PER_USER}, {@code RATE_LIMIT_PER_IP}),
 * failed-auth lockout ({@code AUTH_LOCKOUT_THRESHOLD}, {@code AUTH_LOCKOUT_BASE_MS},
 * {@code AUTH_LOCKOUT_MAX_MS}) and whose {@code X-Forwarded-For} to believe ({@code TRUSTED_PROXIES}).
 * The state lives in Redis when {@code REDIS_URL} is set, else in memory.
 *
 * @param perKey the default of API keys that name no {@code rate_limit} of their own
 * @param perUser per JWT {@code sub}
 */
public record RateLimitConfig(Optional<Rate> perKey, Optional<Rate> perUser, Optional<Rate> perIp,
                              LockoutPolicy lockout, List<String> trustedProxies, ClientAddress clients) {

    public static RateLimitConfig fromEnv(Env env) {
        Optional<Rate> perKey = rate(env, "RATE_LIMIT_PER_KEY");
        Optional<Rate> perUser = rate(env, "RATE_LIMIT_PER_USER");
        Optional<Rate> perIp = rate(env, "RATE_LIMIT_PER_IP");
        int threshold = env.integer("AUTH_LOCKOUT_THRESHOLD", 10, 0, 1000);
        Duration base = env.duration("AUTH_LOCKOUT_BASE_MS", Duration.ofSeconds(1), Duration.ofMillis(10),
                Duration.ofHours(1));
        Duration max = env.duration("AUTH_LOCKOUT_MAX_MS", Duration.ofMinutes(15), Duration.ofMillis(10),
                Duration.ofDays(1));
        if (max.compareTo(base) < 0) {
            env.problem("AUTH_LOCKOUT_MAX_MS", max.toMillis() + " ms", "must be at least AUTH_LOCKOUT_BASE_MS ("
                    + base.toMillis() + " ms)");
        }
        List<String> proxies = env.list("TRUSTED_PROXIES", List.of());
        ClientAddress clients = ClientAddress.trusting(List.of());
        try {
            clients = ClientAddress.trusting(proxies);
        } catch (IllegalArgumentException e) {
            env.problem("TRUSTED_PROXIES", e.getMessage());
        }
        return new RateLimitConfig(perKey, perUser, perIp, new LockoutPolicy(threshold, base, max), proxies, clients);
    }

    private static Optional<Rate> rate(Env env, String name) {
        Optional<String> v = env.raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Rate.parse(v.get());
        } catch (IllegalArgumentException e) {
            env.problem(name, v.get(), "is not a rate; use " + Rate.FORMS);
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RateLimitConfig[perKey=" + perKey.map(Rate::toString).orElse("none") + ", perUser="
                + perUser.map(Rate::toString).orElse("none") + ", perIp=" + perIp.map(Rate::toString).orElse("none")
                + ", lockout=" + lockout + ", trustedProxies=" + trustedProxies + "]";
    }
}
