package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;

/**
 * Writes every result on guard.results into the job store, so that any instance can answer a poll,
 * and hands the jobs it completed to the callback sender. With a shared store (Postgres) the instances
 * split the partitions in one consumer group and commit after each write; with a per-instance memory
 * store each instance reads every partition, from the end, since there is nothing to resume.
 */
public final class JobWriter implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobWriter.class);
    public static final String GROUP_ID = "aiguardian-gateway-jobs";

    private final GatewayConfig config;
    private final JobStore store;
    private final boolean shared;
    private final Consumer<Job> onFinished;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread = new Thread(this, "aiguardian-job-writer");
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public JobWriter(GatewayConfig config, JobStore store, boolean shared, Consumer<Job> onFinished) {
        this.config = config;
        this.store = store;
        this.shared = shared;
        this.onFinished = onFinished;
    }

    public void start() {
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isStarted() {
        return started.getCount() == 0 && finished.getCount() > 0;
    }

    /** True once the consumer has its position, so results published from now on will be stored. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props())) {
            consumer = c;
            if (shared) {
                c.subscribe(List.of(Topics.RESULTS));
                started.countDown();
            } else {
                List<TopicPartition> all = new ArrayList<>();
                for (PartitionInfo p : c.partitionsFor(Topics.RESULTS)) {
                    all.add(new TopicPartition(p.topic(), p.partition()));
                }
                c.assign(all);
                c.seekToEnd(all);
                all.forEach(c::position);
                started.countDown();
            }
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                List<ObjectNode> results = parse(records);
                List<Job> changed;
                try {
                    changed = store.recordResults(results).await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // Nothing committed: after a pause the same records are read again.
                    LOG.warn("Job store write failed; retrying {} results: {}", results.size(), e.toString());
                    rewind(c, records);
                    continue;
                }
                changed.forEach(onFinished);
                if (shared) {
                    c.commitAsync();
                }
            }
            if (shared) {
                c.commitSync(Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("Job writer stopped on an unexpected error; polls will go stale", e);
            }
        } finally {
            started.countDown();
            finished.countDown();
        }
    }

    private static List<ObjectNode> parse(ConsumerRecords<String, byte[]> records) {
        List<ObjectNode> results = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                JsonNode n = r.value() == null ? null : Json.mapper().readTree(r.value());
                if (n instanceof ObjectNode o && o.hasNonNull("request_id")) {
                    results.add(o);
                }
            } catch (java.io.IOException e) {
                LOG.warn("Skipping unreadable result at {}-{}@{}", r.topic(), r.partition(), r.offset());
            }
        }
        return results;
    }

    private void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            c.seek(tp, records.records(tp).get(0).offset());
        }
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-jobs");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        if (shared) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
            // A new group starts from the oldest retained result: a job accepted before the first
            // writer started is still completed.
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        }
        return p;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        finished.await(10, TimeUnit.SECONDS);
    }
}
