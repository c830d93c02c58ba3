package dev.aiguardian.standalone;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aiguardian.config.Env;
import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.topology.StreamsServices;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.workers.WorkerConfig;
import dev.aiguardian.workers.WorkerRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Starts gateways and workers against the shared test broker, the way the real processes do. */
final class Pipeline {
    private Pipeline() {
    }

    static Gateway gateway(String bootstrap) throws Exception {
        return gateway(bootstrap, Map.of());
    }

    static Gateway gateway(String bootstrap, Map<String, String> env) throws Exception {
        Env e = Env.of(env);
        GatewayConfig fromEnv = GatewayConfig.fromEnv(e);
        // at(): the test broker, with the size budget (MAX_BODY_BYTES) read from env kept.
        GatewayConfig config = fromEnv.withKafka(fromEnv.kafka().at(bootstrap)).withPort(0);
        e.validate();
        Gateway gateway = new Gateway(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        gateway.start();
        if (!gateway.awaitReady(Duration.ofSeconds(60))) {
            gateway.close();
            throw new AssertionError("gateway not ready: " + gateway.readiness());
        }
        return gateway;
    }

    static WorkerRuntime workers(String bootstrap, ServiceType... guards) throws Exception {
        GuardCatalog catalog = GuardCatalog.standard();
        List<Guard> hosted = EnumSet.copyOf(List.of(guards)).stream().map(catalog::create).toList();
        return workers(bootstrap, hosted);
    }

    /** Workers whose size budget is {@code sizes}, as a gateway with the same MAX_BODY_BYTES expects. */
    static WorkerRuntime workers(String bootstrap, SizeBudget sizes, ServiceType... guards) throws Exception {
        GuardCatalog catalog = GuardCatalog.standard();
        return workers(bootstrap, sizes, EnumSet.copyOf(List.of(guards)).stream().map(catalog::create).toList());
    }

    static WorkerRuntime workers(String bootstrap, List<Guard> guards) throws Exception {
        return workers(bootstrap, SizeBudget.defaults(), guards);
    }

    static WorkerRuntime workers(String bootstrap, SizeBudget sizes, List<Guard> guards) throws Exception {
        WorkerConfig config = WorkerConfig.embedded(bootstrap,
                        guards.stream().map(Guard::type).collect(java.util.stream.Collectors.toSet()))
                .inProcess(KafkaSettings.of(bootstrap).withSizes(sizes))
                .withWorkerId("test-worker-" + UUID.randomUUID().toString().substring(0, 8))
                .withHeartbeatInterval(Duration.ofMillis(500));
        WorkerRuntime runtime = new WorkerRuntime(config, guards,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        runtime.start();
        return runtime;
    }

    /** The Kafka Streams applications {@code apps} against the test broker, with a state folder of their own. */
    static StreamsServices topology(String bootstrap, StreamsApplication... apps) throws Exception {
        StreamsServices topology = new StreamsServices(TopologyConfig.embedded(bootstrap,
                java.nio.file.Files.createTempDirectory("topology-state-")).withApps(EnumSet.copyOf(List.of(apps))));
        topology.start();
        return topology;
    }

    /** Closes what a test started, first to last; null parts (a start that failed) are skipped. */
    static void close(AutoCloseable... parts) throws Exception {
        for (AutoCloseable c : parts) {
            if (c != null) {
                c.close();
            }
        }
    }
}
