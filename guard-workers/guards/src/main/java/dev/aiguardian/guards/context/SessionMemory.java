package dev.aiguardian.guards.context;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One session's memory as an immutable value: the turns (oldest first), the decayed topic
 * centroid (a sparse hashed-feature vector, feature id to weight), how many non-system turns fed
 * that centroid, and when the session was last active. Every change returns a new value, so the
 * caller (a Kafka Streams processor) reads, transforms and writes it back as one step. With the
 * semantic layer on, {@code semanticCentroid} is the topic in embedding space ({@link
 * dev.aiguardian.guards.semantic.DenseCentroid}, about 520 characters; null without the layer, and in
 * sessions stored before it existed, which then read as null). Plain
 * strings, numbers, lists and maps: it round-trips through the project's Jackson mapper.
 */
public record SessionMemory(List<Turn> turns, Map<Integer, Double> centroid, int topicTurns, Instant lastActive,
        String semanticCentroid) {

    public SessionMemory {
        turns = turns == null ? List.of() : List.copyOf(turns);
        centroid = centroid == null ? Centroid.EMPTY : Centroid.of(centroid);
        if (topicTurns < 0) {
            throw new IllegalArgumentException("topicTurns must be >= 0");
        }
    }

    /** A session that has seen nothing yet. */
    public static SessionMemory empty() {
        return new SessionMemory(List.of(), Centroid.EMPTY, 0, null, null);
    }

    /** The memory after {@code reset}: nothing remembered, topic forgotten. */
    public SessionMemory reset() {
        return empty();
    }

    /** True when the session has been idle longer than {@code idleTtl} and must start afresh. */
    public boolean expired(Instant now, Duration idleTtl) {
        return lastActive != null && Duration.between(lastActive, now).compareTo(idleTtl) > 0;
    }

    /** Tokens of all remembered turns (content only). */
    public int tokenTotal() {
        return turns.stream().mapToInt(Turn::tokens).sum();
    }

    /** The same memory with a new topic centroid. */
    public SessionMemory withTopic(Map<Integer, Double> newCentroid, int newTopicTurns) {
        return new SessionMemory(turns, newCentroid, newTopicTurns, lastActive, semanticCentroid);
    }

    /** The same memory with a new semantic topic centroid. */
    public SessionMemory withSemanticTopic(String newSemanticCentroid) {
        return new SessionMemory(turns, centroid, topicTurns, lastActive, newSemanticCentroid);
    }

    /**
     * Appends a turn, then evicts until both bounds hold: the oldest unpinned, non-system turn
     * first; pinned and system turns only when nothing else is left to evict (oldest first). The
     * new turn itself is never evicted, so a single turn larger than {@code max_tokens} is kept
     * alone rather than lost.
     */
    public SessionMemory append(Turn turn, MemoryLimits limits) {
        List<Turn> next = new ArrayList<>(turns.size() + 1);
        next.addAll(turns);
        next.add(turn);
        int tokens = tokenTotal() + turn.tokens();
        while (next.size() > 1 && (next.size() > limits.maxTurns() || tokens > limits.maxTokens())) {
            int victim = oldestEvictable(next);
            tokens -= next.remove(victim).tokens();
        }
        Instant active = lastActive == null || turn.at().isAfter(lastActive) ? turn.at() : lastActive;
        return new SessionMemory(next, centroid, topicTurns, active, semanticCentroid);
    }

    private static int oldestEvictable(List<Turn> list) {
        int last = list.size() - 1; // the newest turn, never a victim
        for (int i = 0; i < last; i++) {
            if (!list.get(i).kept()) {
                return i;
            }
        }
        return 0; // unavoidable: only pinned/system turns remain besides the newest
    }
}
