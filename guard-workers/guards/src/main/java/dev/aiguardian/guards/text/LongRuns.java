package dev.aiguardian.guards.text;

/**
 * Finds the next run of at least {@code min} chars of an ASCII class. Scans that only act on long runs (tokens of
 * 16 chars and more) skip short ones without reading all their chars: a window of {@code min} chars is read from
 * its right end, and the first char outside the class found there moves the window past it (Horspool's idea).
 * In prose, where words are shorter than the window, most chars are never read; no char is read more than
 * {@code min} times, so the scan stays linear.
 */
public final class LongRuns {
    private LongRuns() {
    }

    /**
     * The start of the first run of at least {@code min} chars of {@code inClass} (an ASCII table; chars beyond it
     * are outside) that starts at or after {@code from}, or -1. {@code from} must itself be where a run can start:
     * 0, just after a char outside the class, or where the caller cut a longer run.
     */
    public static int next(String s, int from, boolean[] inClass, int min) {
        int n = s.length();
        int i = from;
        while (i + min <= n) {
            int k = i + min - 1;
            while (k >= i && in(s.charAt(k), inClass)) {
                k--;
            }
            if (k < i) {
                return i;
            }
            i = k + 1;
        }
        return -1;
    }

    /** The end (exclusive) of the run of {@code inClass} chars that starts at {@code start}. */
    public static int end(String s, int start, boolean[] inClass) {
        int n = s.length();
        int i = start;
        while (i < n && in(s.charAt(i), inClass)) {
            i++;
        }
        return i;
    }

    private static boolean in(char c, boolean[] inClass) {
        return c < inClass.length && inClass[c];
    }
}
