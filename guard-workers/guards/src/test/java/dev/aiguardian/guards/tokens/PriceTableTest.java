package dev.aiguardian.guards.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable table = PriceTable.bundled();

    @Test
    void bundledTableStatesItsDateAndKnowsTheCommonModels() {
        assertThat(table.written()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(table.models()).containsKeys("gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo", "claude-sonnet-4-5", "gemini-2.5-flash");
        ModelPrice p = table.find("gpt-4o").orElseThrow();
        assertThat(p.encoding()).isEqualTo(TokenCounter.Bpe.O200K_BASE);
        assertThat(p.exactTokenizer()).isTrue();
        assertThat(table.find("gpt-4").orElseThrow().encoding()).isEqualTo(TokenCounter.Bpe.CL100K_BASE);
        assertThat(table.find("claude-sonnet-4-5").orElseThrow().exactTokenizer()).isFalse();
    }

    @Test
    void lookupFindsDatedSnapshotsProviderPrefixesAndCase() {
        assertThat(table.find("gpt-4o-2024-08-06").orElseThrow().model()).isEqualTo("gpt-4o");
        assertThat(table.find("gpt-4o-mini-2024-07-18").orElseThrow().model()).isEqualTo("gpt-4o-mini");
        assertThat(table.find("openai/GPT-4o").orElseThrow().model()).isEqualTo("gpt-4o");
        assertThat(table.find("claude-3-5-sonnet-20241022").orElseThrow().model()).isEqualTo("claude-3-5-sonnet");
        assertThat(table.find("claude-sonnet-4-5-20250929").orElseThrow().model()).isEqualTo("claude-sonnet-4-5");
        assertThat(table.find("gpt-4-0613").orElseThrow().model()).isEqualTo("gpt-4");
        // No boundary, no match: "gpt-45" is not a gpt-4.
        assertThat(table.find("gpt-45")).isEmpty();
        assertThat(table.find("llama-9000")).isEmpty();
    }

    @Test
    void costArithmeticIsExact() {
        ModelPrice p = table.find("gpt-4o").orElseThrow(); // 2.50 in, 10.00 out per million
        assertThat(p.cost(1_000_000, 0)).isEqualTo(2.5);
        assertThat(p.cost(1000, 500)).isEqualTo(0.0075); // 0.0025 + 0.005
        assertThat(p.cost(1, 0)).isEqualTo(0.0000025);
        assertThat(p.cost(0, 0)).isZero();
        ModelPrice flash = table.find("gemini-1.5-flash").orElseThrow(); // 0.075 in, 0.30 out
        assertThat(flash.cost(3, 7)).isEqualTo(0.000002325); // 0.225e-6 + 2.1e-6
    }

    @Test
    void overrideReplacesAndAddsModels() {
        String override = """
                {"written": "2027-01-01", "models": {
                  "gpt-4o": {"provider": "openai", "encoding": "o200k_base", "input_per_million": 1.00, "output_per_million": 4.00},
                  "acme-llm": {"provider": "acme", "encoding": "cl100k_base", "exact_tokenizer": false,
                               "input_per_million": 0.5, "output_per_million": 0.5}}}""";
        PriceTable merged = PriceTable.load(override, "TOKENGUARD_PRICES_FILE");
        assertThat(merged.find("gpt-4o").orElseThrow().cost(1_000_000, 1_000_000)).isEqualTo(5.0);
        assertThat(merged.find("acme-llm-v2").orElseThrow().provider()).isEqualTo("acme");
        assertThat(merged.find("gpt-4o-mini")).isPresent(); // untouched bundled entries stay
        assertThat(merged.written()).isEqualTo("2027-01-01");
        assertThat(PriceTable.load(null, "none").models()).isEqualTo(table.models());
    }

    @Test
    void badOverridesNameTheSourceAndTheFix() {
        assertThatThrownBy(() -> PriceTable.load("{nope", "prices-override.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prices-override.json");
        assertThatThrownBy(() -> PriceTable.load("{\"models\": {\"x\": {\"input_per_million\": -1, \"output_per_million\": 1}}}", "f.json"))
                .hasMessageContaining("\"x\"").hasMessageContaining("input_per_million");
        assertThatThrownBy(() -> PriceTable.load("{\"models\": {\"x\": {\"encoding\": \"p50k_base\", \"input_per_million\": 1, \"output_per_million\": 1}}}", "f.json"))
                .hasMessageContaining("p50k_base").hasMessageContaining("cl100k_base");
        assertThatThrownBy(() -> PriceTable.load("{\"prices\": {}}", "f.json")).hasMessageContaining("\"models\"");
    }
}
