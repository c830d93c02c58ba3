package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.testing.LinearScaling;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.guard.InvalidOptionException;

class HealthGuardTest {
    private static final HealthGuard GUARD = new HealthGuard();
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", java.util.List.of("name"));

    private static HealthReport report(GuardOutcome o) {
        return (HealthReport) o.details();
    }

    @Test
    void healthyAnswerIsAllowed() {
        GuardOutcome o = GUARD.inspect(GuardInput.of("The capital of France is Paris. It has about two million inhabitants."));
        assertThat(o.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(o.score()).isZero();
        assertThat(report(o).healthy()).isTrue();
        assertThat(report(o).knownWordRatio()).isGreaterThan(0.9);
        assertThat(report(o).wordCount()).isEqualTo(12);
    }

    @Test
    void emptyBlocks() {
        GuardOutcome o = GUARD.inspect(GuardInput.of(" \u200B\n"));
        assertThat(o.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(report(o).issues()).extracting(HealthIssue::type).containsExactly("empty");
    }

    @Test
    void invalidJsonBlocksWithItsLocation() {
        String text = "{\"name\": \"Alice\", \"age\": }";
        GuardOutcome o = GUARD.inspect(GuardInput.of(text, Map.of("expected_format", "json")));
        assertThat(o.verdict()).isEqualTo(Verdict.BLOCK);
        HealthIssue i = report(o).issues().get(0);
        assertThat(i.type()).isEqualTo("invalid_json");
        assertThat(i.location().start()).isEqualTo(text.indexOf('}'));
    }

    @Test
    void cutOffJsonIsInvalidAndTruncated() {
        GuardOutcome o = GUARD.inspect(GuardInput.of("{\"items\": [1, 2", Map.of("expected_format", "json")));
        assertThat(report(o).issues()).extracting(HealthIssue::type).containsExactly("invalid_json", "truncated");
    }

    @Test
    void schemaViolationsAreListedAndBlock() {
        GuardOutcome ok = GUARD.inspect(GuardInput.of("{\"name\": \"A\"}", Map.of("expected_format", "json", "json_schema", SCHEMA)));
        assertThat(ok.verdict()).isEqualTo(Verdict.ALLOW);
        GuardOutcome bad = GUARD.inspect(GuardInput.of("{\"nom\": \"A\"}",
                Map.of("expected_format", "json", "json_schema", "{\"type\":\"object\",\"required\":[\"name\"]}")));
        assertThat(bad.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(report(bad).issues()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo("schema_mismatch");
            assertThat(i.detail()).contains("name");
        });
    }

    @Test
    void booleanSchemasWork() {
        assertThat(GUARD.inspect(GuardInput.of("[1]", Map.of("expected_format", "json", "json_schema", true))).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThat(GUARD.inspect(GuardInput.of("[1]", Map.of("expected_format", "json", "json_schema", false))).verdict())
                .isEqualTo(Verdict.BLOCK);
    }

    @Test
    void softIssuesFlag() {
        GuardOutcome o = GUARD.inspect(GuardInput.of("I'm sorry, but I can't help with that request."));
        assertThat(o.verdict()).isEqualTo(Verdict.FLAG);
        assertThat(report(o).issues()).extracting(HealthIssue::type).containsExactly("refusal");
        assertThat(o.score()).isEqualTo(0.9);
    }

    @Test
    void badOptionsNameTheOptionAndTheFix() {
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("x", Map.of("expected_format", "xml"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.expected_format")
                .hasMessageContaining("json");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("x", Map.of("min_length", 10, "max_length", 5))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.min_length");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("x", Map.of("max_length", -1))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.max_length");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("{}", Map.of("expected_format", "json", "json_schema", "{not json"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.json_schema");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("{}", Map.of("expected_format", "json", "json_schema",
                Map.of("type", 12))))).isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.json_schema");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("{}", Map.of("json_schema", SCHEMA))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("expected_format");
    }

    @Test
    void catalogHostsIt() {
        assertThat(GuardCatalog.standard().create(ServiceType.HEALTHGUARD).type()).isEqualTo(ServiceType.HEALTHGUARD);
    }

    @Test
    void linearOnAdversarialInputs() {
        Map<String, java.util.function.IntFunction<String>> inputs = new java.util.LinkedHashMap<>();
        inputs.put("refusal openers", n -> LinearScaling.repeat("I'm sorry, but I ", n));
        inputs.put("open brackets", n -> LinearScaling.repeat("(((((\"\"\"[[[{{{", n));
        inputs.put("one word", n -> LinearScaling.repeat("the ", n));
        inputs.put("no spaces", n -> LinearScaling.repeat("word", n));
        inputs.put("long prose", n -> LinearScaling.repeat(
                "Kafka stores records in partitions, and each partition is an ordered log of events. ", n));
        inputs.put("code fences", n -> LinearScaling.repeat("```\ncode\n", n));
        inputs.forEach((name, input) -> System.out.println(
                LinearScaling.assertLinear(name, input, text -> GUARD.inspect(GuardInput.of(text)))));
        Map<String, Object> schema = Map.of("expected_format", "json", "json_schema", Map.of("type", "object",
                "properties", Map.of("a", Map.of("type", "array", "items", Map.of("type", "integer")))));
        System.out.println(LinearScaling.assertLinear("json with schema",
                n -> "{\"a\":[" + "1,".repeat(n / 2 - 5) + "1]}", text -> GUARD.inspect(GuardInput.of(text, schema))));
    }
}
