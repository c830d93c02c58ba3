package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledScore;

/** HealthGuard against the labelled cases in {@code health/labelled-cases.jsonl}: per-issue-type precision and recall. */
class HealthGuardCorpusTest {
    private static final double MIN_PRECISION = 0.90;
    private static final double MIN_RECALL = 0.85;

    @Test
    void meetsPrecisionAndRecallPerCategory() {
        HealthGuard guard = new HealthGuard();
        LabelledScore score = new LabelledScore();
        int positives = 0;
        int negatives = 0;
        for (LabelledCases.Case c : LabelledCases.read("/health/labelled-cases.jsonl")) {
            HealthReport report = (HealthReport) guard.inspect(c.input()).details();
            Set<String> actual = new HashSet<>();
            report.issues().forEach(i -> actual.add(i.type()));
            score.add(c.text(), c.expected(), actual);
            if (c.expected().isEmpty()) {
                negatives++;
            } else {
                positives++;
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
