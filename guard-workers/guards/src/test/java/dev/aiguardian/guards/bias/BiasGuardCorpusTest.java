package dev.aiguardian.guards.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.LabelledScore;

/** BiasGuard against the labelled cases in {@code bias/labelled-cases.jsonl}: per-category precision and recall. */
class BiasGuardCorpusTest {
    private static final double MIN_PRECISION = 0.90;
    private static final double MIN_RECALL = 0.85;

    @Test
    void meetsPrecisionAndRecallPerCategory() throws IOException {
        BiasGuard guard = new BiasGuard();
        LabelledScore score = new LabelledScore();
        int positives = 0;
        int negatives = 0;
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("bias/labelled-cases.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = mapper.readTree(line);
                Set<String> expected = new TreeSet<>();
                c.get("expect").forEach(e -> expected.add(e.asText()));
                String text = c.get("text").asText();
                BiasReport report = (BiasReport) guard.inspect(GuardInput.of(text)).details();
                Set<String> actual = new HashSet<>();
                report.findings().forEach(f -> actual.add(f.category().wireName()));
                score.add(text, expected, actual);
                if (expected.isEmpty()) {
                    negatives++;
                } else {
                    positives++;
                }
            }
        }
        System.out.println(score.table("BiasGuard labelled cases"));
        assertThat(positives + negatives).isGreaterThanOrEqualTo(100);
        assertThat(negatives).isGreaterThanOrEqualTo(positives);
        assertThat(score.byLabel().keySet()).containsAll(BiasCategory.wireNames());
        score.byLabel().forEach((label, c) -> {
            assertThat(c.precision()).as("precision of " + label).isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(c.recall()).as("recall of " + label).isGreaterThanOrEqualTo(MIN_RECALL);
        });
    }
}
