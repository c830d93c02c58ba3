package dev.aiguardian.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The consume-process-publish loop of one guard's topic (its requests, or its priority lane), on its own
 * thread and with its own consumer. It keeps polling while results are in flight (up to
 * {@link #MAX_IN_FLIGHT} records), and commits per partition only the contiguous prefix of records whose
 * result (and dead letter) the broker has acknowledged, so a crash anywhere before that makes those records
 * be processed again, never lost.
 */
final class GuardLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    // While results are in flight, come back soon to commit their prefix (a poll that finds nothing is cheap).
    private static final Duration POLL_IN_FLIGHT = Duration.ofMillis(5);
    // Beyond this the loop pauses its partitions: bounds memory and the work a crash would replay.
    // 64 sync callers keep at most 64 in flight, so this only bites on a backlog (async jobs, a restart).
    static final int MAX_IN_FLIGHT = 1000;
    private static final long REPLAY_PAUSE_MS = 500;
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);

    private final ServiceType guard;
    private final WorkerConfig config;
    private final RequestProcessor processor;
    private final Producer<String, byte[]> producer;
    private final ExecutorService pool;
    private final WorkerMetrics metrics;
    private final MeterRegistry registry;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CompletedOffsets offsets = new CompletedOffsets();
    // Partitions paused after a failed publish, and when they may be read again.
    private final Map<TopicPartition, Long> replayAt = new HashMap<>();
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** What this loop reads: the guard's request topic or its priority lane. */
    private final String topic;
    /**
     * Reading the priority lane, whose work the shared pool takes first. The lane has a consumer of its own:
     * one consumer cannot poll the lane first without parking a lane-only fetch that holds back the main
     * topic's records for up to fetch.max.wait.ms, and polling both together lets a backlog fetched ahead of
     * the lane delay it (PriorityLaneTest). Its own consumer group ({@link ConsumerGroups#workerLane}), so the two
     * consumers never rebalance each other.
     */
    private final boolean urgent;

    GuardLoop(ServiceType guard, WorkerConfig config, RequestProcessor processor, Producer<String, byte[]> producer,
              ExecutorService pool, WorkerMetrics metrics, MeterRegistry registry, boolean urgent) {
        this.guard = guard;
        this.config = config;
        this.processor = processor;
        this.producer = producer;
        this.pool = pool;
        this.metrics = metrics;
        this.registry = registry;
        this.urgent = urgent;
        this.topic = urgent ? Topics.priorityRequests(guard) : guard.requestTopic();
    }

    @Override
    public void run() {
        AtomicLong inFlight = metrics.inFlight(guard);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps());
             KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c)) {
            consumer = c;
            clientMetrics.bindTo(registry);
            c.subscribe(List.of(topic), new CommittingRebalanceListener(c));
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(offsets.size() > 0 ? POLL_IN_FLIGHT : POLL);
                } catch (WakeupException e) {
                    continue;
                }
                if (halted) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    submit(record, inFlight);
                }
                commitCompleted(c, false);
                throttle(c);
            }
            if (!halted) {
                finish(c);
            }
        } catch (RuntimeException e) {
            if (!halted) {
                LOG.error("Guard loop {} stopped on an unexpected error", guard, e);
            }
        } finally {
            finished.countDown();
        }
    }

    /** Processes the record off this thread and publishes its results; the tracker learns when they are acknowledged. */
    private void submit(ConsumerRecord<String, byte[]> record, AtomicLong inFlight) {
        CompletedOffsets.Pending p = offsets.track(new TopicPartition(record.topic(), record.partition()),
                record.offset());
        inFlight.incrementAndGet();
        CompletableFuture<RequestProcessor.Processed> processed = new CompletableFuture<>();
        pool.execute(LaneFirstPool.task(urgent, () -> {
            try {
                processed.complete(processor.process(record));
            } catch (Throwable t) {
                processed.completeExceptionally(t);
            }
        }));
        processed.thenCompose(this::publish)
                .whenComplete((v, e) -> {
                    inFlight.decrementAndGet();
                    if (e != null && !halted) {
                        LOG.error("Publishing results of {} failed; {}-{}@{} and what follows will be processed again: {}",
                                guard, record.topic(), record.partition(), record.offset(), e.toString());
                    }
                    p.done(e == null);
                });
    }

    /** Commits each partition's acknowledged prefix; a failed record rewinds its partition to it. */
    private void commitCompleted(KafkaConsumer<String, byte[]> c, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : List.copyOf(offsets.partitions())) {
            CompletedOffsets.Advance a = offsets.advance(tp);
            a.commit().ifPresent(o -> commit.put(tp, new OffsetAndMetadata(o)));
            if (a.replayFrom().isPresent() && c.assignment().contains(tp)) {
                // Read it again after a pause, rather than hammering a broker that just refused a write.
                c.seek(tp, a.replayFrom().getAsLong());
                c.pause(List.of(tp));
                replayAt.put(tp, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLAY_PAUSE_MS));
            }
        }
        if (commit.isEmpty()) {
            return;
        }
        if (sync) {
            c.commitSync(commit, Duration.ofSeconds(5));
        } else {
            c.commitAsync(commit, (o, e) -> {
                if (e != null) {
                    // Harmless for correctness: the next commit covers these offsets, or a restart replays them.
                    LOG.warn("Commit of {} offsets failed: {}", guard, e.toString());
                }
            });
        }
    }

    /** Pauses reading while too much is in flight, and keeps partitions paused until their replay pause is over. */
    private void throttle(KafkaConsumer<String, byte[]> c) {
        long now = System.nanoTime();
        replayAt.entrySet().removeIf(e -> e.getValue() - now <= 0 || !c.assignment().contains(e.getKey()));
        Set<TopicPartition> keepPaused = offsets.size() >= MAX_IN_FLIGHT ? c.assignment() : replayAt.keySet();
        if (!keepPaused.isEmpty()) {
            c.pause(keepPaused);
        }
        Set<TopicPartition> paused = c.paused();
        if (!paused.isEmpty()) {
            List<TopicPartition> resume = new ArrayList<>(paused);
            resume.removeAll(keepPaused);
            c.resume(resume);
        }
    }

    /** Clean stop: wait for what is in flight (bounded), then commit the acknowledged prefix. */
    private void finish(KafkaConsumer<String, byte[]> c) {
        awaitFinished(List.copyOf(offsets.partitions()), Duration.ofSeconds(20));
        try {
            commitCompleted(c, true);
        } catch (RuntimeException e) {
            LOG.warn("Final commit of {} failed; uncommitted records will be processed again: {}", guard,
                    e.toString());
        }
    }

    private void awaitFinished(Collection<TopicPartition> partitions, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!halted && !offsets.allFinished(partitions) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private CompletableFuture<Void> publish(RequestProcessor.Processed processed) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(processed.records().size());
        for (ProducerRecord<String, byte[]> r : processed.records()) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            producer.send(r, (md, e) -> {
                if (e != null) {
                    sent.completeExceptionally(e);
                } else {
                    sent.complete(null);
                }
            });
            sends.add(sent);
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenRun(() -> metrics.record(guard, processed));
    }

    private Properties consumerProps() {
        Map<String, Object> tuning = KafkaSettings.tuned(KafkaSettings.SYNC_PATH_CONSUMER,
                // Requests are at most one body large: fetching result-sized chunks would only cost memory.
                config.kafka().sizes().fetchSettings(config.kafka().sizes().requestRecordBytes()));
        tuning.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        tuning.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        String member = guard.wireName() + (urgent ? "-priority" : "");
        Properties p = config.kafka().consumer(config.workerId() + "-" + member,
                ConsumerGroups.withMembership(tuning));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, urgent ? ConsumerGroups.workerLane(guard) : ConsumerGroups.worker(guard));
        config.kafka().staticMember(member)
                .ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        // A new group must not skip requests that were accepted before it first joined.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    /** Finish the current batch, commit, leave the group. */
    void stop() {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Stop at once without publishing or committing anything more: what a crash looks like to the broker. */
    void halt() {
        halted = true;
        stop();
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Commits what is done of partitions that move away, so their next owner repeats as little as possible. */
    private final class CommittingRebalanceListener implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        CommittingRebalanceListener(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (!halted) {
                awaitFinished(partitions, REVOKE_WAIT);
                try {
                    commitCompleted(c, true);
                } catch (RuntimeException e) {
                    LOG.warn("Commit of {} on release failed; the next owner repeats some records: {}", guard,
                            e.toString());
                }
            }
            partitions.forEach(offsets::forget);
            partitions.forEach(replayAt::remove);
            LOG.info("{} released {}", guard, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: committing now could skip its work. Its owner replays.
            partitions.forEach(offsets::forget);
            partitions.forEach(replayAt::remove);
            if (!partitions.isEmpty()) {
                LOG.info("{} lost {}", guard, partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("{} took {}", guard, partitions);
            }
        }
    }
}
