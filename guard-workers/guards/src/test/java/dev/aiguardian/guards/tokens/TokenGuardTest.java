package dev.aiguardian.guards.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.guard.InvalidOptionException;

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

    private TokenGuard.TokenReport report(String text, Map<String, Object> options) {
        return (TokenGuard.TokenReport) guard.inspect(GuardInput.of(text, options)).details();
    }

    @Test
    void modelPicksEncodingAndPrice() {
        TokenGuard.TokenReport r = report("hello world", Map.of("model", "gpt-4o-2024-08-06", "output_tokens", 100));
        assertThat(r.model()).isEqualTo("gpt-4o");
        assertThat(r.encoding()).isEqualTo("o200k_base");
        assertThat(r.inputTokens()).isEqualTo(2);
        assertThat(r.outputTokens()).isEqualTo(100);
        // 2 * 2.50/1e6 + 100 * 10.00/1e6
        assertThat(r.estimatedCostUsd()).isEqualTo(0.001005);
        assertThat(r.pricesAsOf()).isNotBlank();
        assertThat(r.exactTokenizer()).isTrue();

        // An explicit encoding wins over the model's.
        assertThat(report("hello world", Map.of("model", "gpt-4o", "encoding", "cl100k_base")).encoding()).isEqualTo("cl100k_base");
        // Without a model there is no price.
        assertThat(report("hello world", Map.of()).estimatedCostUsd()).isNull();
    }

    @Test
    void outputDirectionBillsTheTextAsOutput() {
        TokenGuard.TokenReport r = report("hello world", Map.of("model", "gpt-4o-mini", "direction", "output"));
        assertThat(r.inputTokens()).isZero();
        assertThat(r.outputTokens()).isEqualTo(2);
        assertThat(r.estimatedCostUsd()).isEqualTo(0.0000012); // 2 * 0.60 / 1e6
    }

    @Test
    void messagesAreCountedInTheChatFormatAndLimited() {
        List<Map<String, Object>> messages = List.of(Map.of("role", "system", "content", "You are a helpful assistant."),
                Map.of("role", "user", "content", "What is the capital of France?", "name", "ada"));
        GuardOutcome out = guard.inspect(GuardInput.of("", Map.of("messages", messages, "model", "gpt-4", "max_tokens", 20)));
        TokenGuard.TokenReport r = (TokenGuard.TokenReport) out.details();
        // tiktoken golden says 24 without the name; the name adds 1 + 1 ("ada" is one token).
        assertThat(r.chatTokenCount()).isEqualTo(26);
        assertThat(r.messageCount()).isEqualTo(2);
        assertThat(r.inputTokens()).isEqualTo(26);
        assertThat(r.estimatedCostUsd()).isEqualTo(0.00078); // 26 * 30 / 1e6
        assertThat(out.verdict()).isEqualTo(Verdict.FLAG);
    }

    @Test
    void optimisesAndReportsTheSaving() {
        String text = "Could you please summarise the text below?   \n\n\n\nKeep it short. Keep it short.\n"
                + "```\nkeep   this   code\n```";
        TokenGuard.TokenReport r = report(text, Map.of());
        assertThat(r.optimizedText()).isEqualTo("Summarise the text below?\n\nKeep it short.\n```\nkeep   this   code\n```");
        assertThat(r.optimizedTokenCount()).isLessThan(r.tokenCount());
        assertThat(r.tokensSaved()).isEqualTo(r.tokenCount() - r.optimizedTokenCount());
        assertThat(r.optimizations()).containsEntry("filler_phrases", 1).containsEntry("duplicate_sentences", 1);
        assertThat(report(text, Map.of("optimize", false)).optimizedText()).isNull();
    }

    @Test
    void truncatesAtASentenceWhenOverMaxTokens() {
        String text = "First sentence is short. Second sentence is a little longer than the first. Third one.";
        TokenGuard.TokenReport r = report(text, Map.of("max_tokens", 12));
        assertThat(r.truncatedText()).isEqualTo("First sentence is short.");
        assertThat(r.truncatedTokenCount()).isLessThanOrEqualTo(12);
        assertThat(r.truncatedAt()).isEqualTo("sentence");
        assertThat(report("Short.", Map.of("max_tokens", 12)).truncatedText()).isNull();
    }

    @Test
    void resultCarriesTheUsageFieldsInSnakeCase() {
        String json = Json.toString(report("hello", Map.of("model", "gpt-4o")));
        assertThat(json).contains("\"token_count\":1", "\"encoding\":\"o200k_base\"", "\"model\":\"gpt-4o\"",
                "\"input_tokens\":1", "\"output_tokens\":0", "\"estimated_cost_usd\":", "\"optimized_text\":\"hello\"",
                "\"optimized_token_count\":1", "\"tokens_saved\":0");
    }

    @Test
    void badNewOptionsNameTheOptionAndTheFix() {
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("model", "llama-9000"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.model").hasMessageContaining("price");
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("messages", "hi"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.messages");
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("messages", List.of(Map.of("content", "no role"))))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("[0].role");
        assertThatThrownBy(() -> guard.inspect(GuardInput.of("x", Map.of("direction", "sideways"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.direction");
    }
}
