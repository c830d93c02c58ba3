package dev.aiguardian.workers;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.aiguardian.config.Env;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.ServiceType;

/**
 * How a worker process runs, read once from the environment.
 *
 * @param kafka             the cluster and any client settings passed through ({@link KafkaSettings})
 * @param guards            the guards this process hosts ({@code GUARDS}, default: every guard this build has)
 * @param workerId          names this process in results, heartbeats and dead letters
 * @param threads           guard threads shared by all hosted guards
 * @param heartbeatInterval how often each hosted guard announces itself on guard.heartbeats
 * @param maxAttempts       tries of a guard that throws before its request goes to guard.dlq
 * @param metricsPort       port of the worker's own /metrics endpoint when run alone; 0 for none
 */
public record WorkerConfig(
        KafkaSettings kafka,
        Set<ServiceType> guards,
        String workerId,
        int threads,
        Duration heartbeatInterval,
        int maxAttempts,
        int metricsPort) {

    public WorkerConfig {
        guards = Set.copyOf(guards);
    }

    public static WorkerConfig fromEnv(Env env, Set<ServiceType> available) {
        KafkaSettings kafka = KafkaSettings.fromEnv(env);
        Set<ServiceType> guards = EnumSet.noneOf(ServiceType.class);
        List<String> requested = env.list("GUARDS", List.of());
        if (requested.isEmpty()) {
            guards.addAll(available);
        }
        List<String> unknown = new ArrayList<>();
        for (String name : requested) {
            ServiceType.find(name).filter(available::contains).ifPresentOrElse(guards::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            env.problem("GUARDS", String.join(",", unknown), "names guards this build does not have; available: "
                    + String.join(",", available.stream().map(ServiceType::wireName).sorted().toList()));
        }
        String workerId = env.string("WORKER_ID", defaultWorkerId());
        int threads = env.integer("WORKER_THREADS", Math.max(2, Runtime.getRuntime().availableProcessors()), 1, 256);
        Duration heartbeat = env.duration("HEARTBEAT_INTERVAL_MS", Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMinutes(5));
        int attempts = env.integer("GUARD_MAX_ATTEMPTS", 3, 1, 20);
        int metricsPort = env.integer("WORKER_METRICS_PORT", 9400, 0, 65535);
        return new WorkerConfig(kafka, guards, workerId, threads, heartbeat, attempts, metricsPort);
    }

    /** A config for hosting {@code guards} in-process (standalone mode, tests). */
    public static WorkerConfig embedded(String bootstrapServers, Set<ServiceType> guards) {
        return new WorkerConfig(KafkaSettings.of(bootstrapServers), guards, defaultWorkerId(),
                Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(2), 3, 0);
    }

    /** The same settings against {@code cluster}, without a metrics port of its own (in-process runs). */
    public WorkerConfig inProcess(KafkaSettings cluster) {
        return new WorkerConfig(cluster, guards, workerId, threads, heartbeatInterval, maxAttempts, 0);
    }

    public WorkerConfig withWorkerId(String id) {
        return new WorkerConfig(kafka, guards, id, threads, heartbeatInterval, maxAttempts, metricsPort);
    }

    public WorkerConfig withHeartbeatInterval(Duration interval) {
        return new WorkerConfig(kafka, guards, workerId, threads, interval, maxAttempts, metricsPort);
    }

    private static String defaultWorkerId() {
        // "pid@host": unique per process, readable in logs and heartbeats.
        return "worker-" + ManagementFactory.getRuntimeMXBean().getName();
    }
}
