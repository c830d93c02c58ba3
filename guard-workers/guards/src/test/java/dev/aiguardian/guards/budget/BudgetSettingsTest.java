package dev.aiguardian.guards.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.Verdict;

class BudgetSettingsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void readsEachBudgetFromTheEnvironmentAndNamesABadValue() {
        Env env = Env.of(Map.of("BUDGET_DAILY_TOKENS", "1000", "BUDGET_MONTHLY_USD", "12.50",
                "BUDGET_FLAG_RATIO", "0.9"));
        BudgetSettings b = BudgetSettings.fromEnv(env);
        assertThat(env.problems()).isEmpty();
        assertThat(b.dailyTokens()).hasValue(1000);
        assertThat(b.monthlyUsd()).hasValue(12.5);
        assertThat(b.monthlyTokens()).isEmpty();
        assertThat(b.flagRatio()).isEqualTo(0.9);
        assertThat(b.any()).isTrue();
        assertThat(BudgetSettings.fromEnv(Env.of(Map.of())).any()).isFalse();

        Env bad = Env.of(Map.of("BUDGET_DAILY_USD", "five", "BUDGET_MONTHLY_TOKENS", "-3", "BUDGET_FLAG_RATIO", "2"));
        BudgetSettings.fromEnv(bad);
        assertThat(bad.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("BUDGET_DAILY_USD"));
    }

    @Test
    void judgesTheProjectedUseAgainstEveryLimit() {
        BudgetSettings b = BudgetSettings.fromEnv(Env.of(Map.of("BUDGET_DAILY_TOKENS", "100", "BUDGET_DAILY_USD", "1")));
        assertThat(BudgetCheck.evaluate(b, "u", null, 10, 0.1, NOW).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(BudgetCheck.evaluate(b, "u", null, 80, 0.1, NOW).verdict()).isEqualTo(Verdict.FLAG);
        BudgetCheck.Report over = BudgetCheck.evaluate(b, "u", null, 10, 1.01, NOW);
        assertThat(over.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(over.limits()).extracting(BudgetCheck.Line::state).containsExactly("ok", "over");
        assertThat(BudgetCheck.score(over)).isEqualTo(1.0);
        assertThat(BudgetCheck.evaluate(b, null, null, 1000, 5, NOW)).isNull();
        assertThat(BudgetCheck.evaluate(BudgetSettings.NONE, "u", null, 1000, 5, NOW)).isNull();
    }
}
