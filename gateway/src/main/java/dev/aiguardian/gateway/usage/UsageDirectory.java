package dev.aiguardian.gateway.usage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.schemas.UsageTotals;

/**
 * Every user's latest usage totals, from the compacted {@code guard.usage.totals} topic: every
 * gateway instance reads all of it (one small record per user) from the beginning, committed
 * records only (the topology writes them in exactly-once transactions).
 */
public final class UsageDirectory implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageDirectory.class);

    private final GatewayConfig config;
    private final Map<String, UsageTotals> totals = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread = new Thread(this, "aiguardian-usage-directory");
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public UsageDirectory(GatewayConfig config) {
        this.config = config;
    }

    public void start() {
        thread.setDaemon(true);
        thread.start();
    }

    public Optional<UsageTotals> totals(String userId) {
        return Optional.ofNullable(totals.get(userId));
    }

    /** True once the totals that existed at start-up have been read. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props())) {
            consumer = c;
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(Topics.USAGE_TOTALS)) {
                parts.add(new TopicPartition(p.topic(), p.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (!stopping) {
                try {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        apply(r);
                    }
                } catch (WakeupException e) {
                    continue;
                }
                if (caughtUp.getCount() > 0 && parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                    caughtUp.countDown();
                }
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("Usage directory stopped on an unexpected error; usage answers will go stale", e);
            }
        } finally {
            finished.countDown();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            totals.remove(r.key());
            return;
        }
        try {
            totals.put(r.key(), Json.fromBytes(r.value(), UsageTotals.class));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable usage totals of {}: {}", r.key(), e.getMessage());
        }
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-usage");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
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
