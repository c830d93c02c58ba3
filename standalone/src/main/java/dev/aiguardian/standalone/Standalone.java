package dev.aiguardian.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Preflight;
import dev.aiguardian.config.RotatingSecrets;
import dev.aiguardian.embedded.EmbeddedKafka;
import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.CompactedView;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.semantic.SemanticLoader;
import dev.aiguardian.topology.StreamsServices;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.workers.WorkerConfig;
import dev.aiguardian.workers.WorkerRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The whole system in one JVM (the {@code all} role): broker (unless an outside one is named), topics,
 * workers, the Streams applications (ContextGuard, usage totals, pipeline fan-in), gateway.
 */
public final class Standalone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

    private final StandaloneConfig config;
    private final GatewayConfig gatewayConfig;
    private final WorkerConfig workerConfig;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private EmbeddedKafka kafka;
    private WorkerRuntime workers;
    private CompactedView<UsageTotals> usageTotals;
    private BudgetSettings budgets = BudgetSettings.NONE;
    private TopologyConfig streamsConfig;
    private StreamsServices streams;
    private Gateway gateway;
    private RotatingSecrets secrets;
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

    /** Where the gateway reads its rotatable secrets; by default the values in its configuration, never changing. */
    public Standalone withSecrets(RotatingSecrets rotating) {
        this.secrets = rotating;
        return this;
    }

    /** The one registry of this JVM's parts, behind the gateway's /metrics. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public synchronized void start() throws Exception {
        KafkaSettings cluster;
        Gateway.checkServers(gatewayConfig);
        preload();
        long t0 = System.nanoTime();
        if (config.externalKafka().isPresent()) {
            cluster = gatewayConfig.kafka();
            cluster.awaitCluster(workerConfig.workerId());
        } else {
            Preflight.portFree("KAFKA_PORT", config.listenHost(), config.kafkaPort());
            kafka = config.startBroker();
            cluster = gatewayConfig.kafka().at(kafka.bootstrapServers());
            warmCoordinators(cluster, config.memberId());
        }
        // A stable member name per data folder: after a crash the restarted process takes its partitions
        // back at once instead of waiting for its dead self's sessions to expire.
        cluster = cluster.withDefaultStaticMember(config.memberId());
        bootstrapServers = cluster.bootstrapServers();
        long brokerUp = System.nanoTime();
        // Workers read the result topic's partition count at start: the topics must exist first.
        gatewayConfig.topics().ensure(cluster, workerConfig.workerId());
        long topicsUp = System.nanoTime();
        // One view of the usage totals for tokenguard and /usage: what the gateway shows is what the guard judges by.
        usageTotals = CompactedView.usageTotals(cluster, workerConfig.workerId());
        usageTotals.start();
        workers = WorkerRuntime.withBudgets(workerConfig.inProcess(cluster), budgets, registry, usageTotals);
        long guardsBuilt = System.nanoTime();
        // Session memory, usage totals, pipelines: RocksDB under DATA_DIR/streams, changelogged in the broker.
        Path stateDir = config.dataDir().resolve("streams");
        streams = new StreamsServices((streamsConfig == null ? TopologyConfig.embedded(bootstrapServers, stateDir)
                : streamsConfig).at(cluster, stateDir), registry);
        gateway = secrets == null ? new Gateway(gatewayConfig.withKafka(cluster), registry)
                : new Gateway(gatewayConfig.withKafka(cluster), registry, secrets);
        gateway.sharingUsageView(usageTotals);
        // The three parts only need the topics: started together, a restart after a crash waits out the
        // dead members' sessions and open transactions once rather than three times.
        ExecutorService starters = Executors.newFixedThreadPool(2);
        long[] done = new long[3];
        try {
            Future<?> w = starters.submit(() -> {
                workers.start();
                done[0] = System.nanoTime();
                return null;
            });
            Future<?> s = starters.submit(() -> {
                streams.start();
                done[1] = System.nanoTime();
                return null;
            });
            gateway.start();
            done[2] = System.nanoTime();
            w.get();
            s.get();
        } finally {
            starters.shutdownNow();
        }
        if (!gateway.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("gateway not ready after 60 s: " + gateway.readiness());
        }
        // Where start-up time goes, for whoever tunes it (docs/benchmarks.md): the parts after the guards start together.
        LOG.info("Start-up: broker {} s, topics {} s, guards built {} s, then gateway {} s, workers {} s, Streams apps {} s",
                secondsBetween(t0, brokerUp), secondsBetween(brokerUp, topicsUp), secondsBetween(topicsUp, guardsBuilt),
                secondsBetween(guardsBuilt, done[2]), secondsBetween(guardsBuilt, done[0]),
                secondsBetween(guardsBuilt, done[1]));
    }

    private static String secondsBetween(long from, long to) {
        return String.format(java.util.Locale.ROOT, "%.2f", (to - from) / 1e9);
    }

    /**
     * The embedding model takes 0.7-1.1 s to load and needs nothing from Kafka: load it while the broker starts
     * rather than after. The workers and topology then take the loaded layer; a failure (a bad SEMANTIC_*
     * value, a required model that did not load) is reported by their own call, on the starting thread.
     */
    private static void preload() {
        Thread t = new Thread(() -> {
            // The token vocabularies too (cl100k and o200k: about a second), shared by tokenguard and the context app.
            TokenCounter.shared();
            try {
                SemanticLoader.shared();
            } catch (RuntimeException e) {
                // reported again, where start-up can stop on it
            }
        }, "aiguardian-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A new broker creates and loads its group and transaction logs only when the first client asks for a
     * coordinator; every consumer group and the three exactly-once Streams apps then retry with backoff until the
     * logs are loaded (seconds of a first start: "NOT_COORDINATOR", then "coordinator unavailable"). Asking once,
     * right after the broker is up, overlaps that with creating topics and building the guards.
     */
    private static void warmCoordinators(KafkaSettings cluster, String memberId) {
        Thread t = new Thread(() -> {
            String id = memberId + "-coordinator-warmup";
            try (Admin admin = Admin.create(cluster.admin(id, Map.of()))) {
                admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Only a head start: the clients find their coordinators themselves.
                LOG.debug("Group coordinator warm-up failed: {}", e.toString());
            }
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(cluster.producer(id,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id)))) {
                p.initTransactions();
            } catch (RuntimeException e) {
                LOG.debug("Transaction coordinator warm-up failed: {}", e.toString());
            }
        }, "aiguardian-coordinator-warmup");
        t.setDaemon(true);
        t.start();
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
        closeQuietly("streams", streams);
        closeQuietly("workers", workers);
        closeQuietly("usage totals", usageTotals);
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
