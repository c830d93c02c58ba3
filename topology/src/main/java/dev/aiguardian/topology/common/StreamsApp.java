package dev.aiguardian.topology.common;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.kafka.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * The lifecycle of every Kafka Streams application here: the settings they share, start, wait
 * until it runs (state restored), and close leaving the group with a deadline.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final String name;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private KafkaStreamsMetrics metrics;

    /** @param syncPathInterval {@code commit.interval.ms} and {@code poll.ms} of the apps a sync caller waits for */
    public StreamsApp(StreamsApplication app, Topology topology, KafkaSettings kafka, Path stateDir,
                      Duration syncPathInterval) {
        this(app.shortName(), topology, pacing(
                staticMember(properties(kafka, app.applicationId(), stateDir), kafka, app), app, syncPathInterval));
    }

    /**
     * Callers wait for the context and pipeline apps: an exactly-once app's output becomes visible only when its
     * transaction commits, every {@code commit.interval.ms} (100 ms by default), and a five-guard pipeline crosses
     * three such commits (the context result, the re-keyed member results, the combined result): 240 of a
     * call's 265 ms were spent waiting for them (docs/benchmarks.md, 2026-12-01). A stream thread with nothing
     * buffered also blocks in {@code poll.ms} (100 ms) before it looks at the commit interval again, so both are
     * lowered ({@code STREAMS_COMMIT_INTERVAL_MS}, 20 ms by default). Usage totals keep the defaults: nobody
     * waits for them, and each commit is a transaction; their fetches gather results instead of waking the app
     * once per result ({@link KafkaSettings#BACKGROUND_CONSUMER}), unless the operator set those settings.
     */
    static Properties pacing(Properties p, StreamsApplication app, Duration interval) {
        if (app != StreamsApplication.USAGE) {
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval.toMillis());
            p.put(StreamsConfig.POLL_MS_CONFIG, interval.toMillis());
        } else {
            KafkaSettings.BACKGROUND_CONSUMER.forEach((k, v) -> {
                if (!p.containsKey(k)) {
                    p.put(StreamsConfig.mainConsumerPrefix(k), v);
                }
            });
        }
        return p;
    }

    StreamsApp(String name, Topology topology, Properties props) {
        this.name = name;
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> {
            LOG.info("Streams app {}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Streams app {} thread failed; replacing it", name, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /**
     * The configuration every application shares: exactly once, state under {@code stateDir} (one
     * sub-folder per application id), the operator's client settings passed through.
     */
    // Streams appends each stream thread's index to the id.
    private static Properties staticMember(Properties p, KafkaSettings kafka, StreamsApplication app) {
        kafka.staticMember(app.shortName()).ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return p;
    }

    public static Properties properties(KafkaSettings kafka, String applicationId, Path stateDir) {
        Map<String, Object> tuning = new HashMap<>();
        ConsumerGroups.MEMBERSHIP.forEach((k, v) -> tuning.put(StreamsConfig.mainConsumerPrefix(k), v));
        tuning.putAll(Map.of(
                // Results, usage and totals are written with the input offsets in one transaction: a crash
                // never double-counts usage nor loses a session's turn.
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                // A small record cache: Streams flushes it at every commit, so totals read by the gateway and
                // the budgets stay at most one commit behind, but a hot user's (session's) updates within one
                // commit reach the changelogs and totals topics once instead of once per call. With 0 (before),
                // every tokenguard call cost about a dozen transactional writes (usage event, 2 repartitions,
                // 6 changelogs, 2 totals): the usage app was 9% of the CPU and the broker's appends 16% at c=64.
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 4L * 1024 * 1024,
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class,
                // A sync caller waits for these results: do not hold them back to fill batches (KIP-1030).
                StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0,
                // A new application must not skip records written before it first joined.
                StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest",
                // -1: the broker's default, so one setting suits the single embedded broker and clusters.
                StreamsConfig.REPLICATION_FACTOR_CONFIG, -1,
                // The Kafka 5 default, set now: no global tables here, and Streams warns at every start without it.
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true,
                // And again for the main consumer: its partition assignor builds its own StreamsConfig from the
                // consumer's settings, where only main.consumer.* originals arrive, and warned once per app.
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true,
                // No join here needs records of a task's input partitions in timestamp order (the pipeline joiner
                // takes announcements and results in any order; usage windows have an hour of grace). With the
                // default (0) every poll of a task with an empty input partition formats a log line nobody
                // reads (String.format in PartitionGroup.readyToProcess, Streams 4.3): 14 % of the pipeline
                // app's samples at c=64 (docs/benchmarks.md, 2026-12-01).
                StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        return kafka.streams(applicationId, stateDir, tuning);
    }

    /** Publishes the application's client metrics (threads, tasks, its consumers and producers) in {@code registry}. */
    public void bindMetrics(MeterRegistry registry) {
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
    }

    public void start() {
        streams.start();
    }

    /** Waits until the application has its partitions and has restored its state. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!running.await(100, TimeUnit.MILLISECONDS)) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > end) {
                throw new IllegalStateException("Streams app " + name + " not running after "
                        + timeout.toSeconds() + " s (state " + streams.state() + ")");
            }
        }
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leave the group so another instance takes the partitions at once rather than after a timeout.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (metrics != null) {
            metrics.close();
        }
    }
}
