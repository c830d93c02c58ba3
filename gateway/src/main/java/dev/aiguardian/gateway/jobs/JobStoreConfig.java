package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.aiguardian.config.Env;

/**
 * Where jobs live: Postgres when {@code DATABASE_ENABLED=true} (shared by every gateway instance,
 * survives restarts), else a bounded in-memory map of this instance.
 *
 * @param databaseUrl a {@code postgresql://} URL (the seed's {@code postgresql+asyncpg://} form is
 *                    accepted and rewritten); holds a password, so never printed
 * @param writeAttempts how often the job writer tries a result the store rejects for its content before
 *                      it dead-letters it ({@code JOB_WRITE_MAX_ATTEMPTS})
 */
public record JobStoreConfig(Optional<String> databaseUrl, int poolSize, int maxEntries, int maxMegabytes,
                             Duration ttl, int writeAttempts) {

    public static JobStoreConfig fromEnv(Env env) {
        boolean enabled = env.bool("DATABASE_ENABLED", false);
        Optional<String> url = env.raw("DATABASE_URL").map(JobStoreConfig::normalise);
        if (enabled && url.isEmpty()) {
            env.problem("DATABASE_URL", "is required when DATABASE_ENABLED=true, e.g. postgresql://user:pass@host:5432/db");
        }
        if (enabled && url.isPresent() && !url.get().startsWith("postgresql://")) {
            env.problem("DATABASE_URL", Env.redact(url.get()), "must start with postgresql:// (or postgresql+asyncpg://)");
            url = Optional.empty();
        }
        if (enabled && url.isPresent() && !parses(url.get())) {
            // Checked here so that a URL no parser takes stops start-up with one line, its password hidden.
            env.problem("DATABASE_URL", Env.redact(url.get()), "is not a valid URL; percent-encode special"
                    + " characters in the user and password (a space is %20, @ is %40), e.g."
                    + " postgresql://user:pass@host:5432/db");
            url = Optional.empty();
        }
        int pool = env.integer("DATABASE_POOL_SIZE", 8, 1, 200);
        int maxEntries = env.integer("JOB_STORE_MAX_ENTRIES", 100_000, 100, 50_000_000);
        // The in-memory store shares the heap with everything else in the process: a count alone let 100,000
        // results outgrow the standalone's 384 MB heap (docs/benchmarks.md, 2026-12-01).
        int maxMegabytes = env.integer("JOB_STORE_MAX_MB", 64, 1, 1_048_576);
        Duration ttl = env.duration("JOB_TTL_MS", Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(90));
        int writeAttempts = env.integer("JOB_WRITE_MAX_ATTEMPTS", 3, 1, 20);
        return new JobStoreConfig(enabled ? url : Optional.empty(), pool, maxEntries, maxMegabytes, ttl, writeAttempts);
    }

    public static JobStoreConfig inMemory() {
        return new JobStoreConfig(Optional.empty(), 8, 100_000, 64, Duration.ofHours(24), 3);
    }

    public JobStoreConfig withDatabase(String url) {
        return new JobStoreConfig(Optional.of(normalise(url)), poolSize, maxEntries, maxMegabytes, ttl, writeAttempts);
    }

    private static boolean parses(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The seed's SQLAlchemy-style URLs name a driver; the wire protocol is the same. */
    static String normalise(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"postgresql+asyncpg://", "postgresql+psycopg2://", "postgresql+psycopg://",
                "postgres://"}) {
            if (lower.startsWith(prefix)) {
                return "postgresql://" + url.substring(prefix.length());
            }
        }
        return url;
    }

    @Override
    public String toString() {
        return "JobStoreConfig[database=" + databaseUrl.map(Env::redact).orElse("(in memory)") + ", poolSize="
                + poolSize + ", maxEntries=" + maxEntries + ", maxMegabytes=" + maxMegabytes + ", ttl=" + ttl + ", writeAttempts=" + writeAttempts + "]";
    }
}
