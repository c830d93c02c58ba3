package dev.aiguardian.gateway.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The conditions under which this instance may take traffic, each named so /health/ready can say which fails. */
public final class Readiness {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    public Readiness require(String name, BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    /** Each check's state, in the order they were added. */
    public Map<String, Boolean> evaluate() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        checks.forEach((name, check) -> out.put(name, check.getAsBoolean()));
        return out;
    }

    public boolean isReady() {
        return checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
    }
}
