package dev.aiguardian.guards.tokens.bpe;

import java.util.Arrays;

/**
 * Reads tiktoken's rank-file format (one {@code <base64 token bytes> <rank>} line per token, ranks ascending)
 * straight into a {@link Vocabulary}: two passes over the file's bytes, no object per entry.
 */
public final class TiktokenRanks {

    private static final byte[] BASE64 = new byte[128];

    static {
        Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    private TiktokenRanks() {
    }

    /**
     * @param file the whole rank file
     * @throws IllegalArgumentException naming the line, when a line is not {@code base64 rank} or ranks do not ascend
     */
    public static Vocabulary parse(byte[] file) {
        // Pass 1: how many ranks and how many token bytes, so both arrays are allocated once at their size.
        int lastRank = -1;
        long tokenBytes = 0;
        int line = 0;
        for (int at = 0; at < file.length; ) {
            int end = lineEnd(file, at);
            line++;
            if (end > at) {
                int space = space(file, at, end, line);
                int rank = rank(file, space + 1, end, line);
                if (rank <= lastRank) {
                    throw new IllegalArgumentException("line " + line + ": rank " + rank + " after " + lastRank);
                }
                lastRank = rank;
                tokenBytes += decodedLength(file, at, space, line);
            }
            at = end + 1;
        }
        if (tokenBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rank file too large");
        }
        // Pass 2: decode each token into its place; ranks left out of the file keep an empty range.
        byte[] bytes = new byte[(int) tokenBytes];
        int[] offsets = new int[lastRank + 2];
        int filled = 0;
        int nextRank = 0;
        for (int at = 0; at < file.length; ) {
            int end = lineEnd(file, at);
            if (end > at) {
                int space = space(file, at, end, 0);
                int rank = rank(file, space + 1, end, 0);
                while (nextRank <= rank) {
                    offsets[nextRank++] = filled;
                }
                filled = decode(file, at, space, bytes, filled);
            }
            at = end + 1;
        }
        offsets[nextRank] = filled;
        return new Vocabulary(bytes, offsets);
    }

    private static int lineEnd(byte[] file, int from) {
        int i = from;
        while (i < file.length && file[i] != '\n') {
            i++;
        }
        return i > from && file[i - 1] == '\r' ? i - 1 : i;
    }

    private static int space(byte[] file, int from, int end, int line) {
        for (int i = from; i < end; i++) {
            if (file[i] == ' ') {
                return i;
            }
        }
        throw new IllegalArgumentException("line " + line + ": no space between token and rank");
    }

    private static int rank(byte[] file, int from, int end, int line) {
        if (from >= end || end - from > 9) {
            throw new IllegalArgumentException("line " + line + ": rank missing or too long");
        }
        int rank = 0;
        for (int i = from; i < end; i++) {
            int digit = file[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("line " + line + ": rank is not a number");
            }
            rank = rank * 10 + digit;
        }
        return rank;
    }

    private static int decodedLength(byte[] file, int from, int to, int line) {
        int length = to - from;
        if (length == 0 || length % 4 != 0) {
            throw new IllegalArgumentException("line " + line + ": token is not padded base64");
        }
        for (int i = from; i < to; i++) {
            int c = file[i];
            boolean padding = c == '=' && i >= to - 2;
            if (!padding && (c < 0 || BASE64[c] < 0)) {
                throw new IllegalArgumentException("line " + line + ": token is not base64");
            }
        }
        int pad = (file[to - 1] == '=' ? 1 : 0) + (file[to - 2] == '=' ? 1 : 0);
        return length / 4 * 3 - pad;
    }

    private static int decode(byte[] file, int from, int to, byte[] out, int at) {
        int o = at;
        for (int i = from; i < to; i += 4) {
            int bits = 0;
            int chars = 0;
            for (int k = 0; k < 4 && file[i + k] != '='; k++) {
                bits |= BASE64[file[i + k]] << (18 - 6 * k);
                chars++;
            }
            out[o++] = (byte) (bits >>> 16);
            if (chars > 2) {
                out[o++] = (byte) (bits >>> 8);
            }
            if (chars > 3) {
                out[o++] = (byte) bits;
            }
        }
        return o;
    }
}
