package dev.aiguardian.guards.context;

import dev.aiguardian.guards.tokens.TokenCounter;

/**
 * ContextGuard's configuration: memory bounds, drift judgement, the default window budget (the
 * caller may ask for another with {@code max_context_tokens}) and the encoding turns are counted in.
 */
public record ContextSettings(MemoryLimits limits, DriftSettings drift, int defaultWindowTokens,
        TokenCounter.Bpe encoding) {

    public static final ContextSettings DEFAULT =
            new ContextSettings(MemoryLimits.DEFAULT, DriftSettings.DEFAULT, 4096, TokenCounter.Bpe.CL100K_BASE);

    public ContextSettings {
        if (limits == null || drift == null || encoding == null) {
            throw new IllegalArgumentException("limits, drift and encoding are required");
        }
        if (defaultWindowTokens < 1) {
            throw new IllegalArgumentException("default window tokens must be >= 1");
        }
    }
}
