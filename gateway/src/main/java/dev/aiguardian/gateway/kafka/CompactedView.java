package dev.aiguardian.gateway.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.schemas.Json;

/**
 * The latest value per key of a small compacted topic, kept in memory: every instance reads all of
 * it from the beginning (no group), and a tombstone removes the key.
 */
public abstract class CompactedView<V> extends ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedView.class);

    private final GatewayConfig config;
    private final String topic;
    private final Class<V> type;
    private final boolean committedOnly;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private List<TopicPartition> parts;
    private Map<TopicPartition, Long> end;

    /** @param committedOnly read only committed records, for topics written in transactions */
    protected CompactedView(GatewayConfig config, String topic, Class<V> type, boolean committedOnly,
                            String threadName) {
        super(threadName);
        this.config = config;
        this.topic = topic;
        this.type = type;
        this.committedOnly = committedOnly;
    }

    @Override
    protected final void onStart(KafkaConsumer<String, byte[]> c) {
        parts = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(topic)) {
            parts.add(new TopicPartition(p.topic(), p.partition()));
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        end = c.endOffsets(parts);
    }

    @Override
    protected final void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            apply(r);
        }
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
    public final boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    protected final Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    protected final Collection<V> all() {
        return values.values();
    }

    @Override
    protected final Properties consumerProps() {
        Properties p = baseProps(config, topic);
        if (committedOnly) {
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return p;
    }
}
