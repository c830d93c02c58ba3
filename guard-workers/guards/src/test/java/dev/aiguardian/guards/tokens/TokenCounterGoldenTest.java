package dev.aiguardian.guards.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;

/** Our counts against OpenAI's tiktoken on varied texts (regenerate with tools/tiktoken-golden). */
class TokenCounterGoldenTest {
    private static JsonNode golden;
    private static final TokenCounter COUNTER = new TokenCounter();

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = TokenCounterGoldenTest.class.getResourceAsStream("/tokens/tiktoken-golden.json")) {
            golden = Json.mapper().readTree(in);
        }
    }

    @Test
    void agreesWithTiktokenInBothEncodings() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (JsonNode c : golden.get("cases")) {
            String text = c.get("text").asText();
            for (TokenCounter.Bpe bpe : TokenCounter.Bpe.values()) {
                int expected = c.get(bpe.wireName()).asInt();
                int actual = COUNTER.count(text, bpe);
                checked++;
                if (expected != actual) {
                    mismatches.add(bpe.wireName() + " " + Json.toString(text) + ": tiktoken " + expected + ", ours " + actual);
                }
            }
        }
        System.out.printf("tiktoken agreement: %d/%d counts (%s)%n", checked - mismatches.size(), checked,
                golden.get("generator").asText());
        assertThat(golden.get("cases").size()).isGreaterThanOrEqualTo(50);
        assertThat(mismatches).isEmpty();
    }
}
