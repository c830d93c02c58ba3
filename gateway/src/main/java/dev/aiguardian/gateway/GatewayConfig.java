package dev.aiguardian.gateway;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.aiguardian.config.Env;
import dev.aiguardian.gateway.auth.AuthConfig;
import dev.aiguardian.gateway.callback.CallbackConfig;
import dev.aiguardian.gateway.http.EdgeConfig;
import dev.aiguardian.gateway.idempotency.IdempotencyConfig;
import dev.aiguardian.gateway.jobs.JobStoreConfig;
import dev.aiguardian.gateway.ratelimit.RateLimitConfig;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.kafka.TopicBootstrap;

/**
 * The gateway's settings, read and validated once at start-up from the environment (names from the
 * seed's guide where it had them). {@link #toString()} never shows a secret.
 *
 * @param requestTimeout     deadline of a sync call that names no {@code timeout}
 * @param maxRequestTimeout  the largest {@code timeout} a caller may ask for
 * @param maxPending         sync callers waiting at once; past it new calls get 503
 * @param instanceId         stable identity for static group membership ({@code GATEWAY_INSTANCE_ID}), if set
 * @param failOpen           {@code FAIL_OPEN}: what a call that names no {@code fail_open} gets; false (the
 *                           default) means a guard that did not judge the text never lets it pass
 * @param consumerStall      {@code CONSUMER_STALL_MS}: how long a consumer may make no progress while it has
 *                           records to read before readiness reports it stalled
 * @param edge               what the HTTP edge accepts: timeouts, header and connection limits, TLS, {@code READ_ONLY}
 * @param api                batch limit and the console's stream settings
 */
