package dev.aiguardian.guards.testing;

/**
 * Whether a held-out test prints the cases it got wrong. Every build runs the held-out tests, and a miss in the
 * log tells whoever tunes a detector what to tune for, so they print only their figures unless asked
 * ({@code -Dheldout.misses=true}, e.g. for the post-mortem of a set that is being retired).
 */
public final class HeldOutMisses {
    public static final String PROPERTY = "heldout.misses";

    private HeldOutMisses() {
    }

    public static boolean shown() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** The line printed in place of {@code count} hidden misses. */
    public static String hidden(int count) {
        return "(" + count + " misses not printed: a held-out set's cases are not read while tuning; -D" + PROPERTY
                + "=true prints them)";
    }
}
