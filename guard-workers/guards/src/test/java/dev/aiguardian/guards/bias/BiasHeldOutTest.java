package dev.aiguardian.guards.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledScore;

/**
 * BiasGuard per category on cases it was never tuned on ({@code bias/heldout/}, committed before any
 * change they could have prompted) and, printed apart, on the in-sample cases the rules were fixed
 * against. A second held-out set ({@code bias/heldout-v2/}) was written before the recall work, after the first
 * set's misses were known. Holds each set's per-category and overall floors at the figures measured, so a
 * regression fails; the rules alone are measured (no semantic layer).
 */
class BiasHeldOutTest {

    /**
     * A labelled set and the floors it must keep: {precision, recall} per category (a category not
     * named must be perfect), and micro-averaged over all categories.
     */
    record LabelledSet(String name, List<String> resources, Map<String, double[]> categoryFloors,
            double minPrecision, double minRecall) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<LabelledSet> sets() {
        // v1 floors = the figures measured after the recall work (branch biasrecall), rounded down; v1 was seen before
        // that work (its misses were listed in the task), so these are not unseen figures. The one precision loss
        // (nationality: a rebuttal in the next sentence) is kept as measured, not tuned away.
        Map<String, double[]> heldOut = Map.of(
                "age", new double[] {1.0, 0.80},
                "disability", new double[] {1.0, 0.93},
                "gender", new double[] {1.0, 0.87},
                "nationality_immigration", new double[] {0.92, 0.75},
                "race_ethnicity", new double[] {1.0, 0.86},
                "religion", new double[] {1.0, 0.81},
                "sexual_orientation", new double[] {1.0, 0.81},
                "socioeconomic", new double[] {1.0, 0.87},
                "toxicity", new double[] {1.0, 0.81});
        // v2 floors = its figures after the recall work, which never looked at its cases, rounded down
        Map<String, double[]> heldOutV2 = Map.of(
                "age", new double[] {0.75, 0.60},
                "disability", new double[] {1.0, 0.50},
                "gender", new double[] {1.0, 0.30},
                "nationality_immigration", new double[] {0.80, 0.40},
                "race_ethnicity", new double[] {0.83, 0.50},
                "religion", new double[] {0.66, 0.20},
                "sexual_orientation", new double[] {1.0, 0.50},
                "socioeconomic", new double[] {0.70, 0.70},
                "toxicity", new double[] {0.80, 0.40});
        // in-sample recall floors = measured on the cases the recall work was fixed against
        Map<String, double[]> recall = Map.of(
                "disability", new double[] {1.0, 0.83},
                "gender", new double[] {1.0, 0.75},
                "religion", new double[] {1.0, 0.40});
        return List.of(
                new LabelledSet("held-out bias", List.of("/bias/heldout/positives.jsonl", "/bias/heldout/negatives.jsonl"),
                        heldOut, 0.99, 0.83),
                // second held-out set, written before the recall work and never tuned on
                new LabelledSet("held-out v2 bias",
                        List.of("/bias/heldout-v2/positives.jsonl", "/bias/heldout-v2/negatives.jsonl"),
                        heldOutV2, 0.82, 0.45),
                new LabelledSet("in-sample bias", List.of("/bias/labelled-cases.jsonl"), Map.of(), 1.0, 1.0),
                // in-sample cases the recall work was fixed against; no toxicity cases
                new LabelledSet("in-sample recall", List.of("/bias/insample/recall-cases.jsonl"), recall, 1.0, 0.86));
    }

    private final BiasGuard guard = new BiasGuard();

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void keepsItsFloors(LabelledSet set) {
        LabelledScore score = new LabelledScore();
        int cases = 0;
        for (String resource : set.resources()) {
            for (LabelledCases.Case c : LabelledCases.read(resource)) {
                BiasReport report = (BiasReport) guard.inspect(c.input()).details();
                Set<String> actual = new HashSet<>();
                report.findings().forEach(f -> actual.add(f.category().wireName()));
                score.add(c.text(), c.expected(), actual);
                cases++;
            }
        }
        Map<String, LabelledScore.Counts> byLabel = score.byLabel();
        int tp = byLabel.values().stream().mapToInt(LabelledScore.Counts::tp).sum();
        int fp = byLabel.values().stream().mapToInt(LabelledScore.Counts::fp).sum();
        int fn = byLabel.values().stream().mapToInt(LabelledScore.Counts::fn).sum();
        LabelledScore.Counts all = new LabelledScore.Counts(tp, fp, fn);
        System.out.println(score.table(set.name()) + String.format(java.util.Locale.ROOT,
                "%s overall (micro, %d cases): precision %.3f recall %.3f (tp %d, fp %d, fn %d)%n",
                set.name(), cases, all.precision(), all.recall(), tp, fp, fn));

        assertThat(cases).isGreaterThanOrEqualTo(50);
        List<String> categories = set.name().equals("in-sample recall")
                ? BiasCategory.wireNames().stream().filter(c -> !c.equals("toxicity")).toList()
                : BiasCategory.wireNames();
        assertThat(byLabel.keySet()).as("every category has cases").containsAll(categories);
        byLabel.forEach((label, c) -> {
            double[] floor = set.categoryFloors().getOrDefault(label, new double[] {1.0, 1.0});
            assertThat(c.precision()).as(set.name() + " precision of " + label).isGreaterThanOrEqualTo(floor[0]);
            assertThat(c.recall()).as(set.name() + " recall of " + label).isGreaterThanOrEqualTo(floor[1]);
        });
        assertThat(all.precision()).as(set.name() + " overall precision").isGreaterThanOrEqualTo(set.minPrecision());
        assertThat(all.recall()).as(set.name() + " overall recall").isGreaterThanOrEqualTo(set.minRecall());
    }
}
