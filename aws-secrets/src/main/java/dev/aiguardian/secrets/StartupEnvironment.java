package dev.aiguardian.secrets;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.StartupException;

/**
 * The environment every process builds its settings from: the process environment merged, when
 * {@code AWS_SECRETS_ENABLED=true}, with the flat JSON object of the settings secret in AWS Secrets Manager. The
 * process environment wins key by key, so an operator can override one value without editing the secret.
 */
public final class StartupEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(StartupEnvironment.class);

    private final Map<String, String> process;
    private final SecretsSettings settings;
    private final Function<SecretsSettings, SecretsManagerSource> sources;
    private final Merged merged;
    private final Env env;

    /** The process environment plus the secret's values; which names came from where. */
    record Merged(Map<String, String> vars, Set<String> taken, Set<String> overridden, Set<String> ignored) {
    }

    private StartupEnvironment(Map<String, String> process, SecretsSettings settings,
                               Function<SecretsSettings, SecretsManagerSource> sources, Map<String, String> secret) {
        this.process = Map.copyOf(process);
        this.settings = settings;
        this.sources = sources;
        this.merged = merge(this.process, secret);
        this.env = envOf(merged);
    }

    /**
     * Reads the process environment and, when enabled, the secret; a secret that cannot be read or used ends
     * start-up with one line ({@link StartupException}), a bad loader setting with a {@code ConfigException}.
     */
    public static StartupEnvironment load() {
        return load(System.getenv(), SecretsManagerSource::standard);
    }

    static StartupEnvironment load(Map<String, String> process, Function<SecretsSettings, SecretsManagerSource> sources) {
        Env own = Env.of(process);
        SecretsSettings settings = SecretsSettings.fromEnv(own);
        own.validate();
        if (!settings.enabled()) {
            return new StartupEnvironment(process, settings, sources, Map.of());
        }
        try (SecretsManagerSource source = sources.apply(settings)) {
            SecretsManagerSource.Read read = source.read();
            StartupEnvironment loaded = new StartupEnvironment(process, settings, sources, read.values());
            loaded.logSources(source.region(), read.version());
            return loaded;
        } catch (SecretReadException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /** The settings to build the configuration from; problems with values from the secret never show them. */
    public Env env() {
        return env;
    }

    public SecretsSettings settings() {
        return settings;
    }

    /**
     * The rotatable secrets {@code names}: re-read from the secret every {@code AWS_SECRETS_REFRESH_MS} and on
     * SIGHUP when the secret is enabled; otherwise (and for names set in the process environment) fixed.
     *
     * @param check reads the whole configuration from a candidate environment, recording problems in it: a
     *              refreshed secret with problems is not used (the values in force stay)
     */
    public SecretRotation rotation(Consumer<Env> check, Collection<String> names) {
        if (!settings.enabled()) {
            return SecretRotation.fixed(env, names);
        }
        for (String name : names) {
            if (merged.overridden().contains(name)) {
                LOG.warn("{} is set in the process environment, which wins over the secret: rotating it in the"
                        + " secret has no effect on this process", name);
            }
        }
        SecretRotation rotation = new SecretRotation(names, process, merged.vars(), sources.apply(settings),
                values -> envOf(merge(process, values)), check, settings.grace(), Clock.systemUTC());
        rotation.start(settings.refresh(), true);
        return rotation;
    }

    String origin() {
        return "AWS Secrets Manager secret '" + settings.name() + "'";
    }

    private Env envOf(Merged m) {
        return Env.withSecrets(m.vars(), m.taken(), origin());
    }

    static Merged merge(Map<String, String> process, Map<String, String> secret) {
        Map<String, String> vars = new HashMap<>(process);
        Set<String> taken = new TreeSet<>();
        Set<String> overridden = new TreeSet<>();
        Set<String> ignored = new TreeSet<>();
        secret.forEach((name, value) -> {
            if (name.startsWith(SecretsSettings.OWN_PREFIX)) {
                ignored.add(name);
            } else if (isSet(process.get(name))) {
                overridden.add(name);
            } else {
                vars.put(name, value);
                taken.add(name);
            }
        });
        return new Merged(Map.copyOf(vars), Set.copyOf(taken), Set.copyOf(overridden), Set.copyOf(ignored));
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }

    // Names only: a value never reaches the log.
    private void logSources(String region, String version) {
        LOG.info("Settings from {} (region {}, version {}): {}", origin(), region, version,
                merged.taken().isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(merged.taken())));
        if (!merged.overridden().isEmpty()) {
            LOG.info("Set in the process environment, which wins over the secret: {}",
                    String.join(", ", new TreeSet<>(merged.overridden())));
        }
        if (!merged.ignored().isEmpty()) {
            LOG.warn("Ignored in the secret: {} (they configure the secret's loading; set them in the process"
                    + " environment)", String.join(", ", new TreeSet<>(merged.ignored())));
        }
    }
}
