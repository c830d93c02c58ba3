package dev.aiguardian.guards.trust;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@code redacted_text} replaces a secret or personal-data span. */
public enum Redaction {
    /** {@code [EMAIL_1]}: typed, numbered per distinct value, so the text stays readable. */
    PLACEHOLDER,
    /** Same length, every non-separator char replaced by {@code *}. */
    MASK,
    /** {@code [EMAIL:3f2a9c1b7d4e]}: a salted SHA-256 prefix, equal values give equal hashes. */
    HASH;

    /** Built once: every report names its mode, and a lower-casing per call showed in the 1 KB profile. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<Redaction> find(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Redaction::wireName).collect(Collectors.joining(", "));
    }
}
