package dev.aiguardian.guards.trust.normalize;

/**
 * A text derived from the caller's original text, with a map from every char of the view back to
 * the [start, end) range of the original it came from, so findings always point into the original.
 */
public final class TextView {
    private final String text;
    // Exactly one representation is used: identity (both arrays null and constant < 0),
    // per-char arrays, or one constant span (a decoded segment maps wholly onto its encoded form).
    private final int[] starts;
    private final int[] ends;
    private final int constStart;
    private final int constEnd;

    private TextView(String text, int[] starts, int[] ends, int constStart, int constEnd) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.constStart = constStart;
        this.constEnd = constEnd;
    }

    /** The original text itself. */
    public static TextView identity(String text) {
        return new TextView(text, null, null, -1, -1);
    }

    /** A view whose char i comes from original [starts[i], ends[i]). */
    public static TextView mapped(String text, int[] starts, int[] ends) {
        if (starts.length < text.length() || ends.length < text.length()) {
            throw new IllegalArgumentException("offset map shorter than text");
        }
        return new TextView(text, starts, ends, -1, -1);
    }

    /** A view every char of which comes from the one original span [start, end). */
    public static TextView constant(String text, int start, int end) {
        return new TextView(text, null, null, start, end);
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public boolean isIdentity() {
        return starts == null && constStart < 0;
    }

    public boolean isConstant() {
        return constStart >= 0;
    }

    /** Original offset where view char {@code i} starts. */
    public int originalStart(int i) {
        if (constStart >= 0) {
            return constStart;
        }
        return starts == null ? i : starts[i];
    }

    /** Original offset where view char {@code i} ends (exclusive). */
    public int originalEndOf(int i) {
        if (constStart >= 0) {
            return constEnd;
        }
        return ends == null ? i + 1 : ends[i];
    }

    /** Original [start, end) of view range [start, end); end must be greater than start. */
    public int[] toOriginal(int start, int end) {
        return new int[] {originalStart(start), originalEndOf(end - 1)};
    }
}
