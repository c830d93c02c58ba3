package dev.aiguardian.secrets;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.aiguardian.config.Env;

/**
 * Where the settings secret lives and how it is re-read, from the process environment (never from the secret
 * itself): each option is declared here once.
 *
 * @param enabled  {@code AWS_SECRETS_ENABLED}: read the secret at start-up (default false)
 * @param name     {@code AWS_SECRETS_NAME}: its name or ARN (default {@code codeguardians-gateway/<ENVIRONMENT>})
 * @param region   {@code AWS_REGION}; when unset the SDK's region chain (profile, instance metadata) is asked
 * @param endpoint {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, else {@code AWS_ENDPOINT_URL}: another endpoint
 *                 (a VPC endpoint, LocalStack, a test server)
 * @param refresh  {@code AWS_SECRETS_REFRESH_MS}: how often the rotatable keys are re-read; zero turns it off
 * @param grace    {@code AWS_SECRETS_GRACE_MS}: how long a replaced rotatable value stays accepted
 */
public record SecretsSettings(boolean enabled, String name, Optional<String> region, Optional<URI> endpoint,
                              Duration refresh, Duration grace) {

    public static final String ENABLED = "AWS_SECRETS_ENABLED";
    public static final String NAME = "AWS_SECRETS_NAME";
    public static final String REGION = "AWS_REGION";
    public static final String REFRESH = "AWS_SECRETS_REFRESH_MS";
    public static final String GRACE = "AWS_SECRETS_GRACE_MS";
    /** The SDK's own endpoint overrides, service-specific first (the SDK reads them in this order too). */
    public static final List<String> ENDPOINTS = List.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL");
    /** The SDK's switch that makes it ignore the endpoint overrides above. */
    static final String IGNORE_ENDPOINTS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    /** Names in the secret that configure this loader: they cannot take effect from inside it. */
    static final String OWN_PREFIX = "AWS_SECRETS_";

    /**
     * Five minutes: a rotated key reaches every process within that time at one GetSecretValue call per process
     * (about 8,600 calls a month, well under a dollar at Secrets Manager's price); SIGHUP applies it at once.
     */
    static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    /**
     * One hour: several refresh intervals, so every process has the new value before any refuses the old one,
     * and the default cache time of AWS's Secrets Manager caching clients, so callers that read the key from the
     * same secret through them have moved on too.
     */
    static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    public static SecretsSettings fromEnv(Env env) {
        boolean enabled = env.bool(ENABLED, false);
        String environment = env.string("ENVIRONMENT", "development").toLowerCase(Locale.ROOT);
        String name = env.string(NAME, "codeguardians-gateway/" + environment);
        Optional<URI> endpoint = Optional.empty();
        if (!env.bool(IGNORE_ENDPOINTS, false)) {
            for (String variable : ENDPOINTS) {
                if (env.raw(variable).isPresent()) {
                    endpoint = env.uri(variable, List.of("http", "https"));
                    break;
                }
            }
        }
        Duration refresh = env.duration(REFRESH, DEFAULT_REFRESH, Duration.ZERO, Duration.ofDays(1));
        if (!refresh.isZero() && refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            env.problem(REFRESH, refresh.toMillis() + "", "is too often; use 0 (off) or at least 1000 ms");
        }
        Duration grace = env.duration(GRACE, DEFAULT_GRACE, Duration.ZERO, Duration.ofDays(7));
        return new SecretsSettings(enabled, name, env.raw(REGION), endpoint, refresh, grace);
    }

    /** The endpoint as operators know it, for error lines: the override, else the region's public one. */
    String describeEndpoint(String resolvedRegion) {
        return endpoint.map(URI::toString).orElse("https://secretsmanager." + resolvedRegion + ".amazonaws.com");
    }
}
