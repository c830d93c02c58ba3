package dev.aiguardian.guards.tokens.bpe;

import java.util.Arrays;

/**
 * Byte-pair merging of one pre-tokenised piece, as tiktoken does it: start from single bytes and keep merging the
 * adjacent pair whose bytes form the lowest-ranked token (the leftmost of equals) until no pair is a token.
 * Holds the scratch arrays of one encode or count call, so it is not thread-safe and allocates only when a piece
 * is longer than any before it in the call.
 */
final class PieceMerger {
    // Up to this many bytes, a scan of an array of parts per merge (quadratic, but with no bookkeeping) is faster;
    // beyond it a heap of candidate pairs over a linked list keeps a long run of one letter near-linear.
    static final int SCAN_LIMIT = 256;

    private final Vocabulary vocabulary;
    private byte[] piece = new byte[64];
    private int[] starts = new int[65];
    private int[] ranks = new int[65];
    private int[] ids;
    private int idCount;
    private LongPieces longPieces;

    /** @param keepIds whether to record the token ids ({@link #ids()}) or only count them */
    PieceMerger(Vocabulary vocabulary, boolean keepIds) {
        this.vocabulary = vocabulary;
        this.ids = keepIds ? new int[16] : null;
    }

    /** A buffer of at least {@code length} bytes to write the next piece into; valid until the next call. */
    byte[] pieceBuffer(int length) {
        if (piece.length < length) {
            piece = new byte[Math.max(length, piece.length * 2)];
        }
        return piece;
    }

    /** Merges the first {@code length} bytes of the piece buffer; returns how many tokens they make. */
    int merge(int length) {
        int whole = vocabulary.rank(piece, 0, length);
        if (whole != Vocabulary.NONE) {
            emit(whole);
            return 1;
        }
        if (length > SCAN_LIMIT) {
            if (longPieces == null) {
                longPieces = new LongPieces();
            }
            return longPieces.merge(length);
        }
        return mergeByScan(length);
    }

    /** The ids recorded so far, when keeping them. */
    int[] ids() {
        return Arrays.copyOf(ids, idCount);
    }

    private int mergeByScan(int length) {
        if (starts.length <= length) {
            starts = new int[length + 1];
            ranks = new int[length + 1];
        }
        int parts = length;
        for (int i = 0; i <= length; i++) {
            starts[i] = i;
        }
        // ranks[i] is the rank of parts i and i + 1 joined.
        for (int i = 0; i < parts - 1; i++) {
            ranks[i] = vocabulary.rank(piece, i, i + 2);
        }
        while (parts > 1) {
            int best = Vocabulary.NONE;
            int at = -1;
            for (int i = 0; i < parts - 1; i++) {
                if (ranks[i] < best) {
                    best = ranks[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            System.arraycopy(starts, at + 2, starts, at + 1, parts - at - 1);
            System.arraycopy(ranks, at + 2, ranks, at + 1, Math.max(0, parts - at - 3));
            parts--;
            ranks[at] = at < parts - 1 ? vocabulary.rank(piece, starts[at], starts[at + 2]) : Vocabulary.NONE;
            if (at > 0) {
                ranks[at - 1] = vocabulary.rank(piece, starts[at - 1], starts[at + 1]);
            }
        }
        if (ids != null) {
            for (int i = 0; i < parts; i++) {
                emit(tokenAt(starts[i], starts[i + 1]));
            }
        }
        return parts;
    }

    private int tokenAt(int from, int to) {
        int rank = vocabulary.rank(piece, from, to);
        if (rank == Vocabulary.NONE) {
            // Every single byte is a token in the tiktoken vocabularies, so a part is always one.
            throw new IllegalStateException("no token for bytes " + from + ".." + to + " of a piece");
        }
        return rank;
    }

    private void emit(int id) {
        if (ids != null) {
            if (idCount == ids.length) {
                ids = Arrays.copyOf(ids, idCount * 2);
            }
            ids[idCount++] = id;
        }
    }

    /**
     * The merge of a long piece: parts as a linked list over byte positions, candidate pairs in a binary min-heap
     * keyed by (rank, position), which is tiktoken's order of merges. A heap entry whose pair has since changed is
     * skipped when it surfaces: a pair's rank names its bytes, so an entry is current only if its rank still is.
     */
    private final class LongPieces {
        private int[] next = new int[0];
        private int[] prev = new int[0];
        private int[] pairRank = new int[0];
        private long[] heap = new long[0];
        private int heapSize;

        int merge(int length) {
            if (next.length < length) {
                next = new int[length];
                prev = new int[length];
                pairRank = new int[length];
                heap = new long[length];
            }
            heapSize = 0;
            for (int i = 0; i < length; i++) {
                next[i] = i + 1;
                prev[i] = i - 1;
            }
            for (int i = 0; i < length - 1; i++) {
                rerank(i, length);
            }
            pairRank[length - 1] = Vocabulary.NONE;
            int parts = length;
            while (heapSize > 0) {
                long top = pop();
                int at = (int) top;
                int rank = (int) (top >>> 32);
                if (next[at] < 0 || pairRank[at] != rank) {
                    continue;
                }
                int gone = next[at];
                next[at] = next[gone];
                if (next[gone] < length) {
                    prev[next[gone]] = at;
                }
                next[gone] = -1;
                pairRank[gone] = Vocabulary.NONE;
                parts--;
                rerank(at, length);
                if (prev[at] >= 0) {
                    rerank(prev[at], length);
                }
            }
            if (ids != null) {
                for (int i = 0; i < length; i = next[i]) {
                    emit(tokenAt(i, next[i]));
                }
            }
            return parts;
        }

        private void rerank(int at, int length) {
            int second = next[at];
            int rank = second < length ? vocabulary.rank(piece, at, next[second]) : Vocabulary.NONE;
            pairRank[at] = rank;
            if (rank != Vocabulary.NONE) {
                push(((long) rank << 32) | at);
            }
        }

        private void push(long entry) {
            if (heapSize == heap.length) {
                heap = Arrays.copyOf(heap, Math.max(16, heapSize * 2));
            }
            int i = heapSize++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= entry) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = entry;
        }

        private long pop() {
            long top = heap[0];
            long last = heap[--heapSize];
            int i = 0;
            int half = heapSize >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (last <= heap[child]) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
            return top;
        }
    }
}
