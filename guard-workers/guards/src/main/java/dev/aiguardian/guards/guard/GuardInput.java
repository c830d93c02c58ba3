package dev.aiguardian.guards.guard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a guard inspects: the text, the caller's options from the payload, and who asked. */
public record GuardInput(String text, Map<String, Object> options, String userId, String sessionId) {

    public GuardInput {
        options = options == null ? Map.of() : options;
    }

    public static GuardInput of(String text) {
        return new GuardInput(text, Map.of(), null, null);
    }

    public static GuardInput of(String text, Map<String, Object> options) {
        return new GuardInput(text, options, null, null);
    }

    public Optional<String> stringOption(String name) {
        Object v = options.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw new InvalidOptionException(name, "must be a string");
    }

    public Optional<Long> longOption(String name, long min, long max) {
        Object v = options.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            long l = n.longValue();
            if (l < min || l > max) {
                throw new InvalidOptionException(name, "must be between " + min + " and " + max);
            }
            return Optional.of(l);
        }
        throw new InvalidOptionException(name, "must be a whole number");
    }

    public Optional<Double> doubleOption(String name, double min, double max) {
        Object v = options.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d < min || d > max) {
                throw new InvalidOptionException(name, "must be between " + min + " and " + max);
            }
            return Optional.of(d);
        }
        throw new InvalidOptionException(name, "must be a number");
    }

    public Optional<Boolean> boolOption(String name) {
        Object v = options.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        throw new InvalidOptionException(name, "must be true or false");
    }

    /** A list of strings; a single string counts as a list of one. */
    public Optional<List<String>> stringListOption(String name) {
        Object v = options.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(List.of(s));
        }
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof String)) {
            return Optional.of(list.stream().map(String.class::cast).toList());
        }
        throw new InvalidOptionException(name, "must be a list of strings");
    }

    /** The raw option, for structured values such as {@code messages} or {@code json_schema}. */
    public Optional<Object> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
