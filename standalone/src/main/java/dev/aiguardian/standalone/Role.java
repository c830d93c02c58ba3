package dev.aiguardian.standalone;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What one process of the standalone jar runs: everything, or one part of a split deployment. */
enum Role {
    /** Broker, workers, Streams applications and gateway in one JVM (the default). */
    ALL,
    /** Only the embedded KRaft broker: for local multi-process runs and machines without a Kafka image. */
    BROKER,
    /** The HTTP gateway, against {@code KAFKA_BOOTSTRAP_SERVERS}. */
    GATEWAY,
    /** The guard workers named by {@code GUARDS}. */
    WORKERS,
    /** The Kafka Streams applications named by {@code TOPOLOGY_APPS}. */
    TOPOLOGY;

    static Optional<Role> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|"));
    }
}
