package dev.aiguardian.workers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.kafka.CompactedView;
import dev.aiguardian.kafka.HeartbeatPublisher;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.semantic.SemanticLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/** Hosts a set of guards: one consumer loop per guard, a shared guard thread pool, one producer, heartbeats. */
public final class WorkerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    private final WorkerConfig config;
    private final List<Guard> guards;
    private final MeterRegistry registry;
    private final Clock clock;
    private final List<GuardLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private ExecutorService pool;
    private HeartbeatPublisher heartbeats;
    private CompactedView<UsageTotals> usageView;
    private boolean ownsUsageView;
    private volatile boolean stopped;

    public WorkerRuntime(WorkerConfig config, List<Guard> guards, MeterRegistry registry) {
        this(config, guards, registry, Clock.systemUTC());
    }

    WorkerRuntime(WorkerConfig config, List<Guard> guards, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.guards = List.copyOf(guards);
        this.registry = registry;
        this.clock = clock;
    }

    /** A runtime hosting the configured guards from the standard catalogue. */
    public static WorkerRuntime fromCatalog(WorkerConfig config, GuardCatalog catalog, MeterRegistry registry) {
        List<Guard> guards = config.guards().stream().sorted().map(catalog::create).toList();
        return new WorkerRuntime(config, guards, registry);
    }

    /**
     * A runtime hosting the configured standard guards, tokenguard judging {@code budgets} against a
     * view of guard.usage.totals that this runtime starts and closes.
     */
    public static WorkerRuntime withBudgets(WorkerConfig config, BudgetSettings budgets,
                                            MeterRegistry registry) {
        WorkerRuntime runtime = withBudgets(config, budgets, registry,
                CompactedView.usageTotals(config.kafka(), config.workerId()));
        runtime.ownsUsageView = true;
        return runtime;
    }

    /**
     * The same, judging budgets against a view the caller starts and closes: in one process the gateway's
     * {@code /usage} and tokenguard then read the very same totals (one consumer instead of two, and a
     * total the gateway shows is one the guard judges by).
     */
    public static WorkerRuntime withBudgets(WorkerConfig config, BudgetSettings budgets, MeterRegistry registry,
                                            CompactedView<UsageTotals> view) {
        WorkerRuntime runtime = fromCatalog(config,
                GuardCatalog.standard(budgets, view::get).withSemantic(SemanticLoader.shared().orElse(null)), registry);
        runtime.usageView = view;
        return runtime;
    }

    public synchronized void start() throws Exception {
        if (usageView != null) {
            if (ownsUsageView) {
                usageView.start();
            }
            if (!usageView.awaitCaughtUp(Duration.ofSeconds(30))) {
                LOG.warn("Usage totals not read within 30 s; budgets start from what has been read");
            }
        }
        producer = new KafkaProducer<>(producerProps());
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        int resultPartitions = producer.partitionsFor(Topics.RESULTS).size();
        AtomicInteger threadNo = new AtomicInteger();
        pool = LaneFirstPool.create(config.threads(), r -> {
            Thread t = new Thread(r, "aiguardian-guard-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        WorkerMetrics metrics = new WorkerMetrics(registry);
        guards.forEach(g -> metrics.register(g.type()));
        for (Guard guard : guards) {
            RequestProcessor processor = new RequestProcessor(guard, config.workerId(), config.maxAttempts(),
                    () -> resultPartitions, clock, config.kafka().sizes());
            for (boolean urgent : Topics.hasPriorityLane(guard.type()) ? List.of(false, true) : List.of(false)) {
                GuardLoop loop = new GuardLoop(guard.type(), config, processor, producer, pool, metrics, registry, urgent);
                Thread t = new Thread(loop, "aiguardian-loop-" + guard.type().wireName() + (urgent ? "-priority" : ""));
                loops.add(loop);
                threads.add(t);
                t.start();
            }
        }
        Instant startedAt = clock.instant();
        heartbeats = new HeartbeatPublisher(producer, config.heartbeatInterval(),
                () -> guards.stream().map(g -> beat(g.type(), metrics, startedAt)).toList(), () -> true);
        heartbeats.start();
        LOG.info("Worker {} hosts {}", config.workerId(), guards.stream().map(g -> g.type().wireName()).toList());
    }

    private Heartbeat beat(ServiceType g, WorkerMetrics metrics, Instant startedAt) {
        return new Heartbeat(config.workerId(), g, clock.instant(), startedAt, config.heartbeatInterval().toMillis(),
                metrics.count(g, WorkerMetrics.Outcome.COMPLETED),
                metrics.count(g, WorkerMetrics.Outcome.FAILED) + metrics.count(g, WorkerMetrics.Outcome.DEAD_LETTERED),
                metrics.inFlight(g).get(), metrics.p95Millis(g));
    }

    public List<ServiceType> hosted() {
        return guards.stream().map(Guard::type).toList();
    }

    /** Clean stop: each loop finishes its batch and commits, then heartbeats say goodbye. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        loops.forEach(GuardLoop::stop);
        for (GuardLoop loop : loops) {
            if (!loop.awaitFinished(Duration.ofSeconds(30))) {
                LOG.warn("A guard loop did not finish within 30 s; its uncommitted records will be processed again");
            }
        }
        if (heartbeats != null) {
            heartbeats.stop(true);
        }
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (usageView != null && ownsUsageView) {
            usageView.close();
        }
        LOG.info("Worker {} stopped", config.workerId());
    }

    /**
     * Stops abruptly, the way a killed process would: nothing more is published or committed, no
     * farewell heartbeat. For failure tests; production code calls {@link #close()}.
     */
    public synchronized void halt() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        loops.forEach(GuardLoop::halt);
        pool.shutdownNow();
        for (GuardLoop loop : loops) {
            loop.awaitFinished(Duration.ofSeconds(10));
        }
        heartbeats.stop(false);
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        if (usageView != null && ownsUsageView) {
            usageView.close();
        }
    }

    private Properties producerProps() {
        return config.kafka().producer(config.workerId() + "-results", KafkaSettings.SYNC_PATH_PRODUCER);
    }
}
