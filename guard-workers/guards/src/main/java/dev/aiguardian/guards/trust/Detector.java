package dev.aiguardian.guards.trust;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The detector families a caller can choose with the {@code detectors} option. */
public enum Detector {
    INJECTION("injection"), SECRETS("secret"), PII("pii"), URLS("url");

    private final String category;
    /** Built once: every report names its detectors, and a lower-casing per call showed in the 1 KB profile. */
    private final String wireName;

    Detector(String category) {
        this.category = category;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public String wireName() {
        return wireName;
    }

    /** The {@code category} of the findings this detector produces. */
    public String category() {
        return category;
    }

    /** Accepts the wire name, the category name and the singular/plural forms. */
    public static Optional<Detector> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Detector d : values()) {
            if (d.wireName().equals(n) || d.category.equals(n) || (d.category + "s").equals(n)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Detector::wireName).collect(Collectors.joining(", "));
    }
}
