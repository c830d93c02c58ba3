package dev.aiguardian.gateway.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The conditions under which this instance may take traffic, each named so /health/ready can say which
 * fails, and, for some, why.
 */
public final class Readiness {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    private final Map<String, Supplier<Optional<String>>> explained = new LinkedHashMap<>();

    public Readiness require(String name, BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    /** A condition that holds while {@code problem} is empty, and otherwise says what is wrong. */
    public Readiness require(String name, Supplier<Optional<String>> problem) {
        explained.put(name, problem);
        return require(name, () -> problem.get().isEmpty());
    }

    /** What is wrong with each failing condition that can say. */
    public Map<String, String> problems() {
        Map<String, String> out = new LinkedHashMap<>();
        explained.forEach((name, problem) -> problem.get().ifPresent(p -> out.put(name, p)));
        return out;
    }

    /** Each check's state, in the order they were added. */
    public Map<String, Boolean> evaluate() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        checks.forEach((name, check) -> out.put(name, check.getAsBoolean()));
        return out;
    }

    /** The names of the checks, in the order they were added. */
    public List<String> names() {
        return List.copyOf(checks.keySet());
    }

    /** Whether the check {@code name} holds now. */
    public boolean holds(String name) {
        return checks.get(name).getAsBoolean();
    }

    public boolean isReady() {
        return checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
    }
}
