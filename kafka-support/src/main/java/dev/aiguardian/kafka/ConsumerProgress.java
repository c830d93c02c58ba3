package dev.aiguardian.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer gets anywhere. Progress is a partition's position passing the furthest point it
 * had reached, so re-reading records after a rewind (a retry) is not progress; a consumer with nothing
 * left to read is never stalled. Fed by the consumer's own thread, read from any thread.
 */
public final class ConsumerProgress {
    /** Lag when it is not known yet (no fetch has returned): never counts as stalled. */
    public static final long UNKNOWN = -1;

    private final Map<TopicPartition, Long> furthest = new HashMap<>();
    private volatile long lastProgressNanos;
    private volatile long lag = UNKNOWN;

    public ConsumerProgress(long nowNanos) {
        this.lastProgressNanos = nowNanos;
    }

    /**
     * Records where the consumer is after handling a poll's records.
     *
     * @param positions the next offset to read of each assigned partition whose position is known
     * @param lag       records between those positions and the ends of the partitions, or {@link #UNKNOWN}
     */
    public void observe(Map<TopicPartition, Long> positions, long lag, long nowNanos) {
        boolean advanced = false;
        for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
            Long before = furthest.get(e.getKey());
            if (before == null || e.getValue() > before) {
                furthest.put(e.getKey(), e.getValue());
                // A partition seen for the first time (assigned, or re-assigned) sets a baseline.
                advanced |= before != null;
            }
        }
        furthest.keySet().retainAll(positions.keySet());
        this.lag = lag;
        if (advanced || lag == 0) {
            lastProgressNanos = nowNanos;
        }
    }

    /** Records to read as of the last observation, or {@link #UNKNOWN}. */
    public long lag() {
        return lag;
    }

    /** How long since the consumer last advanced or was caught up. */
    public Duration sinceProgress(long nowNanos) {
        return Duration.ofNanos(Math.max(0, nowNanos - lastProgressNanos));
    }

    /** True when there are records to read and none has been got past for longer than {@code after}. */
    public boolean stalled(Duration after, long nowNanos) {
        return lag > 0 && sinceProgress(nowNanos).compareTo(after) > 0;
    }
}
