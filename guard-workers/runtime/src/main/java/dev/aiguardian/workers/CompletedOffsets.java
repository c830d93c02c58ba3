package dev.aiguardian.workers;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition may be committed while later records are still being processed:
 * only the contiguous prefix whose results are all acknowledged, so a crash replays everything
 * after it and loses nothing. Not thread-safe: the loop thread alone calls it; completions arrive
 * through {@link Pending#done}, which is safe from any thread.
 */
final class CompletedOffsets {
    /** One record in flight: its offset, and whether its results are acknowledged (or failed). */
    static final class Pending {
        final long offset;
        private volatile int state; // 0 in flight, 1 acknowledged, 2 failed

        Pending(long offset) {
            this.offset = offset;
        }

        void done(boolean ok) {
            state = ok ? 1 : 2;
        }
    }

    /** What {@link #advance} found for one partition: the offset to commit, or where to replay from. */
    record Advance(OptionalLong commit, OptionalLong replayFrom) {
    }

    private final Map<TopicPartition, ArrayDeque<Pending>> byPartition = new HashMap<>();
    private int inFlight;

    /** Starts tracking {@code offset} of {@code tp}; offsets of a partition arrive in increasing order. */
    Pending track(TopicPartition tp, long offset) {
        Pending p = new Pending(offset);
        byPartition.computeIfAbsent(tp, k -> new ArrayDeque<>()).addLast(p);
        inFlight++;
        return p;
    }

    /** Records tracked and not yet past the committed prefix (finished ones behind an unfinished one count). */
    int size() {
        return inFlight;
    }

    boolean isEmpty(TopicPartition tp) {
        ArrayDeque<Pending> q = byPartition.get(tp);
        return q == null || q.isEmpty();
    }

    /**
     * Moves past the acknowledged head of {@code tp}'s queue. When the head failed, the partition's
     * queue is dropped and {@code replayFrom} says where to seek: the records after it are processed
     * again (duplicates, never losses).
     */
    Advance advance(TopicPartition tp) {
        ArrayDeque<Pending> q = byPartition.get(tp);
        long commit = -1;
        while (q != null && !q.isEmpty()) {
            Pending head = q.peekFirst();
            if (head.state == 1) {
                q.pollFirst();
                inFlight--;
                commit = head.offset + 1;
            } else if (head.state == 2) {
                forget(tp);
                return new Advance(commit < 0 ? OptionalLong.empty() : OptionalLong.of(commit),
                        OptionalLong.of(head.offset));
            } else {
                break;
            }
        }
        return new Advance(commit < 0 ? OptionalLong.empty() : OptionalLong.of(commit), OptionalLong.empty());
    }

    /** Partitions with something tracked. */
    Collection<TopicPartition> partitions() {
        return byPartition.keySet();
    }

    /** Stops tracking {@code tp} (revoked, lost or replayed): late completions of its records are ignored. */
    void forget(TopicPartition tp) {
        ArrayDeque<Pending> q = byPartition.remove(tp);
        if (q != null) {
            inFlight -= q.size();
        }
    }

    /** True when every tracked record of {@code partitions} has finished, acknowledged or failed. */
    boolean allFinished(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ArrayDeque<Pending> q = byPartition.get(tp);
            if (q == null) {
                continue;
            }
            for (Iterator<Pending> it = q.iterator(); it.hasNext(); ) {
                if (it.next().state == 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
