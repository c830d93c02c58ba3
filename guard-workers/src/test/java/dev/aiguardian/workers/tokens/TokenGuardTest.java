package dev.aiguardian.workers.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.workers.guard.GuardInput;
import dev.aiguardian.workers.guard.GuardOutcome;
import dev.aiguardian.workers.guard.InvalidOptionException;

class TokenGuardTest {
    private final TokenGuard guard = new TokenGuard(new TokenCounter());

    @Test
    void countsInCl100kByDefault() {
        GuardOutcome out = guard.inspect(GuardInput.of("hello world"));
        TokenGuard.TokenReport r = (TokenGuard.TokenReport) out.details();
        assertThat(r.tokenCount()).isEqualTo(2);
        assertThat(r.encoding()).isEqualTo("cl100k_base");
        assertThat(out.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(out.score()).isZero();
    }

    @Test
    void encodingOptionSelectsO200k() {
        // Counts differ between the encodings on CJK text: proves the option is honoured.
        String text = "你好，世界！今天天气很好。";
        int cl = ((TokenGuard.TokenReport) guard.inspect(GuardInput.of(text)).details()).tokenCount();
        TokenGuard.TokenReport o = (TokenGuard.TokenReport) guard.inspect(
                GuardInput.of(text, Map.of("encoding", "o200k_base"))).details();
        assertThat(o.encoding()).isEqualTo("o200k_base");
        assertThat(o.tokenCount()).isNotEqualTo(cl);
    }

    @Test
    void flagsAboveMaxTokensAndScoresByOvershoot() {
        GuardOutcome at = guard.inspect(GuardInput.of("hello world", Map.of("max_tokens", 2)));
        assertThat(at.verdict()).isEqualTo(Verdict.ALLOW);
        GuardOutcome over = guard.inspect(GuardInput.of("hello world again", Map.of("max_tokens", 2)));
        assertThat(over.verdict()).isEqualTo(Verdict.FLAG);
        assertThat(over.score()).isBetween(0.5, 1.0);
        GuardOutcome farOver = guard.inspect(GuardInput.of("one two three four five six seven", Map.of("max_tokens", 1)));
        assertThat(farOver.score()).isEqualTo(1.0);
    }

    @Test
    void badOptionsNameTheOptionAndTheFix() {
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("encoding", "p50k"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.encoding")
                .hasMessageContaining("cl100k_base");
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("max_tokens", 0))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.max_tokens");
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("max_tokens", "ten"))))
                .isInstanceOf(InvalidOptionException.class);
    }
}
