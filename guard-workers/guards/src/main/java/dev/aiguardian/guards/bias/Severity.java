package dev.aiguardian.guards.bias;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** How harmful a finding is; decides the verdict (high blocks, the rest flag) and the score. */
public enum Severity {
    LOW(0.3), MEDIUM(0.6), HIGH(0.9);

    private final double weight;

    Severity(double weight) {
        this.weight = weight;
    }

    /** The risk one finding of this severity contributes to its category's score. */
    public double weight() {
        return weight;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> find(String wireName) {
        for (Severity s : values()) {
            if (s.wireName().equalsIgnoreCase(wireName.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
