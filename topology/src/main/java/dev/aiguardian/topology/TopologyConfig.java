package dev.aiguardian.topology;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

import dev.aiguardian.config.Env;
import dev.aiguardian.workers.context.ContextSettings;
import dev.aiguardian.workers.context.MemoryLimits;

/**
 * How the context and usage Streams applications run, read once from the environment.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param stateDir         {@code STREAMS_STATE_DIR}: RocksDB state (rebuilt from changelogs when lost)
 * @param instance         {@code STREAMS_INSTANCE_ID}: names this instance in results and heartbeats
 * @param context          {@code CONTEXT_MAX_TURNS}, {@code CONTEXT_MAX_TOKENS}, {@code CONTEXT_IDLE_TTL_MS},
 *                         {@code CONTEXT_WINDOW_TOKENS}
 * @param sweepEvery       {@code CONTEXT_SWEEP_INTERVAL_MS}: how often idle sessions are deleted
 * @param usageGrace       {@code USAGE_GRACE_MS}: how late a result may arrive and still count in its day/month
 * @param heartbeat        {@code HEARTBEAT_INTERVAL_MS}
 */
public record TopologyConfig(String bootstrapServers, Path stateDir, String instance, ContextSettings context,
        Duration sweepEvery, Duration usageGrace, Duration heartbeat) {

    public static TopologyConfig fromEnv(Env env) {
        MemoryLimits limits = new MemoryLimits(
                env.integer("CONTEXT_MAX_TURNS", MemoryLimits.DEFAULT.maxTurns(), 1, 10_000),
                env.integer("CONTEXT_MAX_TOKENS", MemoryLimits.DEFAULT.maxTokens(), 1, 10_000_000),
                env.duration("CONTEXT_IDLE_TTL_MS", MemoryLimits.DEFAULT.idleTtl(), Duration.ofSeconds(1),
                        Duration.ofDays(365)));
        ContextSettings d = ContextSettings.DEFAULT;
        ContextSettings context = new ContextSettings(limits, d.drift(),
                env.integer("CONTEXT_WINDOW_TOKENS", d.defaultWindowTokens(), 1, 10_000_000), d.encoding());
        return new TopologyConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                Path.of(env.string("STREAMS_STATE_DIR", "./data/streams")).toAbsolutePath().normalize(),
                env.string("STREAMS_INSTANCE_ID", "topology-" + ManagementFactory.getRuntimeMXBean().getName()),
                context,
                env.duration("CONTEXT_SWEEP_INTERVAL_MS", Duration.ofMinutes(1), Duration.ofMillis(100),
                        Duration.ofDays(1)),
                env.duration("USAGE_GRACE_MS", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7)),
                env.duration("HEARTBEAT_INTERVAL_MS", Duration.ofSeconds(2), Duration.ofMillis(100),
                        Duration.ofMinutes(5)));
    }

    /** Defaults for running in-process (standalone, tests) with state under {@code stateDir}. */
    public static TopologyConfig embedded(String bootstrapServers, Path stateDir) {
        return new TopologyConfig(bootstrapServers, stateDir,
                "topology-" + ManagementFactory.getRuntimeMXBean().getName(), ContextSettings.DEFAULT,
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(2));
    }

    /** The same settings against another cluster and state folder (standalone puts state under DATA_DIR). */
    public TopologyConfig at(String newBootstrapServers, Path newStateDir) {
        return new TopologyConfig(newBootstrapServers, newStateDir, instance, context, sweepEvery, usageGrace,
                heartbeat);
    }

    public TopologyConfig withHeartbeat(Duration interval) {
        return new TopologyConfig(bootstrapServers, stateDir, instance, context, sweepEvery, usageGrace, interval);
    }
}
