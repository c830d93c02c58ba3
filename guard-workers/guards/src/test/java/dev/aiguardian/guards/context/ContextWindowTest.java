package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.tokens.TokenCounter;

class ContextWindowTest {
    private static final TokenCounter COUNTER = new TokenCounter();
    private static final TokenCounter.Bpe BPE = TokenCounter.Bpe.CL100K_BASE;
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    // Each turn costs its tokens + 3 framing + 1 role token ("user", "assistant", "system" are one token each).
    private static Turn t(String text, String role, int tokens, boolean pinned) {
        return new Turn(text, role, tokens, T, pinned);
    }

    @Test
    void newestFirstWithinBudget() {
        List<Turn> turns = List.of(t("a", Turn.USER, 10, false), t("b", Turn.ASSISTANT, 10, false),
                t("c", Turn.USER, 10, false), t("d", Turn.ASSISTANT, 10, false));
        // 3 priming + 2 turns * 14 = 31 fits in 40; a third (45) would not.
        ContextWindow w = ContextWindow.select(turns, 40, COUNTER, BPE);
        assertThat(w.turns()).extracting(Turn::text).containsExactly("d", "c");
        assertThat(w.tokens()).isEqualTo(31);
        assertThat(w.omitted()).isEqualTo(2);
        assertThat(w.tokens()).isLessThanOrEqualTo(w.budget());
    }

    @Test
    void keepsPinnedAndSystemTurnsAndStopsAtTheFirstTurnThatDoesNotFit() {
        List<Turn> turns = List.of(t("sys", Turn.SYSTEM, 20, false), t("old", Turn.USER, 5, false),
                t("pinned", Turn.USER, 6, true), t("big", Turn.ASSISTANT, 100, false), t("new", Turn.USER, 5, false));
        ContextWindow w = ContextWindow.select(turns, 60, COUNTER, BPE);
        // sys 24 + pinned 10 + new 9 + priming 3 = 46; "big" does not fit, and "old" must not jump the gap.
        assertThat(w.turns()).extracting(Turn::text).containsExactly("new", "pinned", "sys");
        assertThat(w.tokens()).isEqualTo(46);
        assertThat(w.omitted()).isEqualTo(2);
    }

    @Test
    void pinnedTurnsStayEvenOverBudgetAndEmptyMemoryGivesAnEmptyWindow() {
        ContextWindow w = ContextWindow.select(List.of(t("sys", Turn.SYSTEM, 50, false), t("u", Turn.USER, 1, false)),
                10, COUNTER, BPE);
        assertThat(w.turns()).extracting(Turn::text).containsExactly("sys");
        assertThat(ContextWindow.select(List.of(), 10, COUNTER, BPE).tokens()).isZero();
    }
}
