package dev.aiguardian.guards.budget;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import dev.aiguardian.config.Env;

/**
 * Per-user budgets, the same for every user: daily and monthly, in tokens and/or USD (each one
 * optional), and the share of a budget at which tokenguard starts to flag.
 */
public record BudgetSettings(OptionalLong dailyTokens, OptionalLong monthlyTokens, OptionalDouble dailyUsd,
        OptionalDouble monthlyUsd, double flagRatio) {

    public static final BudgetSettings NONE = new BudgetSettings(OptionalLong.empty(), OptionalLong.empty(),
            OptionalDouble.empty(), OptionalDouble.empty(), 0.8);

    public BudgetSettings {
        if (!(flagRatio > 0 && flagRatio <= 1)) {
            throw new IllegalArgumentException("flag ratio must be in (0, 1]");
        }
    }

    /** True when at least one budget is configured. */
    public boolean any() {
        return dailyTokens.isPresent() || monthlyTokens.isPresent() || dailyUsd.isPresent() || monthlyUsd.isPresent();
    }

    /**
     * {@code BUDGET_DAILY_TOKENS}, {@code BUDGET_MONTHLY_TOKENS}, {@code BUDGET_DAILY_USD},
     * {@code BUDGET_MONTHLY_USD} (unset = no such budget) and {@code BUDGET_FLAG_RATIO} (default 0.8).
     */
    public static BudgetSettings fromEnv(Env env) {
        return new BudgetSettings(tokens(env, "BUDGET_DAILY_TOKENS"), tokens(env, "BUDGET_MONTHLY_TOKENS"),
                usd(env, "BUDGET_DAILY_USD"), usd(env, "BUDGET_MONTHLY_USD"), ratio(env));
    }

    private static OptionalLong tokens(Env env, String name) {
        String raw = env.raw(name).map(String::trim).orElse("");
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(raw);
            if (v > 0) {
                return OptionalLong.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(name, raw, "must be a whole number of tokens above 0, or unset for no budget");
        return OptionalLong.empty();
    }

    private static OptionalDouble usd(Env env, String name) {
        String raw = env.raw(name).map(String::trim).orElse("");
        if (raw.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(raw);
            if (v > 0 && Double.isFinite(v)) {
                return OptionalDouble.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(name, raw, "must be an amount in US dollars above 0 (e.g. 5.00), or unset for no budget");
        return OptionalDouble.empty();
    }

    private static double ratio(Env env) {
        String raw = env.raw("BUDGET_FLAG_RATIO").map(String::trim).orElse("");
        if (raw.isEmpty()) {
            return 0.8;
        }
        try {
            double v = Double.parseDouble(raw);
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem("BUDGET_FLAG_RATIO", raw, "must be a share of the budget in (0, 1], e.g. 0.8");
        return 0.8;
    }
}
