package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;
import dev.aiguardian.guards.tokens.TokenCounter;

class ContextGuardTest {
    private static final TokenCounter COUNTER = new TokenCounter();
    private final ContextGuard guard = new ContextGuard(COUNTER, ContextSettings.DEFAULT);
    private Instant now = Instant.parse("2026-03-01T12:00:00Z");

    private ContextStep say(SessionMemory m, String text, Map<String, Object> options) {
        now = now.plusSeconds(10);
        return guard.apply(m, GuardInput.of(text, options), now);
    }

    private static ContextReport report(ContextStep s) {
        return (ContextReport) s.outcome().details();
    }

    @Test
    void accumulatesTurnsAndFlagsAnOffTopicTurn() {
        SessionMemory m = say(null, "I want to bake sourdough bread with my new starter.", Map.of()).after();
        m = say(m, "How long should the dough proof before it goes in the oven?", Map.of()).after();
        m = say(m, "My loaf has a pale crust, should I bake it hotter?", Map.of()).after();

        ContextStep on = say(m, "The crumb is dense and gummy, is my flour wrong?", Map.of());
        assertThat(on.outcome().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(report(on).drift()).isFalse();
        assertThat(report(on).turnCount()).isEqualTo(4);

        ContextStep off = say(m, "Which index funds have the lowest expense ratio for retirement?", Map.of());
        assertThat(off.outcome().verdict()).isEqualTo(Verdict.FLAG);
        assertThat(report(off).drift()).isTrue();
        assertThat(report(off).driftScore()).isGreaterThanOrEqualTo(0.5).isEqualTo(off.outcome().score());
        assertThat(report(off).contextWindow().get(0).text()).startsWith("Which index funds");
        assertThat(report(off).sessionTokens()).isEqualTo(off.after().tokenTotal());
    }

    @Test
    void firstTurnsNeverDrift() {
        SessionMemory m = say(null, "Tell me about Roman aqueducts.", Map.of()).after();
        ContextStep second = say(m, "What is the best GPU for gaming?", Map.of());
        assertThat(report(second).drift()).isFalse();
        assertThat(report(second).driftReason()).isEqualTo("warmup");
    }

    @Test
    void systemTurnsArePinnedInTheWindowAndResetClears() {
        SessionMemory m = say(null, "You are a terse assistant.", Map.of("role", "system")).after();
        m = say(m, "first question about chess openings", Map.of()).after();
        m = say(m, "The Italian game starts with e4 e5 Nf3 Nc6 Bc4.", Map.of("role", "assistant")).after();
        ContextStep small = say(m, "", Map.of("max_context_tokens", 20));
        assertThat(report(small).contextWindow()).extracting(Turn::role).contains("system");
        assertThat(small.after()).isEqualTo(m); // a blank text only reads the window

        ContextStep reset = say(m, "", Map.of("reset", true));
        assertThat(reset.after().turns()).isEmpty();
        assertThat(report(reset).reset()).isTrue();
        assertThat(report(reset).turnCount()).isZero();
    }

    @Test
    void idleSessionStartsAfresh() {
        ContextGuard shortTtl = new ContextGuard(COUNTER, new ContextSettings(
                new MemoryLimits(50, 16_000, Duration.ofMinutes(5)), DriftSettings.DEFAULT, 4096, TokenCounter.Bpe.CL100K_BASE));
        Instant t = Instant.parse("2026-03-01T12:00:00Z");
        SessionMemory m = shortTtl.apply(null, GuardInput.of("hello there, about tax forms"), t).after();
        ContextStep later = shortTtl.apply(m, GuardInput.of("new topic entirely"), t.plus(Duration.ofMinutes(6)));
        assertThat(report(later).expired()).isTrue();
        assertThat(later.after().turns()).extracting(Turn::text).containsExactly("new topic entirely");
    }

    @Test
    void resultSerialisesWithTheDocumentedFieldNames() {
        ContextStep s = say(null, "hello", Map.of("pin", true));
        String json = Json.toString(s.outcome().details());
        assertThat(json).contains("\"drift_score\"", "\"drift\"", "\"context_window\"", "\"turn_count\"",
                "\"session_tokens\"", "\"pinned\":true");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> say(null, "x", Map.of("role", "robot")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.role");
        assertThatThrownBy(() -> say(null, "x", Map.of("max_context_tokens", 0)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.max_context_tokens");
        assertThatThrownBy(() -> say(null, "x", Map.of("pin", "yes")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.pin");
    }
}
