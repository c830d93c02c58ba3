package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.LabelledScore;

/** HealthGuard against the labelled cases in {@code health/labelled-cases.jsonl}: per-issue-type precision and recall. */
class HealthGuardCorpusTest {
    private static final double MIN_PRECISION = 0.90;
    private static final double MIN_RECALL = 0.85;

    @Test
    void meetsPrecisionAndRecallPerCategory() throws IOException {
        HealthGuard guard = new HealthGuard();
        LabelledScore score = new LabelledScore();
        int positives = 0;
        int negatives = 0;
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("health/labelled-cases.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = mapper.readTree(line);
                Set<String> expected = new TreeSet<>();
                c.get("expect").forEach(e -> expected.add(e.asText()));
                String text = c.get("text").asText();
                @SuppressWarnings("unchecked")
                Map<String, Object> options = mapper.convertValue(c.get("options"), Map.class);
                HealthReport report = (HealthReport) guard.inspect(GuardInput.of(text, options)).details();
                Set<String> actual = new HashSet<>();
                report.issues().forEach(i -> actual.add(i.type()));
                score.add(text, expected, actual);
                if (expected.isEmpty()) {
                    negatives++;
                } else {
                    positives++;
                }
            }
        }
        System.out.println(score.table("HealthGuard labelled cases"));
        assertThat(positives + negatives).isGreaterThanOrEqualTo(100);
        assertThat(negatives).isGreaterThanOrEqualTo(positives);
        assertThat(score.byLabel().keySet()).contains("empty", "truncated", "repetition", "gibberish", "refusal",
                "too_short", "too_long", "invalid_json", "schema_mismatch", "prompt_echo");
        score.byLabel().forEach((label, c) -> {
            assertThat(c.precision()).as("precision of " + label).isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(c.recall()).as("recall of " + label).isGreaterThanOrEqualTo(MIN_RECALL);
        });
    }
}
