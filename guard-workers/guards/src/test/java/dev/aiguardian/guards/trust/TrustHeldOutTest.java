package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledCases.Case;
import dev.aiguardian.guards.testing.HeldOutMisses;

/**
 * Generalisation per category on held-out sets written from public facts (provider token formats,
 * national number layouts, checksums) before the rules were tuned, and never tuned on
 * ({@code trust/heldout/}, made by the scripts next to them; git history shows they came first).
 * Each set has positives and hard negatives (benign code, logs, configs, security writing); only
 * the set's own category is scored. Prints precision, recall and the false-alarm rate on negatives
 * with every miss, and holds the floors reached. The in-sample sets ({@code trust/insample/}; for
 * links also {@code trust/corpus.jsonl}, scored on its url label) are the tuning material for the
 * same rules; their figures are printed apart.
 */
class TrustHeldOutTest {

    /** One labelled set scored on one category, with the floors it must keep. */
    record LabelledSet(String name, String category, String resource, double minPrecision, double minRecall,
            double maxFalseAlarms) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<LabelledSet> sets() {
        // floors = the figures reached when the rules were done (docs/guards/trustguard.md), rounded down
        return List.of(
                new LabelledSet("held-out secrets", "secret", "/trust/heldout/secrets.jsonl", 0.98, 0.98, 0.02),
                new LabelledSet("held-out pii", "pii", "/trust/heldout/pii.jsonl", 0.97, 1.0, 0.03),
                new LabelledSet("held-out injection", "injection", "/trust/heldout/injection.jsonl", 1.0, 0.81, 0.0),
                new LabelledSet("held-out invisible text", "injection", "/trust/heldout/invisible.jsonl", 1.0, 1.0, 0),
                new LabelledSet("held-out links", "url", "/trust/heldout/links.jsonl", 1.0, 0.96, 0),
                new LabelledSet("in-sample secrets", "secret", "/trust/insample/secrets.jsonl", 1.0, 1.0, 0),
                new LabelledSet("in-sample pii", "pii", "/trust/insample/pii.jsonl", 1.0, 1.0, 0),
                new LabelledSet("in-sample injection", "injection", "/trust/insample/injection.jsonl", 1.0, 0.94, 0),
                new LabelledSet("in-sample injection in documents and tool output", "injection",
                        "/trust/insample/injection-documents.jsonl", 0.97, 0.85, 0.02),
                new LabelledSet("in-sample invisible text", "injection", "/trust/insample/invisible.jsonl", 1.0, 1.0, 0),
                new LabelledSet("in-sample links", "url", "/trust/corpus.jsonl", 1.0, 1.0, 0),
                new LabelledSet("in-sample displayed and look-alike links", "url", "/trust/insample/links.jsonl", 1.0, 1.0, 0));
    }

    private final TrustGuard guard = new TrustGuard();

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void keepsItsFloors(LabelledSet set) {
        List<Case> cases = LabelledCases.read(set.resource());
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int negatives = 0;
        List<String> misses = new ArrayList<>();
        for (Case k : cases) {
            boolean want = k.expected().contains(set.category());
            boolean have = TrustCases.predicted(guard, k.text()).contains(set.category());
            negatives += want ? 0 : 1;
            if (want && have) {
                tp++;
            } else if (have) {
                fp++;
                misses.add("FP: " + k.notes());
            } else if (want) {
                fn++;
                misses.add("FN: " + k.notes());
            }
        }
        double precision = tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        double falseAlarms = negatives == 0 ? 0 : (double) fp / negatives;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%s (%s): %d cases, %d negatives: precision %.3f recall %.3f false alarms %.3f (tp %d, fp %d, fn %d)%n",
                set.name(), set.category(), cases.size(), negatives, precision, recall, falseAlarms, tp, fp, fn));
        if (HeldOutMisses.shown()) {
            misses.forEach(m -> report.append("  ").append(m).append('\n'));
        } else if (!misses.isEmpty()) {
            report.append("  ").append(HeldOutMisses.hidden(misses.size())).append('\n');
        }
        System.out.println(report);
        assertThat(precision).as(set.name() + " precision").isGreaterThanOrEqualTo(set.minPrecision());
        assertThat(recall).as(set.name() + " recall").isGreaterThanOrEqualTo(set.minRecall());
        assertThat(falseAlarms).as(set.name() + " false alarms").isLessThanOrEqualTo(set.maxFalseAlarms());
    }
}
