package dev.aiguardian.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets that may change while the process runs (rotation): for each name, the value in force and, for
 * a grace period after a rotation, the values it replaced, so that callers holding the old one are not cut off.
 */
public interface RotatingSecrets {

    /** The current value first, then earlier values still inside their grace period; empty when unset. */
    List<String> accepted(String name);

    /** The value in force, if any. */
    default Optional<String> current(String name) {
        List<String> all = accepted(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Values read once that never change (no rotation source configured). */
    static RotatingSecrets fixed(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> {
            String v = copy.get(name);
            return v == null || v.isBlank() ? List.of() : List.of(v);
        };
    }

    /** The names of the rotatable secrets, taken from {@code env} without rotation. */
    static RotatingSecrets fromEnv(Env env, String... names) {
        Map<String, String> found = new java.util.HashMap<>();
        for (String n : names) {
            env.raw(n).ifPresent(v -> found.put(n, v));
        }
        return fixed(found);
    }
}
