package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.kafka.ConsumerThread;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;

/**
 * Writes every result on guard.results into the job store, so that any instance can answer a poll,
 * and hands the jobs it completed to the callback sender. With a shared store (Postgres) the instances
 * split the partitions in one consumer group and commit after each write; with a per-instance memory
 * store each instance reads every partition, from the end, since there is nothing to resume.
 */
public final class JobWriter extends ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(JobWriter.class);

    private final GatewayConfig config;
    private final JobStore store;
    private final boolean shared;
    private final Consumer<Job> onFinished;
    private volatile boolean started;

    public JobWriter(GatewayConfig config, JobStore store, boolean shared, Consumer<Job> onFinished) {
        super("aiguardian-job-writer");
        this.config = config;
        this.store = store;
        this.shared = shared;
        this.onFinished = onFinished;
    }

    /** True once the consumer has its position, so results published from now on will be stored. */
    public boolean isStarted() {
        return started && isRunning();
    }

    @Override
    protected void onStart(KafkaConsumer<String, byte[]> c) {
        if (shared) {
            c.subscribe(List.of(Topics.RESULTS));
        } else {
            List<TopicPartition> all = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(Topics.RESULTS)) {
                all.add(new TopicPartition(p.topic(), p.partition()));
            }
            c.assign(all);
            c.seekToEnd(all);
            all.forEach(c::position);
        }
        started = true;
    }

    @Override
    protected void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<ObjectNode> results = parse(records);
        List<Job> changed;
        try {
            changed = store.recordResults(results).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Nothing committed: after a pause the same records are read again.
            LOG.warn("Job store write failed; retrying {} results: {}", results.size(), e.toString());
            rewind(c, records);
            return;
        }
        changed.forEach(onFinished);
        if (shared) {
            c.commitAsync();
        }
    }

    @Override
    protected void onStop(KafkaConsumer<String, byte[]> c) {
        if (shared) {
            c.commitSync(Duration.ofSeconds(5));
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

    private static void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            c.seek(tp, records.records(tp).get(0).offset());
        }
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected Properties consumerProps() {
        Properties p = config.kafka().consumer(config.clientId() + "-jobs",
                ConsumerGroups.withMembership(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000")));
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
