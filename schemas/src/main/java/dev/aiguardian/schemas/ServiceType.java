package dev.aiguardian.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The five guards, by the name callers put in {@code service_type}. */
public enum ServiceType {
    TOKENGUARD, TRUSTGUARD, CONTEXTGUARD, BIASGUARD, HEALTHGUARD;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The request topic this guard's workers consume. */
    public String requestTopic() {
        return Topics.requests(this);
    }

    public static Optional<ServiceType> find(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    @JsonCreator
    public static ServiceType fromWire(String wireName) {
        return find(wireName).orElseThrow(() -> new IllegalArgumentException(
                "unknown service_type '" + wireName + "'; valid: " + String.join(", ", wireNames())));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ServiceType::wireName).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return wireName;
    }
}
