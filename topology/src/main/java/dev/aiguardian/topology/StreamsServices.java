package dev.aiguardian.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.semantic.SemanticLoader;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.kafka.GuardVerdicts;
import dev.aiguardian.kafka.HeartbeatPublisher;
import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.topology.common.ServiceCounters;
import dev.aiguardian.topology.common.StreamsApp;
import dev.aiguardian.topology.context.ContextTopology;
import dev.aiguardian.topology.pipeline.PipelineTopology;
import dev.aiguardian.topology.usage.UsageTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The Kafka Streams applications a topology process runs ({@code TOPOLOGY_APPS}): ContextGuard with
 * its heartbeat, usage accounting and the pipeline fan-in. Starts them together (they restore their
 * state in parallel) and closes them in reverse order.
 */
public final class StreamsServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsServices.class);
    // How often the pipeline fan-in looks for pipelines past their deadline.
    private static final Duration PIPELINE_SCAN = Duration.ofMillis(200);

    private final TopologyConfig config;
    private final MeterRegistry registry;
    private final List<StreamsApp> apps = new ArrayList<>();
    private KafkaProducer<String, byte[]> heartbeatProducer;
    private HeartbeatPublisher heartbeat;

    /** Metrics kept in a registry of their own (tests). */
    public StreamsServices(TopologyConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /** @param registry where the applications' client metrics and contextguard's verdicts are published */
    public StreamsServices(TopologyConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Starts the configured applications, waits until they run (state restored), then announces ContextGuard. */
    public synchronized void start() throws Exception {
        ServiceCounters counters = new ServiceCounters(ServiceType.CONTEXTGUARD, new GuardVerdicts(registry));
        List<StreamsApplication> wanted = Arrays.stream(StreamsApplication.values())
                .filter(config.apps()::contains).toList();
        Map<StreamsApplication, Future<StreamsApp>> starting = new EnumMap<>(StreamsApplication.class);
        // Made here, once: each app's StateDirectory would otherwise race to create the shared base folder, and the
        // one whose mkdirs() loses fails with "doesn't exist and couldn't be created".
        java.nio.file.Files.createDirectories(config.stateDir());
        // Built in parallel: after an unclean stop each one first inspects its state stores for seconds.
        ExecutorService builders = Executors.newFixedThreadPool(Math.max(1, wanted.size()));
        try {
            for (StreamsApplication app : wanted) {
                starting.put(app, builders.submit(() -> {
                    StreamsApp started = build(app, counters);
                    started.bindMetrics(registry);
                    synchronized (apps) {
                        apps.add(started);
                    }
                    started.start();
                    return started;
                }));
            }
            for (Future<StreamsApp> f : starting.values()) {
                f.get();
            }
        } finally {
            builders.shutdownNow();
        }
        for (StreamsApp app : apps) {
            app.awaitRunning(Duration.ofSeconds(120));
        }
        StreamsApp context = starting.containsKey(StreamsApplication.CONTEXT)
                ? starting.get(StreamsApplication.CONTEXT).get() : null;
        if (context != null) {
            heartbeatProducer = new KafkaProducer<>(config.kafka().producer(config.instance() + "-heartbeat",
                    Map.of(ProducerConfig.LINGER_MS_CONFIG, "0")));
            Clock clock = Clock.systemUTC();
            Instant startedAt = clock.instant();
            heartbeat = new HeartbeatPublisher(heartbeatProducer, config.heartbeat(),
                    () -> List.of(new Heartbeat(config.instance(), ServiceType.CONTEXTGUARD, clock.instant(), startedAt,
                            config.heartbeat().toMillis(), counters.completedCount(), counters.failedCount(), 0, 0.0)),
                    context::isRunning);
            heartbeat.start();
        }
        LOG.info("Streams services running: {}, state in {}", config.apps(), config.stateDir());
    }

    private StreamsApp build(StreamsApplication app, ServiceCounters counters) throws Exception {
        return switch (app) {
            case CONTEXT -> new StreamsApp(app, ContextTopology.build(new ContextGuard(TokenCounter.shared(),
                            config.context(), SemanticLoader.shared().orElse(null)), config.instance(), config.sweepEvery(), counters, Clock.systemUTC(),
                            config.kafka().sizes()),
                    config.kafka(), config.stateDir(), config.commitInterval());
            case USAGE -> new StreamsApp(app, UsageTopology.build(config.usageGrace()), config.kafka(),
                    config.stateDir(), config.commitInterval());
            case PIPELINE -> new StreamsApp(app, pipelineTopology(), config.kafka(), config.stateDir(),
                    config.commitInterval());
        };
    }

    // Announcements and member results must be partitioned alike; an operator may have changed either topic.
    private org.apache.kafka.streams.Topology pipelineTopology() throws Exception {
        try (Admin admin = Admin.create(config.kafka().admin(config.instance() + "-describe", Map.of()))) {
            var topics = admin.describeTopics(List.of(Topics.PIPELINES, Topics.PIPELINE_MEMBERS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            PipelineTopology.checkCoPartitioned(topics.get(Topics.PIPELINES).partitions().size(),
                    topics.get(Topics.PIPELINE_MEMBERS).partitions().size());
        }
        StreamsBuilder builder = new StreamsBuilder();
        PipelineTopology.build(builder, PIPELINE_SCAN, config.instance());
        return builder.build();
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (heartbeatProducer != null) {
            heartbeatProducer.close(Duration.ofSeconds(5));
        }
        synchronized (apps) {
            for (int i = apps.size() - 1; i >= 0; i--) {
                apps.get(i).close();
            }
            apps.clear();
        }
    }
}
