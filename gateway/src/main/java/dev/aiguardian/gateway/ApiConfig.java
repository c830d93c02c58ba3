package dev.aiguardian.gateway;

import dev.aiguardian.config.Env;

/**
 * Settings of the API's conveniences around the guard calls: how many items one batch call may carry,
 * and whether the console's live stream may show what the guards saw.
 *
 * @param batchMaxItems   {@code BATCH_MAX_ITEMS}: the most items one {@code POST /api/v1/guards/batch} takes
 * @param consoleShowText {@code CONSOLE_SHOW_TEXT}: whether {@code GET /api/v1/events} carries each result's
 *                        {@code result} (findings with their evidence, redacted and rewritten texts); off, it
 *                        carries metadata only (ids, guard, verdict, score, timings, counts)
 */
public record ApiConfig(int batchMaxItems, boolean consoleShowText) {
    public static final int DEFAULT_BATCH_MAX_ITEMS = 100;

    public static ApiConfig fromEnv(Env env) {
        return new ApiConfig(env.integer("BATCH_MAX_ITEMS", DEFAULT_BATCH_MAX_ITEMS, 1, 1000),
                env.bool("CONSOLE_SHOW_TEXT", false));
    }
}
