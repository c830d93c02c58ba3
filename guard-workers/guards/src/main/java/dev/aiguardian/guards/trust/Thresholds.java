package dev.aiguardian.guards.trust;

/**
 * Score cut-offs for one category: at or above {@code flag} the verdict is at least flag, at or
 * above {@code block} it is block. A threshold above 1 never fires (scores are at most 1).
 */
public record Thresholds(double flag, double block) {

    public Thresholds {
        if (!(flag >= 0 && flag <= 1.01) || !(block >= 0 && block <= 1.01)) {
            throw new IllegalArgumentException("thresholds must be between 0 and 1.01 (1.01 = never)");
        }
        if (block < flag) {
            throw new IllegalArgumentException("block threshold " + block + " is below flag threshold " + flag);
        }
    }

    public static final double NEVER = 1.01;
}
