package dev.aiguardian.guards.bias;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of biased or toxic language BiasGuard reports, by their wire names. */
public enum BiasCategory {
    GENDER, RACE_ETHNICITY, AGE, DISABILITY, RELIGION, SEXUAL_ORIENTATION, SOCIOECONOMIC,
    NATIONALITY_IMMIGRATION, TOXICITY;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<BiasCategory> find(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equalsIgnoreCase(wireName.trim())).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(BiasCategory::wireName).toList();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