public record GatewayConfig(
        String environment,
        int port,
        KafkaSettings kafka,
        String secretKey,
        boolean debug,
        String logLevel,
        List<String> allowedOrigins,
        List<String> allowedHosts,
        Optional<String> unifiedApiKey,
        Duration requestTimeout,
        Duration maxRequestTimeout,
        int maxPending,
        Optional<String> instanceId,
        String clientId,
        TopicBootstrap topics,
        int httpInstances,
        JobStoreConfig jobs,
        IdempotencyConfig idempotency,
        CallbackConfig callbacks,
        boolean failOpen,
        Duration consumerStall,
        EdgeConfig edge,
        AuthConfig auth,
        RateLimitConfig rateLimits,
        ApiConfig api) {

    public static final String PRODUCTION = "production";
    /** The shared API key's variable, also its name among the rotatable secrets. */
    public static final String API_KEY = AuthConfig.UNIFIED_API_KEY;
    /** The JWT signing key's variable, also its name among the rotatable secrets. */
    public static final String SECRET_KEY = AuthConfig.SECRET_KEY;
    /**
     * The secrets a gateway takes again while it runs (rotation): the shared API key, the JWT signing key, the
     * webhook signing secret, and {@code API_KEYS}, the tenants' keys, read by whatever checks them.
     */
    public static final List<String> ROTATABLE = List.of(API_KEY, SECRET_KEY, CallbackConfig.WEBHOOK_SECRET,
            AuthConfig.API_KEYS);
    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile(
            "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    public static GatewayConfig fromEnv(Env env) {
        String environment = env.string("ENVIRONMENT", "development").toLowerCase(java.util.Locale.ROOT);
        if (!List.of("development", "staging", PRODUCTION, "test").contains(environment)) {
            env.problem("ENVIRONMENT", environment, "must be development, staging, production or test");
        }
        boolean production = PRODUCTION.equals(environment);
        String secretKey = env.raw("SECRET_KEY").orElse(null);
        if (secretKey != null && secretKey.length() < 32) {
            env.problem("SECRET_KEY", "is " + secretKey.length()
                    + " characters; use at least 32 (e.g. `openssl rand -hex 32`)");
        } else if (secretKey == null && production) {
            env.problem("SECRET_KEY", "is required when ENVIRONMENT=production; generate one with `openssl rand -hex 32`");
        }
        if (secretKey == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secretKey = Base64.getEncoder().encodeToString(random);
        }
        List<String> origins = env.list("ALLOWED_ORIGINS", List.of());
        for (String origin : origins) {
            if (!"*".equals(origin) && !ORIGIN.matcher(origin).matches()) {
                env.problem("ALLOWED_ORIGINS", origin, "is not an origin; use scheme://host[:port] without a path,"
                        + " e.g. https://app.example.com, comma-separated, or *");
            }
        }
        String logLevel = env.string("LOG_LEVEL", "INFO").toUpperCase(java.util.Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR").contains(logLevel)) {
            env.problem("LOG_LEVEL", logLevel, "must be one of DEBUG, INFO, WARNING, ERROR");
        }
        Optional<String> apiKey = env.raw(API_KEY);
        if (apiKey.isPresent() && apiKey.get().length() < 16) {
            env.problem(API_KEY, "is too short to be a secret; use at least 16 characters");
        }
        Duration maxTimeout = env.duration("MAX_REQUEST_TIMEOUT_MS", Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofHours(1));
        Duration timeout = env.duration("REQUEST_TIMEOUT_MS", Duration.ofSeconds(30), Duration.ofMillis(10), maxTimeout);
        String clientId = "gateway-" + ManagementFactory.getRuntimeMXBean().getName();
        return new GatewayConfig(
                environment,
                env.integer("PORT", 8000, 0, 65535),
                KafkaSettings.fromEnv(env),
                secretKey,
                env.bool("DEBUG", false),
                logLevel,
                origins,
                env.list("ALLOWED_HOSTS", List.of()),
                apiKey,
                timeout,
                maxTimeout,
                env.integer("MAX_PENDING_REQUESTS", 10_000, 1, 1_000_000),
                env.raw("GATEWAY_INSTANCE_ID"),
                clientId,
                TopicBootstrap.fromEnv(env),
                env.integer("HTTP_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 256),
                JobStoreConfig.fromEnv(env),
                IdempotencyConfig.fromEnv(env),
                CallbackConfig.fromEnv(env),
                env.bool("FAIL_OPEN", false),
                env.duration("CONSUMER_STALL_MS", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                EdgeConfig.fromEnv(env),
                AuthConfig.fromEnv(env),
                RateLimitConfig.fromEnv(env),
                ApiConfig.fromEnv(env));
    }

    /** The largest body accepted ({@code MAX_BODY_BYTES}); the Kafka clients' limits follow from the same setting. */
    public int maxBodyBytes() {
        return kafka.sizes().maxBodyBytes();
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(environment, newPort, kafka, secretKey, debug, logLevel, allowedOrigins,
                allowedHosts, unifiedApiKey, requestTimeout, maxRequestTimeout, maxPending, instanceId,
                clientId, topics, httpInstances, jobs, idempotency, callbacks, failOpen, consumerStall, edge,
                auth, rateLimits, api);
    }

    /** The same settings against another cluster (standalone embeds its own broker). */
    public GatewayConfig withKafka(KafkaSettings cluster) {
        return new GatewayConfig(environment, port, cluster, secretKey, debug, logLevel, allowedOrigins,
                allowedHosts, unifiedApiKey, requestTimeout, maxRequestTimeout, maxPending, instanceId,
                clientId, topics, httpInstances, jobs, idempotency, callbacks, failOpen, consumerStall, edge,
                auth, rateLimits, api);
    }

    public GatewayConfig withMaxPending(int n) {
        return new GatewayConfig(environment, port, kafka, secretKey, debug, logLevel, allowedOrigins, allowedHosts,
                unifiedApiKey, requestTimeout, maxRequestTimeout, n, instanceId, clientId, topics,
                httpInstances, jobs, idempotency, callbacks, failOpen, consumerStall, edge,
                auth, rateLimits, api);
    }

    public GatewayConfig withJobs(JobStoreConfig newJobs) {
        return new GatewayConfig(environment, port, kafka, secretKey, debug, logLevel, allowedOrigins, allowedHosts,
                unifiedApiKey, requestTimeout, maxRequestTimeout, maxPending, instanceId, clientId,
                topics, httpInstances, newJobs, idempotency, callbacks, failOpen, consumerStall, edge,
                auth, rateLimits, api);
    }

    @Override
    public String toString() {
        return "GatewayConfig[environment=" + environment + ", port=" + port + ", " + kafka
                + ", secretKey=***, unifiedApiKey=" + (unifiedApiKey.isPresent() ? "***" : "(none)")
                + ", requestTimeout=" + requestTimeout + ", maxBodyBytes=" + maxBodyBytes() + ", maxPending="
                + maxPending + ", failOpen=" + failOpen + ", consumerStall=" + consumerStall + ", " + api + ", allowedOrigins="
                + allowedOrigins + ", allowedHosts=" + allowedHosts + ", " + jobs
                + ", " + idempotency + ", " + callbacks + ", " + edge + ", " + auth + ", " + rateLimits + "]";
    }
}
