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
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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

    // One sample is three admin requests for all guards (topics, end offsets, the groups' commits), not three
    // per topic: the monitor runs in every gateway, every few seconds, against the brokers of the sync path.
    private void sampleAll() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // A task that throws is never scheduled again: the next sample must still come.
            LOG.debug("Lag not sampled: {}", e.toString());
        }
    }

    private void sampleOnce() {
        Map<String, List<TopicPartition>> partitions = partitionsOfEveryTopic();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
        partitions.values().forEach(ps -> ps.forEach(tp -> latestSpec.put(tp, OffsetSpec.latest())));
        ListOffsetsResult ends = admin.listOffsets(latestSpec);
        Map<String, ListConsumerGroupOffsetsSpec> groupSpecs = new HashMap<>();
        for (List<Source> list : sources.values()) {
            for (Source source : list) {
                List<TopicPartition> ps = partitions.get(source.topic());
                if (ps != null) {
                    groupSpecs.put(source.group(), new ListConsumerGroupOffsetsSpec().topicPartitions(ps));
                }
            }
        }
        ListConsumerGroupOffsetsResult committed = admin.listConsumerGroupOffsets(groupSpecs);
        for (Map.Entry<ServiceType, List<Source>> e : sources.entrySet()) {
            try {
                long lag = 0;
                for (Source source : e.getValue()) {
                    List<TopicPartition> ps = partitions.get(source.topic());
                    if (ps == null) {
                        throw new IllegalStateException("topic " + source.topic() + " not described");
                    }
                    lag += lag(ps, ends, committed.partitionsToOffsetAndMetadata(source.group())
                            .get(5, TimeUnit.SECONDS));
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

    /** The partitions of every watched topic that could be described; a missing topic is left out. */
    private Map<String, List<TopicPartition>> partitionsOfEveryTopic() {
        List<String> topics = sources.values().stream().flatMap(List::stream).map(Source::topic).distinct().toList();
        Map<String, List<TopicPartition>> out = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                out.put(topic, future.get(5, TimeUnit.SECONDS).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList());
            } catch (Exception ex) {
                LOG.debug("Topic {} not described: {}", topic, ex.toString());
            }
        });
        return out;
    }

    private static long lag(List<TopicPartition> partitions, ListOffsetsResult ends,
                            Map<TopicPartition, OffsetAndMetadata> committed) throws Exception {
        long lag = 0;
        for (TopicPartition tp : partitions) {
            long end = ends.partitionResult(tp).get(5, TimeUnit.SECONDS).offset();
            OffsetAndMetadata c = committed.get(tp);
            // A partition the group never committed: everything retained on it is still to do.
            lag += Math.max(0, end - (c == null ? 0 : c.offset()));
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
