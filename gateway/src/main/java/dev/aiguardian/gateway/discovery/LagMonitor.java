package dev.aiguardian.gateway.discovery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * Each guard's consumer lag (records on its request topic and its priority lane that the groups reading
 * them have not committed yet), sampled every few seconds with the admin client, and whether it keeps
 * growing: a guard whose backlog rose at every one of the last samples is falling behind even if its
 * workers are alive.
 */
public final class LagMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
    private static final int WINDOW = 4;

    /** The latest figure for one guard. */
    public record Lag(long records, boolean growing) {
    }

    /** A topic a guard reads and the group whose commits say how far it got. */
    private record Source(String topic, String group) {
    }

    private final Admin admin;
    private final Map<ServiceType, List<Source>> sources;
    private final Map<ServiceType, Deque<Long>> samples = new EnumMap<>(ServiceType.class);
    private final Map<ServiceType, Lag> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aiguardian-lag");
        t.setDaemon(true);
        return t;
    });

    /**
     * Watches, for each guard, the group that serves its request topic ({@link ConsumerGroups#serving}) and
     * the lane's own group ({@link ConsumerGroups#workerLane}): the lag is the sum of both backlogs.
     */
    public LagMonitor(Admin admin) {
        Map<ServiceType, List<Source>> s = new EnumMap<>(ServiceType.class);
        for (ServiceType t : ServiceType.values()) {
            s.put(t, Topics.hasPriorityLane(t)
                    ? List.of(new Source(Topics.requests(t), ConsumerGroups.serving(t)),
                            new Source(Topics.priorityRequests(t), ConsumerGroups.workerLane(t)))
                    : List.of(new Source(Topics.requests(t), ConsumerGroups.serving(t))));
        }
        this.admin = admin;
        this.sources = Map.copyOf(s);
    }

    public void start(long everyMs) {
        timer.scheduleWithFixedDelay(this::sampleAll, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    public Lag lag(ServiceType guard) {
        return latest.get(guard);
    }

    private void sampleAll() {
        for (Map.Entry<ServiceType, List<Source>> e : sources.entrySet()) {
            try {
                long lag = 0;
                for (Source source : e.getValue()) {
                    lag += sample(source.topic(), source.group());
                }
                Deque<Long> s = samples.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
                s.addLast(lag);
                while (s.size() > WINDOW) {
                    s.removeFirst();
                }
                latest.put(e.getKey(), new Lag(lag, growing(s)));
            } catch (Exception ex) {
                LOG.debug("Lag of {} not sampled: {}", e.getKey(), ex.toString());
            }
        }
    }

    private long sample(String topic, String group) throws Exception {
        List<TopicPartitionInfo> parts = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                .get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartitionInfo p : parts) {
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                .get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            // A partition the group never committed: everything retained on it is still to do.
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private static boolean growing(Deque<Long> s) {
        if (s.size() < WINDOW) {
            return false;
        }
        Long previous = null;
        for (Long v : s) {
            if (previous != null && v <= previous) {
                return false;
            }
            previous = v;
        }
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
