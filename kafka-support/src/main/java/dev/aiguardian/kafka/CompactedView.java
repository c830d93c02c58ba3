package dev.aiguardian.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.schemas.UsageTotals;

/**
 * The latest value per key of a small compacted topic, kept in memory: every instance reads all of
 * it from the beginning (no group), and a tombstone removes the key. Lookups never do I/O.
 */
public final class CompactedView<V> extends ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedView.class);

    private final KafkaSettings kafka;
    private final String clientId;
    private final String topic;
    private final Class<V> type;
    private final boolean committedOnly;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private List<TopicPartition> parts;
    private Map<TopicPartition, Long> end;

    /** @param committedOnly read only committed records, for topics written in transactions */
    private CompactedView(KafkaSettings kafka, String clientId, String topic, Class<V> type, boolean committedOnly,
                          String threadName) {
        super(threadName);
        this.kafka = kafka;
        this.clientId = clientId;
        this.topic = topic;
        this.type = type;
        this.committedOnly = committedOnly;
    }

    /** Every live (guard, instance) heartbeat, for service discovery. */
    public static CompactedView<Heartbeat> heartbeats(KafkaSettings kafka, String clientId) {
        return new CompactedView<>(kafka, clientId + "-heartbeats", Topics.HEARTBEATS, Heartbeat.class, false,
                "aiguardian-heartbeat-view");
    }

    /** Every user's latest usage totals; committed records only (the topology writes them in transactions). */
    public static CompactedView<UsageTotals> usageTotals(KafkaSettings kafka, String clientId) {
        return new CompactedView<>(kafka, clientId + "-usage-view", Topics.USAGE_TOTALS, UsageTotals.class, true,
                "aiguardian-usage-view");
    }

    @Override
    protected void onStart(KafkaConsumer<String, byte[]> c) {
        parts = partitionsOf(c, topic);
        c.assign(parts);
        c.seekToBeginning(parts);
        end = c.endOffsets(parts);
        markIfCaughtUp(c);
    }

    @Override
    protected void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            apply(r);
        }
        markIfCaughtUp(c);
    }

    private void markIfCaughtUp(KafkaConsumer<String, byte[]> c) {
        if (caughtUp.getCount() > 0 && parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
            caughtUp.countDown();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            values.remove(r.key());
            return;
        }
        try {
            values.put(r.key(), Json.fromBytes(r.value(), type));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable {} record {}: {}", topic, r.key(), e.getMessage());
        }
    }

    /** True once the records that existed at start-up have been read. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #isCaughtUp()}; false when the timeout passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> all() {
        return Collections.unmodifiableCollection(values.values());
    }

    @Override
    protected Properties consumerProps() {
        Properties p = kafka.consumer(clientId, Map.of());
        if (committedOnly) {
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return p;
    }
}
