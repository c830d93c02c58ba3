package dev.aiguardian.gateway.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a credential may do, one scope per kind of route; {@code admin} implies every other. */
public enum Scope {
    GUARDS_PROCESS("guards:process"),
    JOBS_READ("jobs:read"),
    USAGE_READ("usage:read"),
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wireName() {
        return wire;
    }

    public static Optional<Scope> find(String name) {
        for (Scope s : values()) {
            if (s.wire.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** The scope names, for error messages. */
    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Scope::wireName).toList());
    }
}
