package dev.aiguardian.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.embedded.EmbeddedKafka;
import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.kafka.TopicBootstrap;
import dev.aiguardian.topology.StreamsServices;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.topology.pipeline.PipelineApp;
import dev.aiguardian.workers.budget.BudgetSettings;
import dev.aiguardian.workers.runtime.WorkerConfig;
import dev.aiguardian.workers.runtime.WorkerRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The whole system in one JVM: broker (unless an outside one is named), topics, workers, the Streams
 * services (ContextGuard, usage totals), gateway.
 */
public final class Standalone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

    private final StandaloneConfig config;
    private final GatewayConfig gatewayConfig;
    private final WorkerConfig workerConfig;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private EmbeddedKafka kafka;
    private WorkerRuntime workers;
    private PipelineApp pipelines;
    private BudgetSettings budgets = BudgetSettings.NONE;
    private TopologyConfig streamsConfig;
    private StreamsServices streams;
    private Gateway gateway;
    private String bootstrapServers;

    public Standalone(StandaloneConfig config, GatewayConfig gatewayConfig, WorkerConfig workerConfig) {
        this.config = config;
        this.gatewayConfig = gatewayConfig;
        this.workerConfig = workerConfig;
    }

    /** Per-user budgets that tokenguard applies ({@code BUDGET_*}); none unless set before start. */
    public Standalone withBudgets(BudgetSettings settings) {
        this.budgets = settings;
        return this;
    }

    /** ContextGuard and usage settings ({@code CONTEXT_*}, {@code USAGE_*}); cluster and state folder are ours. */
    public Standalone withStreams(TopologyConfig settings) {
        this.streamsConfig = settings;
        return this;
    }

    public synchronized void start() throws Exception {
        if (config.externalKafka().isPresent()) {
            bootstrapServers = config.externalKafka().get();
        } else {
            kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort());
            bootstrapServers = kafka.bootstrapServers();
        }
        // Workers read the result topic's partition count at start: the topics must exist first.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicBootstrap.ensure(admin, TopicBootstrap.plan(gatewayConfig.requestPartitions(),
                    gatewayConfig.resultPartitions(), gatewayConfig.replicationFactor()));
        }
        workers = WorkerRuntime.withBudgets(
                new WorkerConfig(bootstrapServers, workerConfig.guards(), workerConfig.workerId(),
                        workerConfig.threads(), workerConfig.heartbeatInterval(), workerConfig.maxAttempts(), 0),
                budgets, registry);
        workers.start();
        // Session memory and usage totals: RocksDB under DATA_DIR/streams, changelogged in the broker.
        Path stateDir = config.dataDir().resolve("streams");
        streams = new StreamsServices(streamsConfig == null ? TopologyConfig.embedded(bootstrapServers, stateDir)
                : streamsConfig.at(bootstrapServers, stateDir));
        streams.start();
        pipelines = new PipelineApp(bootstrapServers, stateDir.resolve("pipeline"), gatewayConfig.requestPartitions(),
                workerConfig.workerId());
        pipelines.start();
        if (!pipelines.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("pipeline topology not running after 60 s: " + pipelines.state());
        }
        gateway = new Gateway(gatewayConfig.withBootstrapServers(bootstrapServers), registry);
        gateway.start();
        if (!gateway.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("gateway not ready after 60 s: " + gateway.readiness());
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int port() {
        return gateway.port();
    }

    public WorkerRuntime workers() {
        return workers;
    }

    /** Stops in reverse order of start: the gateway first (failing its waiting callers), the broker last. */
    @Override
    public synchronized void close() {
        closeQuietly("gateway", gateway);
        closeQuietly("pipeline topology", pipelines);
        closeQuietly("streams", streams);
        closeQuietly("workers", workers);
        closeQuietly("Kafka", kafka);
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("{} did not stop cleanly: {}", what, e.toString());
        }
    }
}
