package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.guards.guard.GuardInput;
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
    void linearOnOneMegabyte() {
        String[] inputs = {
            "I'm sorry, but I ".repeat(60_000),
            "(((((\"\"\"[[[{{{".repeat(70_000),
            "the ".repeat(250_000),
            "word".repeat(250_000),
            "Kafka stores records in partitions, and each partition is an ordered log of events. ".repeat(12_000),
            "```\ncode\n".repeat(100_000),
        };
        for (String in : inputs) {
            long t0 = System.nanoTime();
            GUARD.inspect(GuardInput.of(in));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%s: %d chars in %d ms%n", in.substring(0, 12).replace("\n", "\\n"), in.length(), ms);
            assertThat(ms).as("ms for input of %d chars starting '%s'", in.length(), in.substring(0, 12)).isLessThan(5_000);
        }
        String json = "{\"a\":[" + "1,".repeat(300_000) + "1]}";
        long t0 = System.nanoTime();
        GUARD.inspect(GuardInput.of(json, Map.of("expected_format", "json", "json_schema",
                Map.of("type", "object", "properties", Map.of("a", Map.of("type", "array", "items", Map.of("type", "integer")))))));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    }
}
