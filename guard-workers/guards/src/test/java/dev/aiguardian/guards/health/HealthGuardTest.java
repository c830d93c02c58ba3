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
    void jsonWrappedInProseIsExtractedValidatedAndReported() {
        String text = "Here is the JSON:\n```json\n{\"name\": \"A\"}\n```\nHope this helps.";
        GuardOutcome o = GUARD.inspect(GuardInput.of(text, Map.of("expected_format", "json", "json_schema", SCHEMA)));
        assertThat(o.verdict()).isEqualTo(Verdict.FLAG);
        HealthIssue i = report(o).issues().get(0);
        assertThat(report(o).issues()).extracting(HealthIssue::type).containsExactly("wrapped_json");
        assertThat(i.detail()).contains("wrapped in prose and a code fence");
        assertThat(text.substring(i.location().start(), i.location().end())).isEqualTo("{\"name\": \"A\"}");
        GuardOutcome bad = GUARD.inspect(GuardInput.of("Sure: {\"nom\": \"A\"} as asked.",
                Map.of("expected_format", "json", "json_schema", SCHEMA)));
        assertThat(report(bad).issues()).extracting(HealthIssue::type).containsExactly("wrapped_json", "schema_mismatch");
        assertThat(bad.verdict()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void proseAroundBrokenOrSeveralDocumentsIsStillInvalid() {
        Map<String, Object> json = Map.of("expected_format", "json");
        assertThat(report(GUARD.inspect(GuardInput.of("Here: {\"a\": 1,} done.", json))).issues())
                .extracting(HealthIssue::type).containsExactly("invalid_json");
        assertThat(report(GUARD.inspect(GuardInput.of("A is {\"a\": 1} and B is {\"b\": 2}.", json))).issues())
                .singleElement().satisfies(i -> assertThat(i.detail()).contains("2 separate JSON documents"));
        assertThat(report(GUARD.inspect(GuardInput.of("{\"a\": 1}]", json))).issues()).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("closes nothing"));
        assertThat(report(GUARD.inspect(GuardInput.of("Here you go: {\"a\": [1, 2", json))).issues())
                .extracting(HealthIssue::type).containsExactly("invalid_json", "truncated");
    }

    @Test
    void wordSaladIsGibberishButTelegraphicTextIsNot() {
        HealthReport salad = report(GUARD.inspect(GuardInput.of(
                "Kettle the of harbour is were gently. Lamp of with under the seventeen orbit.")));
        assertThat(salad.issues()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo("gibberish");
            assertThat(i.detail()).contains("no grammatical order");
        });
        assertThat(report(GUARD.inspect(GuardInput.of("Build green. Deploy tomorrow. Rollback plan ready, owner Ana."))).healthy())
                .isTrue();
    }

    @Test
    void completeEndingsWithoutFullStopAreNotTruncated() {
        for (String done : new String[] {
                "The release notes and the upgrade guide are both published on the project site at https://example.org/notes",
                "I looked at the stack trace again and the root cause is the same as before: a missing index",
                "The job ran through the night without a single failure and finished at 06:40"}) {
            assertThat(report(GUARD.inspect(GuardInput.of(done))).issues()).as(done).isEmpty();
        }
        HealthReport cut = report(GUARD.inspect(GuardInput.of(
                "The service reads its settings at startup and keeps them in memory, so changing the file needs a restar")));
        assertThat(cut.issues()).singleElement().satisfies(i -> assertThat(i.detail()).contains("mid-word"));
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
        Map<String, Object> json = Map.of("expected_format", "json");
        Map<String, java.util.function.IntFunction<String>> jsonInputs = new java.util.LinkedHashMap<>();
        jsonInputs.put("json many docs", n -> LinearScaling.repeat("{\"a\": 1} ", n));
        jsonInputs.put("json prose braces", n -> LinearScaling.repeat("see {x} and [y] ", n));
        jsonInputs.put("json unclosed", n -> LinearScaling.repeat("[{\"a\": ", n));
        jsonInputs.put("json strays", n -> LinearScaling.repeat("}]{\"a\":1}", n));
        jsonInputs.forEach((name, input) -> System.out.println(
                LinearScaling.assertLinear(name, input, text -> GUARD.inspect(GuardInput.of(text, json)))));
        System.out.println(LinearScaling.assertLinear("word salad", n -> LinearScaling.repeat("the of kettle is were. ", n),
                text -> GUARD.inspect(GuardInput.of(text))));
        System.out.println(LinearScaling.assertLinear("json with schema",
                n -> "{\"a\":[" + "1,".repeat(n / 2 - 5) + "1]}", text -> GUARD.inspect(GuardInput.of(text, schema))));
    }
}
