package dev.aiguardian.topology;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.aiguardian.config.Env;
import dev.aiguardian.guards.context.ContextSettings;
import dev.aiguardian.guards.context.MemoryLimits;
import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.kafka.KafkaSettings;

/**
 * How the Streams applications run, read once from the environment.
 *
 * @param kafka       the cluster and any client settings passed through ({@link KafkaSettings})
 * @param apps        {@code TOPOLOGY_APPS}: which applications this process runs (default all: context,
 *                    usage, pipeline); several processes may run the same ones and share their partitions
 * @param stateDir    {@code STREAMS_STATE_DIR}: RocksDB state (rebuilt from changelogs when lost)
 * @param instance    {@code STREAMS_INSTANCE_ID}: names this instance in results and heartbeats
 * @param context     {@code CONTEXT_MAX_TURNS}, {@code CONTEXT_MAX_TOKENS}, {@code CONTEXT_IDLE_TTL_MS},
 *                    {@code CONTEXT_WINDOW_TOKENS}
 * @param sweepEvery  {@code CONTEXT_SWEEP_INTERVAL_MS}: how often idle sessions are deleted
 * @param usageGrace  {@code USAGE_GRACE_MS}: how late a result may arrive and still count in its day/month
 * @param heartbeat   {@code HEARTBEAT_INTERVAL_MS}
 * @param commitInterval {@code STREAMS_COMMIT_INTERVAL_MS}: how often the context and pipeline apps commit
 *                    their transactions, whose output a sync caller waits for (also their {@code poll.ms});
 *                    the usage app keeps Streams' own 100 ms
 * @param metricsPort {@code TOPOLOGY_METRICS_PORT}: the {@code topology} role's /metrics and /health/live; 0: none
 */
public record TopologyConfig(KafkaSettings kafka, Set<StreamsApplication> apps, Path stateDir, String instance,
        ContextSettings context, Duration sweepEvery, Duration usageGrace, Duration heartbeat, int metricsPort,
        Duration commitInterval) {

    /** A sync caller waits on these commits (docs/benchmarks.md, 2026-12-01: 240 of 265 ms at 100 ms). */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(20);

    public TopologyConfig {
        apps = Set.copyOf(apps);
    }

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
                KafkaSettings.fromEnv(env),
                apps(env),
                Path.of(env.string("STREAMS_STATE_DIR", "./data/streams")).toAbsolutePath().normalize(),
                env.string("STREAMS_INSTANCE_ID", "topology-" + ManagementFactory.getRuntimeMXBean().getName()),
                context,
                env.duration("CONTEXT_SWEEP_INTERVAL_MS", Duration.ofMinutes(1), Duration.ofMillis(100),
                        Duration.ofDays(1)),
                env.duration("USAGE_GRACE_MS", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7)),
                env.duration("HEARTBEAT_INTERVAL_MS", Duration.ofSeconds(2), Duration.ofMillis(100),
                        Duration.ofMinutes(5)),
                // Not the workers' 9400: both roles may run on one host.
                env.integer("TOPOLOGY_METRICS_PORT", 9401, 0, 65535),
                env.duration("STREAMS_COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL, Duration.ofMillis(1),
                        Duration.ofMinutes(1)));
    }

    private static Set<StreamsApplication> apps(Env env) {
        Set<StreamsApplication> apps = EnumSet.noneOf(StreamsApplication.class);
        List<String> names = env.list("TOPOLOGY_APPS", List.of());
        if (names.isEmpty()) {
            return EnumSet.allOf(StreamsApplication.class);
        }
        for (String name : names) {
            StreamsApplication.find(name).ifPresentOrElse(apps::add, () -> env.problem("TOPOLOGY_APPS", name,
                    "is not a Streams application; use a comma-separated list of context, usage, pipeline"));
        }
        return apps;
    }

    /** Defaults for running every application in-process (standalone, tests) with state under {@code stateDir}. */
    public static TopologyConfig embedded(String bootstrapServers, Path stateDir) {
        return new TopologyConfig(KafkaSettings.of(bootstrapServers), EnumSet.allOf(StreamsApplication.class),
                stateDir, "topology-" + ManagementFactory.getRuntimeMXBean().getName(), ContextSettings.DEFAULT,
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(2), 0, DEFAULT_COMMIT_INTERVAL);
    }

    /** The same settings against another cluster and state folder (standalone puts state under DATA_DIR). */
    public TopologyConfig at(KafkaSettings cluster, Path newStateDir) {
        return new TopologyConfig(cluster, apps, newStateDir, instance, context, sweepEvery, usageGrace, heartbeat,
                metricsPort, commitInterval);
    }

    public TopologyConfig withApps(Set<StreamsApplication> only) {
        return new TopologyConfig(kafka, only, stateDir, instance, context, sweepEvery, usageGrace, heartbeat,
                metricsPort, commitInterval);
    }

    public TopologyConfig withHeartbeat(Duration interval) {
        return new TopologyConfig(kafka, apps, stateDir, instance, context, sweepEvery, usageGrace, interval,
                metricsPort, commitInterval);
    }
}
