package dev.aiguardian.gateway.reply;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.kafka.ConsumerThread;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Reads the replies meant for this instance. The gateways share one consumer group on guard.results,
 * so each owns some of its partitions and reads only those; a request names one of its owner's
 * partitions in its reply-partition header and the worker publishes the result there (see
 * docs/reply-routing.md for why, and what happens on restart, rebalance and late replies).
 */
public final class ReplyListener extends ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);

    private final GatewayConfig config;
    private final PendingReplies pending;
    private final ReplyPartitions partitions;
    private final MeterRegistry registry;
    private final Counter matched;
    private final Counter unmatched;
    private KafkaClientMetrics clientMetrics;

    public ReplyListener(GatewayConfig config, PendingReplies pending, ReplyPartitions partitions,
                         MeterRegistry registry) {
        super("aiguardian-replies");
        this.config = config;
        this.pending = pending;
        this.partitions = partitions;
        this.registry = registry;
        this.matched = Counter.builder("aiguardian.gateway.replies").tag("matched", "true")
                .description("Results read from this instance's reply partitions").register(registry);
        this.unmatched = Counter.builder("aiguardian.gateway.replies").tag("matched", "false")
                .description("Results read from this instance's reply partitions").register(registry);
    }

    @Override
    protected void onStart(KafkaConsumer<String, byte[]> c) {
        clientMetrics = new KafkaClientMetrics(c);
        clientMetrics.bindTo(registry);
        c.subscribe(List.of(Topics.RESULTS), new Ownership(c));
    }

    @Override
    protected void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            deliver(r);
        }
    }

    @Override
    protected void onExit() {
        partitions.clear();
        if (clientMetrics != null) {
            clientMetrics.close();
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> r) {
        String requestId = r.key();
        // Cheap check first: most records on a shared partition may be for async jobs nobody waits on here.
        if (requestId == null || !pending.isWaiting(requestId)) {
            unmatched.increment();
            return;
        }
        try {
            // Only checked and its status read here: the caller's event loop sends these bytes on.
            if (pending.complete(requestId, Reply.read(r.value()))) {
                matched.increment();
            } else {
                unmatched.increment();
            }
        } catch (java.io.IOException e) {
            LOG.warn("Unreadable result for request {} at {}-{}@{}", requestId, r.topic(), r.partition(), r.offset());
            unmatched.increment();
        }
    }

    @Override
    protected Properties consumerProps() {
        Properties p = config.kafka().consumer(config.clientId() + "-replies", ConsumerGroups.withMembership(
                KafkaSettings.tuned(KafkaSettings.SYNC_PATH_CONSUMER, Map.of(
                // Moves as few partitions as possible when gateways come and go.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"))));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.GATEWAY_REPLIES);
        config.instanceId().or(() -> config.kafka().staticMember("replies"))
                .ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        // Replies are only useful to callers waiting now: never commit, always start from the end.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return p;
    }

    /** Keeps {@link ReplyPartitions} in step with the group's assignment. */
    private final class Ownership implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Ownership(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            partitions.remove(revoked.stream().map(TopicPartition::partition).toList());
            if (!revoked.isEmpty()) {
                LOG.info("Reply partitions released: {}", revoked.stream().map(TopicPartition::partition).toList());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            // Fix the read position now, before any request names these partitions, so no reply is skipped.
            c.seekToEnd(assigned);
            for (TopicPartition tp : assigned) {
                c.position(tp);
            }
            partitions.add(assigned.stream().map(TopicPartition::partition).toList());
            LOG.info("Reply partitions owned: {}", java.util.Arrays.toString(partitions.owned()));
        }
    }
}
