package dev.aiguardian.gateway.discovery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.kafka.ConsumerThread;
import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * Which guards are alive, from the compacted heartbeat topic: every instance reads all of it (it is
 * small) from the beginning, keeps the latest beat per worker, and counts a worker live while its
 * last beat is younger than three of its intervals.
 */
public final class GuardDirectory extends ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(GuardDirectory.class);
    private static final int MISSED_BEATS = 3;

    private final GatewayConfig config;
    private final Clock clock;
    private volatile LagMonitor lags;
    private final Map<String, Heartbeat> beats = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private List<TopicPartition> parts;
    private Map<TopicPartition, Long> end;

    public GuardDirectory(GatewayConfig config, Clock clock) {
        super("aiguardian-directory");
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected void onStart(KafkaConsumer<String, byte[]> c) {
        parts = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(Topics.HEARTBEATS)) {
            parts.add(new TopicPartition(p.topic(), p.partition()));
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        end = c.endOffsets(parts);
    }

    @Override
    protected void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
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
            beats.remove(r.key());
            return;
        }
        try {
            beats.put(r.key(), Json.fromBytes(r.value(), Heartbeat.class));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable heartbeat {}: {}", r.key(), e.getMessage());
        }
    }

    /** True once the heartbeats that existed at start-up have been read. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Adds consumer lag to the statuses; without it they come from heartbeats alone. */
    public void useLag(LagMonitor monitor) {
        this.lags = monitor;
    }

    public GuardStatus status(ServiceType guard) {
        Instant now = clock.instant();
        List<Heartbeat> live = new ArrayList<>();
        Instant last = null;
        for (Heartbeat hb : beats.values()) {
            if (hb.serviceType() != guard) {
                continue;
            }
            if (last == null || hb.sentAt().isAfter(last)) {
                last = hb.sentAt();
            }
            if (hb.sentAt().plusMillis(MISSED_BEATS * hb.intervalMs()).isAfter(now)) {
                live.add(hb);
            }
        }
        long processed = live.stream().mapToLong(Heartbeat::processed).sum();
        long failed = live.stream().mapToLong(Heartbeat::failed).sum();
        long inFlight = live.stream().mapToLong(Heartbeat::inFlight).sum();
        Double p95 = live.isEmpty() ? null : live.stream().mapToDouble(Heartbeat::p95ProcessingMs).max().orElse(0);
        LagMonitor.Lag lag = lags == null ? null : lags.lag(guard);
        String status = live.isEmpty() ? GuardStatus.UNAVAILABLE
                : lag != null && lag.growing() ? GuardStatus.DEGRADED : GuardStatus.HEALTHY;
        return new GuardStatus(status, live.size(), live.stream().map(Heartbeat::worker).sorted().toList(),
                guard.requestTopic(), processed, failed, inFlight, p95, last,
                lag == null ? null : lag.records(), lag == null ? null : lag.growing());
    }

    public Map<ServiceType, GuardStatus> statuses() {
        Map<ServiceType, GuardStatus> all = new EnumMap<>(ServiceType.class);
        for (ServiceType g : ServiceType.values()) {
            all.put(g, status(g));
        }
        return all;
    }

    @Override
    protected Properties consumerProps() {
        return baseProps(config, "directory");
    }
}
