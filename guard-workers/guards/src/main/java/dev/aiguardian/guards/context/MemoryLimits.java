package dev.aiguardian.guards.context;

import java.time.Duration;

/** Bounds on one session's memory: how many turns, how many tokens, how long it may sit idle. */
public record MemoryLimits(int maxTurns, int maxTokens, Duration idleTtl) {

    public static final MemoryLimits DEFAULT = new MemoryLimits(50, 16_000, Duration.ofHours(24));

    public MemoryLimits {
        if (maxTurns < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("max_turns and max_tokens must be >= 1");
        }
        if (idleTtl == null || idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("idle TTL must be positive");
        }
    }
}
