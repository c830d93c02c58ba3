package dev.aiguardian.standalone;

import java.nio.file.Path;
import java.util.Optional;

import dev.aiguardian.config.Env;

/**
 * Settings of the all-in-one process.
 *
 * @param kafkaPort      port of the embedded broker for outside clients (kcat, other processes)
 * @param dataDir        where the embedded broker keeps its logs
 * @param externalKafka  a cluster to use instead of embedding one ({@code KAFKA_BOOTSTRAP_SERVERS})
 */
public record StandaloneConfig(int kafkaPort, Path dataDir, Optional<String> externalKafka) {

    public static StandaloneConfig fromEnv(Env env) {
        return new StandaloneConfig(
                env.integer("KAFKA_PORT", 9092, 1, 65535),
                Path.of(env.string("DATA_DIR", "./data")).toAbsolutePath().normalize(),
                env.raw("KAFKA_BOOTSTRAP_SERVERS"));
    }
}
