package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.kafka.ConsumerThread;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes every result on guard.results into the job store, so that any instance can answer a poll,
 * and hands the jobs it completed to the callback sender. With a shared store (Postgres) the instances
 * split the partitions in one consumer group and commit after each write; with a per-instance memory
 * store each instance reads every partition, from the end, since there is nothing to resume.
 *
 * <p>One bad record must not stop the rest. A result the store refuses for its content
 * ({@link ResultRejectedException}) is tried {@code JOB_WRITE_MAX_ATTEMPTS} times on its own, then goes
 * to guard.dlq with the reason in the dead-letter headers, and its job is closed as failed
 * ({@code result_not_stored}); the records around it are written as usual. A store that is down is
 * different: nothing is dead-lettered, the same records are read again until it answers, and
 * {@link #problem} says so for readiness.
 */
public final class JobWriter extends ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(JobWriter.class);
    /** {@code aig_dlq_reason} of a result the job store refused. */
    public static final String REJECTED = "job_store_rejected";
    /** {@code aig_dlq_reason} of a record on guard.results that is not a result. */
    public static final String UNREADABLE = "unreadable_result";
    private static final long STORE_TIMEOUT_S = 30;
    private static final long DOWN_PAUSE_MS = 1000;
    private static final long RETRY_PAUSE_MS = 100;

    private final GatewayConfig config;
    private final JobStore store;
    private final boolean shared;
    private final Consumer<Job> onFinished;
    private final int maxAttempts;
    private final MeterRegistry registry;
    private final Map<String, Counter> deadLetterCounters = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile String blockedBy;
    private volatile long blockedSince;
    private KafkaProducer<String, byte[]> deadLetters;

    public JobWriter(GatewayConfig config, JobStore store, boolean shared, MeterRegistry registry,
                     Consumer<Job> onFinished) {
        super("aiguardian-job-writer");
        this.config = config;
        this.store = store;
        this.shared = shared;
        this.onFinished = onFinished;
        this.maxAttempts = config.jobs().writeAttempts();
        this.registry = registry;
        // At 0 from the start: a counter born at 1 shows no increase to Prometheus' rate(), so the first would be missed.
        for (String reason : List.of(REJECTED, UNREADABLE)) {
            deadLetterCounter(reason);
        }
    }

    /** True once the consumer has its position, so results published from now on will be stored. */
    public boolean isStarted() {
        return started && isRunning();
    }

    /**
     * Why this writer cannot keep the job store current, if it cannot: not running, blocked by a store
     * (or broker) that does not answer, or no progress for longer than {@code stallAfter} with results to write.
     */
    public Optional<String> problem(Duration stallAfter) {
        if (!isStarted()) {
            return Optional.of(started ? "the job writer stopped" : "the job writer has not started");
        }
        String down = blockedBy;
        if (down != null) {
            return Optional.of("blocked for " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - blockedSince)
                    + " s, reading the same results again until it clears: " + down);
        }
        if (isStalled(stallAfter)) {
            return Optional.of("stalled: no result written for " + sinceProgress().toSeconds() + " s with " + lag()
                    + " results waiting on guard.results");
        }
        return Optional.empty();
    }

    @Override
    protected void onStart(KafkaConsumer<String, byte[]> c) {
        deadLetters = new KafkaProducer<>(config.kafka().producer(config.clientId() + "-jobs-dlq",
                KafkaSettings.tuned(KafkaSettings.SYNC_PATH_PRODUCER, Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000"))));
        if (shared) {
            c.subscribe(List.of(Topics.RESULTS));
        } else {
            List<TopicPartition> all = partitionsOf(c, Topics.RESULTS);
            c.assign(all);
            c.seekToEnd(all);
            all.forEach(c::position);
        }
        started = true;
    }

    /** One record of a poll, in the order they are handled, and its result when it is one. */
    private record Entry(ConsumerRecord<String, byte[]> record, ObjectNode result, Exception unreadable) {
    }

    /** The store (or Kafka, for a dead letter) is unavailable; everything from {@code from} on is read again. */
    private static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        final int from;

        Unavailable(int from, String message, Throwable cause) {
            super(message, cause, false, false);
            this.from = from;
        }
    }

    @Override
    protected void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Entry> entries = entries(records);
        List<Job> finished = new ArrayList<>();
        try {
            if (!writeBatch(entries, finished)) {
                for (int i = 0; i < entries.size(); i++) {
                    writeAlone(i, entries.get(i), finished);
                }
            }
        } catch (Unavailable e) {
            finished.forEach(onFinished);
            if (blockedBy == null) {
                blockedSince = System.nanoTime();
                LOG.warn("{}; reading the results again from {}-{}@{} until it clears", e.getMessage(),
                        entries.get(e.from).record().topic(), entries.get(e.from).record().partition(),
                        entries.get(e.from).record().offset());
            }
            blockedBy = e.getMessage() + ": " + e.getCause();
            rewind(c, entries, e.from);
            pause(DOWN_PAUSE_MS);
            return;
        }
        if (blockedBy != null) {
            LOG.info("The job writer is moving again");
            blockedBy = null;
        }
        finished.forEach(onFinished);
        if (shared) {
            c.commitAsync((offsets, e) -> {
                if (e != null) {
                    // Harmless: a rebalance or stop took the partitions; their next owner reads from the last
                    // commit and the store takes each result once.
                    LOG.debug("Job writer commit not done: {}", e.toString());
                }
            });
        }
    }

    /**
     * The common case: every result in one write, unreadable records dead-lettered. False when the
     * store refused some result for its content, so that each is tried on its own.
     */
    private boolean writeBatch(List<Entry> entries, List<Job> finished) throws Unavailable {
        List<ObjectNode> results = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.result() != null) {
                results.add(e.result());
            }
        }
        try {
            finished.addAll(write(results));
        } catch (ResultRejectedException e) {
            LOG.warn("The job store refused a batch of {} results ({}); writing them one by one", results.size(),
                    e.getMessage());
            return false;
        } catch (Exception e) {
            throw new Unavailable(0, "Job store write failed", e);
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).unreadable() != null) {
                unreadable(i, entries.get(i));
            }
        }
        return true;
    }

    private void writeAlone(int index, Entry entry, List<Job> finished) throws Unavailable {
        if (entry.unreadable() != null) {
            unreadable(index, entry);
            return;
        }
        if (entry.result() == null) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                finished.addAll(write(List.of(entry.result())));
                return;
            } catch (ResultRejectedException e) {
                if (attempt >= maxAttempts) {
                    reject(index, entry, e, attempt, finished);
                    return;
                }
                pause(RETRY_PAUSE_MS << (attempt - 1));
            } catch (Exception e) {
                throw new Unavailable(index, "Job store write failed", e);
            }
        }
    }

    private List<Job> write(List<ObjectNode> results) throws Exception {
        try {
            return store.recordResults(results).await(STORE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ResultRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // await may wrap the store's failure: a rejection stays a rejection.
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ResultRejectedException r) {
                    throw r;
                }
            }
            throw e;
        }
    }

    /** Dead-letters a result the store refused, then closes its job as failed so no poller waits forever. */
    private void reject(int index, Entry entry, ResultRejectedException cause, int attempts, List<Job> finished)
            throws Unavailable {
        ConsumerRecord<String, byte[]> r = entry.record();
        String requestId = entry.result().path("request_id").asText();
        deadLetter(index, entry, requestId, cause, REJECTED, attempts);
        LOG.warn("The job store refused the result of {} {} times ({}); it is on {} and its job failed",
                requestId, attempts, cause.getMessage(), Topics.DLQ);
        ObjectNode failed = Json.mapper().createObjectNode();
        failed.put("request_id", requestId);
        JsonNode service = entry.result().get("service_type");
        if (service != null && service.isTextual()) {
            failed.set("service_type", service);
        }
        failed.put("status", "failed");
        failed.putObject("error").put("type", "result_not_stored").put("message", "The job store refused this "
                + "request's result (" + cause.code() + "): " + cause.getMessage() + ". The result is on "
                + Topics.DLQ + " (from " + r.topic() + "-" + r.partition() + "@" + r.offset() + ").");
        failed.put("worker", config.clientId());
        failed.put("completed_at", java.time.Instant.now().toString());
        try {
            finished.addAll(write(List.of(failed)));
        } catch (Exception e) {
            // The dead letter has the result; a store that refuses even this is reported, not retried.
            LOG.warn("Could not mark job {} failed: {}", requestId, e.toString());
        }
    }

    private void unreadable(int index, Entry entry) throws Unavailable {
        ConsumerRecord<String, byte[]> r = entry.record();
        if (!shared) {
            // Every instance reads every partition here: only the shared writer's group dead-letters, once.
            LOG.warn("Skipping unreadable result at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    entry.unreadable().getMessage());
            return;
        }
        deadLetter(index, entry, GuardRecords.correlationId(r.headers()), entry.unreadable(), UNREADABLE, 1);
        LOG.warn("Dead-lettered unreadable result at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                entry.unreadable().getMessage());
    }

    // Waits for the broker's ack: the offset must not be committed past a record that is nowhere.
    private void deadLetter(int index, Entry entry, String requestId, Exception cause, String reason, int attempts)
            throws Unavailable {
        try {
            deadLetters.send(GuardRecords.deadLetter(entry.record(), requestId, cause, reason, attempts,
                    config.clientId())).get(STORE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(index, "Interrupted while dead-lettering", e);
        } catch (Exception e) {
            throw new Unavailable(index, "Kafka did not take the dead letter", e);
        }
        deadLetterCounter(reason).increment();
    }

    private Counter deadLetterCounter(String reason) {
        return deadLetterCounters.computeIfAbsent(reason, k -> Counter.builder("aiguardian.job.writer.dead.letters")
                .description("Records on guard.results the job writer sent to guard.dlq instead of the job store")
                .tag("reason", k).register(registry));
    }

    @Override
    protected void onStop(KafkaConsumer<String, byte[]> c) {
        if (shared) {
            try {
                c.commitSync(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.info("Job writer's last commit not done ({}); the next owner re-reads those results",
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    protected void onExit() {
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    // Partition by partition, as ConsumerRecords hands them out: the order rewind relies on.
    private static List<Entry> entries(ConsumerRecords<String, byte[]> records) {
        List<Entry> out = new ArrayList<>(records.count());
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                out.add(read(r));
            }
        }
        return out;
    }

    private static Entry read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return new Entry(r, null, null);
        }
        try {
            JsonNode n = Json.mapper().readTree(r.value());
            if (n instanceof ObjectNode o && o.path("request_id").isTextual() && !o.path("request_id").asText().isEmpty()) {
                return new Entry(r, o, null);
            }
            return new Entry(r, null, new IllegalArgumentException("not a result: no request_id"));
        } catch (java.io.IOException e) {
            return new Entry(r, null, e);
        }
    }

    /** Seeks each partition back to its first record from {@code from} on, so that the next poll reads those again. */
    private static void rewind(KafkaConsumer<String, byte[]> c, List<Entry> entries, int from) {
        Set<TopicPartition> done = new HashSet<>();
        for (int i = from; i < entries.size(); i++) {
            ConsumerRecord<String, byte[]> r = entries.get(i).record();
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (done.add(tp)) {
                c.seek(tp, r.offset());
            }
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected Properties consumerProps() {
        Properties p = config.kafka().consumer(config.clientId() + "-jobs",
                ConsumerGroups.withMembership(KafkaSettings.tuned(KafkaSettings.BACKGROUND_CONSUMER,
                        Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000"))));
        if (shared) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.GATEWAY_JOBS);
            config.kafka().staticMember("jobs").ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
            // A new group starts from the oldest retained result: a job accepted before the first
            // writer started is still completed.
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        return p;
    }
}
