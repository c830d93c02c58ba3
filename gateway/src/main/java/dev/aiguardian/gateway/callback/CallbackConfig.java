package dev.aiguardian.gateway.callback;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.aiguardian.config.Env;

/**
 * Signed callbacks: the Standard Webhooks secret ({@code WEBHOOK_SECRET=whsec_<base64>}), hosts exempt
 * from the SSRF check, the retry schedule, and how often and how much of the durable queue (Postgres
 * job store) each instance takes.
 *
 * @param pollInterval how often an instance looks for due attempts in the durable queue
 * @param pollBatch at most this many attempts in flight per instance, from the queue
 */
public record CallbackConfig(Optional<byte[]> secret, List<String> allowedHosts, int maxAttempts,
                             Duration initialBackoff, Duration maxBackoff, Duration timeout,
                             Duration pollInterval, int pollBatch) {

    /** The signing secret's variable, also its name among the rotatable secrets. */
    public static final String WEBHOOK_SECRET = "WEBHOOK_SECRET";

    public static CallbackConfig fromEnv(Env env) {
        Optional<byte[]> secret = env.raw(WEBHOOK_SECRET).flatMap(s -> {
            try {
                byte[] key = key(s);
                if (key.length < 16) {
                    env.problem(WEBHOOK_SECRET, "decodes to " + key.length + " bytes; use at least 16 "
                            + "(e.g. whsec_$(openssl rand -base64 32))");
                    return Optional.empty();
                }
                return Optional.of(key);
            } catch (IllegalArgumentException e) {
                env.problem(WEBHOOK_SECRET, "is not whsec_ followed by base64; generate one with "
                        + "whsec_$(openssl rand -base64 32)");
                return Optional.empty();
            }
        });
        List<String> hosts = env.list("CALLBACK_ALLOWED_HOSTS", List.of()).stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return new CallbackConfig(secret, hosts,
                env.integer("CALLBACK_MAX_ATTEMPTS", 6, 1, 50),
                env.duration("CALLBACK_INITIAL_BACKOFF_MS", Duration.ofSeconds(1), Duration.ofMillis(10),
                        Duration.ofMinutes(10)),
                env.duration("CALLBACK_MAX_BACKOFF_MS", Duration.ofMinutes(5), Duration.ofMillis(10), Duration.ofHours(6)),
                env.duration("CALLBACK_TIMEOUT_MS", Duration.ofSeconds(10), Duration.ofMillis(100),
                        Duration.ofMinutes(5)),
                env.duration("CALLBACK_POLL_INTERVAL_MS", Duration.ofSeconds(1), Duration.ofMillis(10),
                        Duration.ofMinutes(5)),
                env.integer("CALLBACK_POLL_BATCH", 32, 1, 1000));
    }

    /** The HMAC key of a {@code whsec_<base64>} secret; throws {@link IllegalArgumentException} when it is not base64. */
    public static byte[] key(String whsec) {
        return Base64.getDecoder().decode(whsec.startsWith("whsec_") ? whsec.substring(6) : whsec);
    }

    @Override
    public String toString() {
        return "CallbackConfig[secret=" + (secret.isPresent() ? "***" : "(none)") + ", allowedHosts=" + allowedHosts
                + ", maxAttempts=" + maxAttempts + ", pollInterval=" + pollInterval + ", pollBatch=" + pollBatch + "]";
    }
}
