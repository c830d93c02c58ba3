package dev.aiguardian.guards.tokens.bpe;

/**
 * A BPE vocabulary held as three flat arrays: every token's bytes concatenated in rank order, the offset of each
 * rank into them, and an open-addressing table from a hash of the bytes to the rank. About 7 MB for cl100k_base
 * and o200k_base together, where a map of byte-array keys to boxed ranks took 43 MB.
 */
public final class Vocabulary {
    /** What {@link #rank} answers for byte strings that are not a token. */
    public static final int NONE = Integer.MAX_VALUE;

    // A slot holds rank + 1 in the low bits (0 means empty) and some high bits of the hash above them, so that
    // most probes for a non-token are rejected without comparing bytes.
    private static final int RANK_BITS = 20;
    private static final int RANK_MASK = (1 << RANK_BITS) - 1;
    private static final int TAG_MASK = ~RANK_MASK;

    private final byte[] bytes;
    private final int[] offsets;
    private final int[] slots;
    private final int slotMask;
    private final int maxTokenLength;

    /**
     * @param bytes   every token's bytes, rank 0 first
     * @param offsets {@code offsets[r]} to {@code offsets[r + 1]} are rank r's bytes; an empty range is an unused rank
     */
    Vocabulary(byte[] bytes, int[] offsets) {
        int size = offsets.length - 1;
        if (size >= RANK_MASK) {
            throw new IllegalArgumentException("a vocabulary of " + size + " ranks does not fit the table");
        }
        this.bytes = bytes;
        this.offsets = offsets;
        // At most half full, so probe sequences stay short.
        int capacity = Integer.highestOneBit(Math.max(size, 1) * 2 - 1) << 1;
        this.slots = new int[capacity];
        this.slotMask = capacity - 1;
        int longest = 0;
        for (int rank = 0; rank < size; rank++) {
            longest = Math.max(longest, offsets[rank + 1] - offsets[rank]);
        }
        this.maxTokenLength = longest;
        for (int rank = 0; rank < size; rank++) {
            int from = offsets[rank];
            int to = offsets[rank + 1];
            if (to == from) {
                continue;
            }
            if (rank(bytes, from, to) != NONE) {
                throw new IllegalArgumentException("rank " + rank + " repeats the bytes of rank " + rank(bytes, from, to));
            }
            int hash = hash(bytes, from, to);
            int i = hash & slotMask;
            while (slots[i] != 0) {
                i = (i + 1) & slotMask;
            }
            slots[i] = (hash & TAG_MASK) | (rank + 1);
        }
    }

    /** The rank of the token whose bytes are {@code buf[from, to)}, or {@link #NONE}. Allocates nothing. */
    public int rank(byte[] buf, int from, int to) {
        int length = to - from;
        if (length > maxTokenLength || length <= 0) {
            return NONE;
        }
        int hash = hash(buf, from, to);
        int tag = hash & TAG_MASK;
        for (int i = hash & slotMask; ; i = (i + 1) & slotMask) {
            int slot = slots[i];
            if (slot == 0) {
                return NONE;
            }
            if ((slot & TAG_MASK) == tag) {
                int rank = (slot & RANK_MASK) - 1;
                int start = offsets[rank];
                if (offsets[rank + 1] - start == length && sameBytes(buf, from, start, length)) {
                    return rank;
                }
            }
        }
    }

    /** Number of ranks, used or not: valid ranks are {@code 0 <= rank < size()}. */
    public int size() {
        return offsets.length - 1;
    }

    /** The byte length of the longest token. */
    public int maxTokenLength() {
        return maxTokenLength;
    }

    /** Byte length of the token with this rank; 0 for an unused rank. */
    public int length(int rank) {
        return offsets[rank + 1] - offsets[rank];
    }

    /** Copies the token's bytes into {@code out} at {@code at}; returns the offset just past them. */
    public int copy(int rank, byte[] out, int at) {
        int start = offsets[rank];
        int length = offsets[rank + 1] - start;
        System.arraycopy(bytes, start, out, at, length);
        return at + length;
    }

    private boolean sameBytes(byte[] buf, int from, int start, int length) {
        for (int k = 0; k < length; k++) {
            if (buf[from + k] != bytes[start + k]) {
                return false;
            }
        }
        return true;
    }

    // FNV-1a over the bytes, then a murmur3 finaliser so that both the low bits (the slot) and the high bits
    // (the tag) depend on every byte.
    private static int hash(byte[] buf, int from, int to) {
        int h = 0x811C9DC5;
        for (int k = from; k < to; k++) {
            h = (h ^ (buf[k] & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
