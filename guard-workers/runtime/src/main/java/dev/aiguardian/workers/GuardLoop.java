package dev.aiguardian.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The consume-process-publish loop of one guard, on its own thread. At least once: a batch's offsets
 * are committed only after every record of it has its result (and dead letter) acknowledged by the
 * broker, so a crash anywhere before that makes the batch be processed again, never lost.
 */
final class GuardLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ServiceType guard;
    private final WorkerConfig config;
    private final RequestProcessor processor;
    private final Producer<String, byte[]> producer;
    private final ExecutorService pool;
    private final WorkerMetrics metrics;
    private final MeterRegistry registry;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** The guard's priority lane, or null when it has none. */
    private final String lane;

    GuardLoop(ServiceType guard, WorkerConfig config, RequestProcessor processor, Producer<String, byte[]> producer,
              ExecutorService pool, WorkerMetrics metrics, MeterRegistry registry) {
        this.guard = guard;
        this.config = config;
        this.processor = processor;
        this.producer = producer;
        this.pool = pool;
        this.metrics = metrics;
        this.registry = registry;
        this.lane = Topics.hasPriorityLane(guard) ? Topics.priorityRequests(guard) : null;
    }

    @Override
    public void run() {
        AtomicLong inFlight = metrics.inFlight(guard);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps());
             KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c)) {
            consumer = c;
            clientMetrics.bindTo(registry);
            c.subscribe(lane == null ? List.of(guard.requestTopic()) : List.of(guard.requestTopic(), lane),
                    new LoggingRebalanceListener());
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = pollLaneFirst(c);
                } catch (WakeupException e) {
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                inFlight.addAndGet(records.count());
                try {
                    if (processBatch(records)) {
                        c.commitAsync(nextOffsets(records), (offsets, e) -> {
                            if (e != null) {
                                // Harmless for correctness: the next commit covers these offsets, or a restart replays them.
                                LOG.warn("Commit of {} offsets failed: {}", guard, e.toString());
                            }
                        });
                    } else if (!halted) {
                        rewind(c, records);
                    }
                } finally {
                    inFlight.addAndGet(-records.count());
                }
            }
            if (!halted) {
                try {
                    c.commitSync(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.warn("Final commit of {} failed; uncommitted records will be processed again: {}", guard,
                            e.toString());
                }
            }
        } catch (RuntimeException e) {
            if (!halted) {
                LOG.error("Guard loop {} stopped on an unexpected error", guard, e);
            }
        } finally {
            finished.countDown();
        }
    }

    /**
     * The priority lane before the main topic: a poll with the main topic's partitions paused returns only
     * lane records (already fetched, or fetched now), so a high-priority request waits for the batch in
     * progress at most, not for the backlog of its guard's topic. Only when the lane has nothing does the
     * worker poll (and wait on) everything.
     */
    private ConsumerRecords<String, byte[]> pollLaneFirst(KafkaConsumer<String, byte[]> c) {
        if (lane != null) {
            Set<TopicPartition> main = new HashSet<>();
            boolean hasLane = false;
            for (TopicPartition tp : c.assignment()) {
                if (tp.topic().equals(lane)) {
                    hasLane = true;
                } else {
                    main.add(tp);
                }
            }
            if (hasLane) {
                c.pause(main);
                ConsumerRecords<String, byte[]> urgent;
                try {
                    urgent = c.poll(Duration.ZERO);
                } finally {
                    // A rebalance inside the poll may have taken some of them away.
                    main.retainAll(c.assignment());
                    c.resume(main);
                }
                if (!urgent.isEmpty()) {
                    return urgent;
                }
            }
        }
        return c.poll(POLL);
    }

    /** Processes the batch off this thread and waits for the broker's acks; false when it must be replayed. */
    private boolean processBatch(ConsumerRecords<String, byte[]> records) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.count());
        // Lane records first: the pool takes tasks in order, so they do not queue behind the main topic's.
        List<ConsumerRecord<String, byte[]>> ordered = new ArrayList<>(records.count());
        records.forEach(r -> {
            if (r.topic().equals(lane)) {
                ordered.add(r);
            }
        });
        records.forEach(r -> {
            if (!r.topic().equals(lane)) {
                ordered.add(r);
            }
        });
        for (ConsumerRecord<String, byte[]> record : ordered) {
            acks.add(CompletableFuture.supplyAsync(() -> processor.process(record), pool)
                    .thenCompose(this::publish));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        while (true) {
            if (halted) {
                return false;
            }
            try {
                all.get(100, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                // keep waiting, but look at the halt flag now and then
            } catch (ExecutionException e) {
                LOG.error("Publishing results of {} failed; the batch will be processed again: {}", guard,
                        e.getCause().toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
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

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> rs = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
        }
        return offsets;
    }

    // Go back to the first record of the failed batch so the next poll delivers it again.
    private void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            c.seek(tp, records.records(tp).get(0).offset());
        }
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties consumerProps() {
        Map<String, Object> tuning = new HashMap<>(
                // Requests are at most one body large: fetching result-sized chunks would only cost memory.
                config.kafka().sizes().fetchSettings(config.kafka().sizes().requestRecordBytes()));
        tuning.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        tuning.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        Properties p = config.kafka().consumer(config.workerId() + "-" + guard.wireName(),
                ConsumerGroups.withMembership(tuning));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.worker(guard));
        config.kafka().staticMember(guard.wireName())
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

    private final class LoggingRebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("{} released {}", guard, partitions);
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
