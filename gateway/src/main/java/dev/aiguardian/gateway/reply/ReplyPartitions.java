package dev.aiguardian.gateway.reply;

import java.util.Collection;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The partitions of guard.results this instance currently owns, from which a request's reply
 * partition is picked. Only partitions whose read position is already fixed are listed, so a reply
 * can never land before this instance reads from there.
 */
public final class ReplyPartitions {
    private final TreeSet<Integer> owned = new TreeSet<>();
    private volatile int[] snapshot = new int[0];
    private final AtomicInteger next = new AtomicInteger();

    synchronized void add(Collection<Integer> partitions) {
        owned.addAll(partitions);
        publish();
    }

    synchronized void remove(Collection<Integer> partitions) {
        owned.removeAll(partitions);
        publish();
    }

    synchronized void clear() {
        owned.clear();
        publish();
    }

    private void publish() {
        snapshot = owned.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A partition to name as reply partition, spreading requests over all owned ones; empty when none. */
    public OptionalInt pick() {
        int[] s = snapshot;
        if (s.length == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(s[Math.floorMod(next.getAndIncrement(), s.length)]);
    }

    public int[] owned() {
        return snapshot.clone();
    }
}
