package dev.aiguardian.guards.semantic;

import dev.aiguardian.config.Env;

/**
 * The semantic layer's configuration, each option declared once here and in the README table.
 *
 * @param mode         {@code SEMANTIC_ENABLED}: {@link Mode#AUTO} (unset: on if the model loads, else one
 *                     WARN line and rules only), {@link Mode#ON} (required: start-up fails if the model does
 *                     not load) or {@link Mode#OFF}
 * @param budgetMs     {@code SEMANTIC_BUDGET_MS} (default 25): model time one request may spend; past it the
 *                     layer stops and the result says so ({@code budget_exhausted})
 * @param cacheEntries {@code SEMANTIC_CACHE_ENTRIES} (default 20000): sentences whose embedding is kept (LRU);
 *                     1.6 KB each
 * @param threads      {@code SEMANTIC_THREADS} (default 1): ONNX Runtime intra-op threads per model run. The
 *                     worker pool already runs one request per core, so more threads only make runs compete
 *                     for the same cores (and idle ones spin); raise it only on a machine with cores to spare
 * @param gate         {@code SEMANTIC_GATE} (default true): the static pre-gate ({@link StaticGate}) keeps
 *                     sentences that are clearly unlike an intent from the model; {@code false} sends every
 *                     cue sentence to the model, as before the gate existed
 */
public record SemanticSettings(Mode mode, int budgetMs, int cacheEntries, int threads, boolean gate) {

    /** {@code SEMANTIC_GATE}'s default (docs/guards/semantic.md, "The static pre-gate"). */
    private static final boolean DEFAULT_GATE = true;

    /** Whether the layer runs. */
    public enum Mode { AUTO, ON, OFF }

    public static final SemanticSettings DEFAULT = new SemanticSettings(Mode.AUTO, 25, 20_000, 1, DEFAULT_GATE);

    /** The settings with the gate at its default. */
    public SemanticSettings(Mode mode, int budgetMs, int cacheEntries, int threads) {
        this(mode, budgetMs, cacheEntries, threads, DEFAULT_GATE);
    }

    public SemanticSettings {
        if (budgetMs < 0 || cacheEntries < 0 || threads < 1) {
            throw new IllegalArgumentException("budget and cache size must be >= 0, threads >= 1");
        }
    }

    /** Reads the options; bad values are recorded on {@code env} as one problem line each. */
    public static SemanticSettings from(Env env) {
        Mode mode = env.raw("SEMANTIC_ENABLED").isEmpty() ? Mode.AUTO
                : env.bool("SEMANTIC_ENABLED", true) ? Mode.ON : Mode.OFF;
        int budget = env.integer("SEMANTIC_BUDGET_MS", DEFAULT.budgetMs(), 0, 10_000);
        int cache = env.integer("SEMANTIC_CACHE_ENTRIES", DEFAULT.cacheEntries(), 0, 10_000_000);
        int threads = env.integer("SEMANTIC_THREADS", DEFAULT.threads(), 1, 64);
        boolean gate = env.bool("SEMANTIC_GATE", DEFAULT.gate());
        return new SemanticSettings(mode, budget, cache, threads, gate);
    }
}
