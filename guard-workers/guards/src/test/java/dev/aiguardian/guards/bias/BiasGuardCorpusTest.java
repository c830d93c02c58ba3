package dev.aiguardian.guards.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledScore;

/** BiasGuard against the labelled cases in {@code bias/labelled-cases.jsonl}: per-category precision and recall. */
class BiasGuardCorpusTest {
    private static final double MIN_PRECISION = 0.90;
    private static final double MIN_RECALL = 0.85;

    @Test
    void meetsPrecisionAndRecallPerCategory() {
        BiasGuard guard = new BiasGuard();
        LabelledScore score = new LabelledScore();
        int positives = 0;
        int negatives = 0;
        for (LabelledCases.Case c : LabelledCases.read("/bias/labelled-cases.jsonl")) {
            BiasReport report = (BiasReport) guard.inspect(c.input()).details();
            Set<String> actual = new HashSet<>();
            report.findings().forEach(f -> actual.add(f.category().wireName()));
            score.add(c.text(), c.expected(), actual);
            if (c.expected().isEmpty()) {
                negatives++;
            } else {
                positives++;
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
