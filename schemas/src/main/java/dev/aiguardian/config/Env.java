package dev.aiguardian.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads typed settings from environment variables and collects every bad value, so that start-up
 * can report them all at once, one line each, instead of failing on the first.
 */
public final class Env {
    /** Values shorter than this are not scrubbed from problem lines: they would blank out ordinary words. */
    private static final int SCRUB_MIN_LENGTH = 8;

    private final Map<String, String> vars;
    private final Set<String> hidden;
    private final String origin;
    private final List<String> problems = new ArrayList<>();

    private Env(Map<String, String> vars, Set<String> hidden, String origin) {
        this.vars = vars;
        this.hidden = hidden;
        this.origin = origin;
    }

    public static Env of(Map<String, String> vars) {
        return new Env(vars, Set.of(), "");
    }

    /**
     * Variables of which some ({@code secretNames}) came from a secret store named by {@code origin}: a problem
     * with one of them says where it came from and never prints its value, wherever the value would appear. The
     * secret values among them are learnt by {@link Redaction}, so no output shows them either.
     */
    public static Env withSecrets(Map<String, String> vars, Set<String> secretNames, String origin) {
        Redaction.learn(vars);
        return new Env(vars, Set.copyOf(secretNames), origin);
    }

    /**
     * The process environment alone, its secret values learnt by {@link Redaction}. A process's settings come from
     * {@code StartupEnvironment.load()} (module aws-secrets), which adds the AWS Secrets Manager secret when enabled:
     * use that in a {@code main}.
     */
    public static Env system() {
        Redaction.learn(System.getenv());
        return of(System.getenv());
    }

    /** The raw value, or empty when unset or blank. */
    public Optional<String> raw(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** Every set variable whose name starts with {@code prefix}, by its full name. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new java.util.TreeMap<>();
        vars.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null && !v.isBlank()) {
                found.put(k, v.trim());
            }
        });
        return found;
    }

    public String string(String name, String fallback) {
        return raw(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                problem(name, v.get(), "must be between " + min + " and " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(name, v.get(), "is not a whole number; use a value between " + min + " and " + max);
            return fallback;
        }
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                problem(name, v.get(), "is not a boolean; use true or false");
                return fallback;
        }
    }

    /** A duration in milliseconds, also accepting an {@code s} or {@code ms} suffix. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            } else if (s.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            } else {
                d = Duration.ofMillis(Long.parseLong(s));
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(name, v.get(), "must be between " + min.toMillis() + " ms and " + max.toMillis() + " ms");
                return fallback;
            }
            return d;
        } catch (NumberFormatException e) {
            problem(name, v.get(), "is not a duration; use milliseconds (2000) or seconds (2s)");
            return fallback;
        }
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String name, List<String> fallback) {
        return raw(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableList()))
                .orElse(fallback);
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.get())) {
                return e;
            }
        }
        problem(name, v.get(), "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return fallback;
    }

    public Optional<URI> uri(String name, List<String> schemes) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(v.get());
            if (u.getScheme() == null || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                problem(name, redact(v.get()), "must be a URL with scheme " + String.join(" or ", schemes));
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (java.net.URISyntaxException e) {
            problem(name, redact(v.get()), "is not a valid URL");
            return Optional.empty();
        }
    }

    /** Records a problem with a value; {@code value} must already be safe to print. */
    public void problem(String name, String value, String fix) {
        if (hidden.contains(name)) {
            add(name + " (from " + origin + ", value not shown) " + fix);
        } else {
            add(name + "=" + (value == null ? "(unset)" : "'" + value + "'") + " " + fix);
        }
    }

    /** Records a problem that is about the variable as a whole (e.g. a missing required one). */
    public void problem(String name, String message) {
        add(name + (hidden.contains(name) ? " (from " + origin + ")" : "") + ": " + message);
    }

    private void add(String line) {
        String safe = line;
        for (String name : hidden) {
            // A check may quote a secret's value under another variable's name.
            String v = vars.get(name);
            if (v != null && v.trim().length() >= SCRUB_MIN_LENGTH) {
                safe = safe.replace(v.trim(), "***");
            }
        }
        problems.add(safe);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws when any value was bad; call once all settings are read. */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems());
        }
    }

    /** Hides the secrets of a value before it is printed: {@link Redaction#redact}, the one redaction. */
    public static String redact(String value) {
        return Redaction.redact(value);
    }
}
