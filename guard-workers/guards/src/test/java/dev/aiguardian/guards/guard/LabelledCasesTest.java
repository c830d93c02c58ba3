package dev.aiguardian.guards.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** LabelledCases: both label fields, blank lines, and failures that say which file and line. */
class LabelledCasesTest {

    @Test
    void readsBothLabelFieldsAndSkipsBlankLines() {
        List<LabelledCases.Case> cases = LabelledCases.read("/guard/sample-cases.jsonl");

        assertThat(cases).hasSize(2);
        LabelledCases.Case first = cases.get(0);
        assertThat(first.text()).isEqualTo("a cut-off answ");
        assertThat(first.expected()).containsExactly("empty", "truncated");
        assertThat(first.optionsMap()).isEqualTo(Map.of("expected_format", "json", "max_chars", 40));
        assertThat(first.input().stringOption("expected_format")).contains("json");
        LabelledCases.Case second = cases.get(1);
        assertThat(second.expected()).isEqualTo(Set.of());
        assertThat(second.optionsMap()).isEmpty();
        assertThat(second.notes()).isEqualTo("plain prose");
        assertThat(first.notes()).isEmpty();
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> LabelledCases.read("/guard/no-such-cases.jsonl"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/guard/no-such-cases.jsonl missing from the test classpath");
    }

    @Test
    void aCaseWithoutTextIsNamedByLine() {
        assertThatThrownBy(() -> LabelledCases.read("/guard/case-without-text.jsonl"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("/guard/case-without-text.jsonl:2:");
    }
}
