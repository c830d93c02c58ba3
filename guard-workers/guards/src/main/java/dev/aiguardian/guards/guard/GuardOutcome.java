package dev.aiguardian.guards.guard;

import dev.aiguardian.schemas.Verdict;

/**
 * A guard's answer: the verdict, a risk score in 0..1, and the guard-specific details (a record
 * or map that the runtime serialises as the result's {@code result} object, in snake_case).
 */
public record GuardOutcome(Verdict verdict, double score, Object details) {

    public GuardOutcome {
        if (verdict == null) {
            throw new IllegalArgumentException("verdict is required");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
    }
}
