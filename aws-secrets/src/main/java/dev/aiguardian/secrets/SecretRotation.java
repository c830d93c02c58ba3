package dev.aiguardian.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.config.RotatingSecrets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The rotatable secrets (API keys, the webhook secret) backed by Secrets Manager: re-read on an interval and on
 * SIGHUP; a value that is replaced stays accepted for the grace period; a refresh that fails or does not pass the
 * configuration's own checks keeps the values in force. Names set in the process environment never rotate.
 */
public final class SecretRotation implements RotatingSecrets, MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretRotation.class);

    /** What one refresh did; the {@code outcome} tag of {@code aiguardian_secrets_refresh_total}. */
    public enum Outcome {
        /** A rotatable value changed (or appeared). */
        CHANGED,
        /** The secret was read and no rotatable value changed. */
        UNCHANGED,
        /** The secret could not be read; the values in force stay. */
        FAILED,
        /** The secret was read but a value failed the configuration's checks; the values in force stay. */
        REJECTED
    }

    /** A value in force and the values it replaced that are still inside their grace period. */
    private record Versions(String current, List<Replaced> replaced) {
    }

    private record Replaced(String value, Instant until) {
    }

    private final List<String> names;
    private final Map<String, String> pinned;
    private final SecretsManagerSource source;
    private final Function<Map<String, String>, Env> envOf;
    private final Consumer<Env> check;
    private final Duration grace;
    private final Clock clock;
    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
    private volatile Map<String, Versions> state;
    private Map<String, String> lastSecret;
    private volatile ScheduledExecutorService timer;
    private volatile Optional<AutoCloseable> sighup = Optional.empty();

    /**
     * @param process   the process environment: rotatable names set there are pinned to it
     * @param initial   the merged settings the process started with
     * @param source    where refreshes read the secret; null for values that never change
     * @param envOf     the environment a process would start with, given the secret's values
     */
    SecretRotation(Collection<String> names, Map<String, String> process, Map<String, String> initial,
                   SecretsManagerSource source, Function<Map<String, String>, Env> envOf, Consumer<Env> check,
                   Duration grace, Clock clock) {
        this.names = List.copyOf(names);
        this.source = source;
        this.envOf = envOf;
        this.check = check;
        this.grace = grace;
        this.clock = clock;
        Map<String, String> pins = new HashMap<>();
        Map<String, Versions> start = new HashMap<>();
        for (String name : this.names) {
            String p = process.get(name);
            String v = initial.get(name);
            if (source == null || isSet(p)) {
                if (isSet(v)) {
                    pins.put(name, v.trim());
                }
            } else if (isSet(v)) {
                start.put(name, new Versions(v.trim(), List.of()));
            }
        }
        this.pinned = Map.copyOf(pins);
        this.state = Map.copyOf(start);
        this.lastSecret = Map.copyOf(initial);
        for (Outcome o : Outcome.values()) {
            counts.put(o, new AtomicLong());
        }
    }

    /** Values from the process environment only, read once: no secret, no refresh. */
    static SecretRotation fixed(Env env, Collection<String> names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            env.raw(name).ifPresent(v -> values.put(name, v));
        }
        return new SecretRotation(names, values, values, null, v -> env, e -> { }, Duration.ZERO, Clock.systemUTC());
    }

    /** Starts refreshing every {@code interval} (zero: never) and, when {@code onSighup}, on each SIGHUP. */
    synchronized void start(Duration interval, boolean onSighup) {
        if (source == null || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aws-secrets-refresh");
            t.setDaemon(true);
            return t;
        });
        if (!interval.isZero()) {
            timer.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (onSighup) {
            // The signal thread only hands over: the read may take seconds.
            sighup = Sighup.onSignal(() -> timer.execute(this::refreshQuietly));
        }
        LOG.info("Rotatable secrets {} re-read {}{}; a replaced value stays accepted for {} ms", names,
                interval.isZero() ? "never on a timer" : "every " + interval.toMillis() + " ms",
                sighup.isPresent() ? " and on SIGHUP" : "", grace.toMillis());
    }

    @Override
    public List<String> accepted(String name) {
        String p = pinned.get(name);
        if (p != null) {
            return List.of(p);
        }
        Versions v = state.get(name);
        if (v == null) {
            return List.of();
        }
        if (v.replaced().isEmpty()) {
            return List.of(v.current());
        }
        Instant now = clock.instant();
        List<String> all = new ArrayList<>(1 + v.replaced().size());
        all.add(v.current());
        for (Replaced r : v.replaced()) {
            if (r.until().isAfter(now)) {
                all.add(r.value());
            }
        }
        return List.copyOf(all);
    }

    /** Reads the secret now and applies what changed; what the interval and SIGHUP do. */
    public synchronized Outcome refreshNow() {
        if (source == null) {
            return Outcome.UNCHANGED;
        }
        SecretsManagerSource.Read read;
        try {
            read = source.read();
        } catch (SecretReadException e) {
            return count(Outcome.FAILED, "AWS Secrets Manager refresh failed, keeping the values in force: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            return count(Outcome.FAILED, "AWS Secrets Manager refresh failed, keeping the values in force: {}",
                    ProcessRunner.describe(e));
        }
        Env candidate = envOf.apply(read.values());
        check.accept(candidate);
        if (!candidate.problems().isEmpty()) {
            // The candidate hides the secret's values, so its problem lines are safe to log.
            return count(Outcome.REJECTED, "AWS Secrets Manager refresh rejected, keeping the values in force: {}",
                    String.join("; ", candidate.problems()));
        }
        Instant now = clock.instant();
        Map<String, Versions> next = new HashMap<>(state);
        Set<String> rotated = new TreeSet<>();
        for (String name : names) {
            if (pinned.containsKey(name)) {
                continue;
            }
            String raw = read.values().get(name);
            Versions old = next.get(name);
            if (!isSet(raw)) {
                if (old != null) {
                    // Dropping it would switch the check off (no API key means no authentication): never by accident.
                    LOG.warn("{} is no longer in the secret; the value in force stays until a restart", name);
                }
                continue;
            }
            String fresh = raw.trim();
            if (old == null) {
                next.put(name, new Versions(fresh, List.of()));
                rotated.add(name);
            } else if (!old.current().equals(fresh)) {
                List<Replaced> replaced = new ArrayList<>();
                replaced.add(new Replaced(old.current(), now.plus(grace)));
                for (Replaced r : old.replaced()) {
                    // Expired ones go; so does the new value if it is an old one coming back.
                    if (r.until().isAfter(now) && !r.value().equals(fresh)) {
                        replaced.add(r);
                    }
                }
                next.put(name, new Versions(fresh, List.copyOf(replaced)));
                rotated.add(name);
            }
        }
        Set<String> restartNeeded = new TreeSet<>();
        Set<String> keys = new TreeSet<>(read.values().keySet());
        keys.addAll(lastSecret.keySet());
        for (String key : keys) {
            if (!names.contains(key) && !Objects.equals(read.values().get(key), lastSecret.get(key))) {
                restartNeeded.add(key);
            }
        }
        state = Map.copyOf(next);
        lastSecret = Map.copyOf(read.values());
        if (!restartNeeded.isEmpty()) {
            LOG.info("Changed in the secret, applied at the next restart: {}", String.join(", ", restartNeeded));
        }
        if (rotated.isEmpty()) {
            return count(Outcome.UNCHANGED, null, null);
        }
        return count(Outcome.CHANGED, "Rotated from AWS Secrets Manager (version {}): " + String.join(", ", rotated)
                + "; the values they replace are accepted until " + now.plus(grace), read.version());
    }

    private void refreshQuietly() {
        try {
            refreshNow();
        } catch (RuntimeException e) {
            // A bug here must not end the timer: the next refresh tries again.
            LOG.warn("AWS Secrets Manager refresh failed: {}", ProcessRunner.describe(e));
        }
    }

    private Outcome count(Outcome outcome, String message, String detail) {
        counts.get(outcome).incrementAndGet();
        if (message != null) {
            if (outcome == Outcome.CHANGED) {
                LOG.info(message, detail);
            } else {
                LOG.warn(message, detail);
            }
        }
        return outcome;
    }

    /** {@code aiguardian_secrets_refresh_total{outcome}}: counts only, never a value. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            FunctionCounter.builder("aiguardian.secrets.refresh", counts.get(o), AtomicLong::get)
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("Re-reads of the settings secret in AWS Secrets Manager, by outcome")
                    .register(registry);
        }
    }

    // Not synchronized: a refresh may hold the lock for a whole call; closing the client cuts it short.
    @Override
    public void close() {
        sighup.ifPresent(h -> {
            try {
                h.close();
            } catch (Exception e) {
                LOG.debug("SIGHUP handler not restored: {}", e.toString());
            }
        });
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
        if (source != null) {
            source.close();
        }
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }
}
