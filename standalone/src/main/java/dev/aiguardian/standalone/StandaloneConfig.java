package dev.aiguardian.standalone;

import java.nio.file.Path;
import java.util.Optional;

import dev.aiguardian.config.Env;
import dev.aiguardian.embedded.EmbeddedKafka;

/**
 * Settings of the embedded broker (roles {@code all} and {@code broker}).
 *
 * @param kafkaPort      {@code KAFKA_PORT}: port of the embedded broker for clients in other processes
 * @param dataDir        {@code DATA_DIR}: where the embedded broker (and, for {@code all}, the Streams state) lives
 * @param externalKafka  {@code KAFKA_BOOTSTRAP_SERVERS}: a cluster to use instead of embedding one ({@code all})
 * @param listenHost     {@code KAFKA_LISTEN_HOST}: the address the broker binds, 127.0.0.1 unless in a container
 * @param advertisedHost {@code KAFKA_ADVERTISED_HOST}: the host clients are told to connect to (a container's
 *                       service name); defaults to the listen host, or localhost when that is 0.0.0.0
 */
public record StandaloneConfig(int kafkaPort, Path dataDir, Optional<String> externalKafka, String listenHost,
                               String advertisedHost) {

    public StandaloneConfig(int kafkaPort, Path dataDir, Optional<String> externalKafka) {
        this(kafkaPort, dataDir, externalKafka, EmbeddedKafka.LOOPBACK, EmbeddedKafka.LOOPBACK);
    }

    public static StandaloneConfig fromEnv(Env env) {
        String listen = env.string("KAFKA_LISTEN_HOST", EmbeddedKafka.LOOPBACK);
        return new StandaloneConfig(
                env.integer("KAFKA_PORT", 9092, 1, 65535),
                Path.of(env.string("DATA_DIR", "./data")).toAbsolutePath().normalize(),
                env.raw("KAFKA_BOOTSTRAP_SERVERS"),
                listen,
                env.string("KAFKA_ADVERTISED_HOST", "0.0.0.0".equals(listen) ? "localhost" : listen));
    }

    /** This data folder's name as a static group member, made once and kept in {@code DATA_DIR/member.id}. */
    public String memberId() throws java.io.IOException {
        java.nio.file.Path file = dataDir.resolve("member.id");
        if (java.nio.file.Files.exists(file)) {
            return java.nio.file.Files.readString(file).trim();
        }
        java.nio.file.Files.createDirectories(dataDir);
        String id = "standalone-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Files.writeString(file, id);
        return id;
    }

    /** Starts the embedded broker these settings describe. */
    public EmbeddedKafka startBroker() throws Exception {
        return EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort, listenHost, advertisedHost);
    }
}
