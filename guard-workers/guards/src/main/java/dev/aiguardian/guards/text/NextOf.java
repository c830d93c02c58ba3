package dev.aiguardian.guards.text;

/**
 * Finds, left to right, the next position holding one of a few chars. Scans that only start at
 * rare chars ('=', '[', a line break) jump from one to the next with one {@link String#indexOf}
 * cursor per char, which the JVM runs as a vector search: many times cheaper than reading every
 * char. A scan that only moves forward moves each cursor forward only, so it stays linear; asked
 * about an earlier position, the cursors start again from there.
 */
public final class NextOf {
    private final String s;
    private final char[] chars;
    private final int[] next;
    private int last;

    public NextOf(String s, char... chars) {
        this.s = s;
        this.chars = chars.clone();
        this.next = new int[chars.length];
        for (int k = 0; k < chars.length; k++) {
            next[k] = s.indexOf(chars[k]);
        }
    }

    /** The first position at or after {@code from} holding one of the chars, or -1. */
    public int from(int from) {
        int best = -1;
        boolean back = from < last;
        last = from;
        for (int k = 0; k < chars.length; k++) {
            int p = next[k];
            if (back || (p >= 0 && p < from)) {
                p = s.indexOf(chars[k], from);
                next[k] = p;
            }
            if (p >= 0 && (best < 0 || p < best)) {
                best = p;
            }
        }
        return best;
    }
}
