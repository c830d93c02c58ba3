package dev.aiguardian.guards.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;

/** Chat-format counts against tiktoken's per-message encodings plus the documented formula (tools/tiktoken-golden). */
class ChatCounterGoldenTest {
    private static final TokenCounter COUNTER = new TokenCounter();
    private final ChatCounter chat = new ChatCounter(COUNTER);

    @Test
    void agreesWithTiktokenChatCases() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/tokens/tiktoken-golden.json")) {
            golden = Json.mapper().readTree(in);
        }
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (JsonNode c : golden.get("chat_cases")) {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : c.get("messages")) {
                messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText(),
                        m.hasNonNull("name") ? m.get("name").asText() : null));
            }
            for (TokenCounter.Bpe bpe : TokenCounter.Bpe.values()) {
                checked++;
                int expected = c.get(bpe.wireName()).asInt();
                int actual = chat.count(messages, bpe);
                if (expected != actual) {
                    mismatches.add(bpe.wireName() + " " + c.get("messages") + ": tiktoken " + expected + ", ours " + actual);
                }
            }
        }
        System.out.printf("chat-format agreement: %d/%d counts (%s)%n", checked - mismatches.size(), checked,
                golden.get("chat_formula").asText());
        assertThat(golden.get("chat_cases").size()).isGreaterThanOrEqualTo(10);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void formulaByHand() {
        // "hello world" is 2 tokens and "user" 1: 3 framing + 1 + 2, plus 3 priming = 9.
        assertThat(chat.count(List.of(ChatMessage.of("user", "hello world")), TokenCounter.Bpe.CL100K_BASE)).isEqualTo(9);
        // A name adds 1 + its tokens ("alice" is 1 token).
        assertThat(chat.count(List.of(new ChatMessage("user", "hello world", "alice")), TokenCounter.Bpe.CL100K_BASE))
                .isEqualTo(11);
        assertThat(chat.count(List.of(), TokenCounter.Bpe.O200K_BASE)).isEqualTo(ChatCounter.REPLY_PRIMING);
    }
}
