package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledCases.Case;
import dev.aiguardian.guards.testing.HeldOutMisses;

/**
 * Precision and recall per category on the labelled corpus in {@code trust/corpus.jsonl}: a case
 * counts as detected for a category when that category reaches its flag threshold (injection:
 * the combined score; others: the strongest finding).
 */
class TrustCorpusTest {
    static final double MIN_PRECISION = 0.95;
    static final double MIN_RECALL = 0.90;
    static final List<String> CATEGORIES = List.of("injection", "secret", "pii", "url");

    private static final List<Case> CASES = new ArrayList<>();
    /** Written after the rules were tuned on the main corpus and never tuned against: generalisation. */
    private static final List<Case> HOLDOUT = new ArrayList<>();
    private final TrustGuard guard = new TrustGuard();

    @BeforeAll
    static void load() {
        CASES.addAll(LabelledCases.read("/trust/corpus.jsonl"));
        HOLDOUT.addAll(LabelledCases.read("/trust/corpus-holdout.jsonl"));
    }

    @Test
    void corpusIsLargeAndBalanced() {
        long negatives = CASES.stream().filter(c -> c.expected().isEmpty()).count();
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(150);
        assertThat(negatives).isGreaterThanOrEqualTo(CASES.size() - negatives);
        for (String cat : CATEGORIES) {
            long positives = CASES.stream().filter(c -> c.expected().contains(cat)).count();
            assertThat(positives).as(cat).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void precisionAndRecallPerCategory() {
        Map<String, double[]> pr = evaluate("TrustGuard corpus", CASES, false);
        pr.forEach((cat, v) -> {
            assertThat(v[0]).as(cat + " precision").isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(v[1]).as(cat + " recall").isGreaterThanOrEqualTo(MIN_RECALL);
        });
    }

    /** Printed for the record; only a loose precision floor is enforced (the set is small). */
    @Test
    void heldOutCasesStayPrecise() {
        Map<String, double[]> pr = evaluate("TrustGuard held-out corpus", HOLDOUT, true);
        pr.forEach((cat, v) -> assertThat(v[0]).as(cat + " held-out precision").isGreaterThanOrEqualTo(0.9));
    }

    /**
     * Prints precision/recall per category and every miss (a held-out set's only with {@link HeldOutMisses#shown});
     * returns {precision, recall} per category.
     */
    private Map<String, double[]> evaluate(String title, List<Case> cases, boolean heldOut) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
        CATEGORIES.forEach(c -> counts.put(c, new int[3]));
        List<String> errors = new ArrayList<>();
        for (Case k : cases) {
            Set<String> got = TrustCases.predicted(guard, k.text());
            for (String cat : CATEGORIES) {
                boolean want = k.expected().contains(cat);
                boolean have = got.contains(cat);
                int[] c = counts.get(cat);
                if (want && have) {
                    c[0]++;
                } else if (have) {
                    c[1]++;
                    errors.add("FP " + cat + ": " + k.notes() + " | " + shorten(k.text()));
                } else if (want) {
                    c[2]++;
                    errors.add("FN " + cat + ": " + k.notes() + " | " + shorten(k.text()));
                }
            }
        }
        StringBuilder report = new StringBuilder(title + ": " + cases.size() + " cases\n");
        Map<String, double[]> pr = new LinkedHashMap<>();
        counts.forEach((cat, c) -> {
            double p = c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
            double r = c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
            pr.put(cat, new double[] {p, r});
            report.append(String.format("  %-9s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)%n", cat, p, r, c[0],
                    c[1], c[2]));
        });
        if (!heldOut || HeldOutMisses.shown()) {
            errors.forEach(e -> report.append("  ").append(e).append('\n'));
        } else if (!errors.isEmpty()) {
            report.append("  ").append(HeldOutMisses.hidden(errors.size())).append('\n');
        }
        System.out.println(report);
        return pr;
    }

    private static String shorten(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 100 ? t.substring(0, 100) + "…" : t;
    }
}
