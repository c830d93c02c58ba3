package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.LabelledCases;

/**
 * HealthGuard on the second word-salad held-out set (heldout-v2, written before the word-class work and never
 * tuned on): precision and recall of {@code gibberish} and the false alarms of every other issue type, by
 * category. Only counts are printed, not the missed texts, so that the set cannot be tuned on by reading them.
 */
class HealthWordSaladV2Test {
    private static final List<String> SETS = List.of("/health/heldout-v2/word-salad.jsonl",
            "/health/heldout-v2/look-alikes.jsonl");
    /**
     * Issue 15 asks for held-out precision of at least 0.97; recall is floored at the first run of the word-class
     * rules (0.675; before them 0.125 at precision 0.833, docs/guards/healthguard.md).
     */
    private static final double PRECISION_FLOOR = 0.97;
    private static final double RECALL_FLOOR = 0.67;
    /** Truncation alarms on two look-alikes, there before the word-class work and unchanged by it. */
    private static final int OTHER_FALSE_ALARMS_CEILING = 2;

    private final HealthGuard guard = new HealthGuard();

    @Test
    void wordSaladV2MeetsItsFloors() {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int otherFalseAlarms = 0;
        Map<String, int[]> byCategory = new TreeMap<>(); // category -> {cases, right}
        Map<String, Integer> falseAlarmsByType = new TreeMap<>();
        int cases = 0;
        for (String resource : SETS) {
            for (LabelledCases.Case c : LabelledCases.read(resource)) {
                cases++;
                HealthReport report = (HealthReport) guard.inspect(c.input()).details();
                Set<String> actual = new HashSet<>();
                report.issues().forEach(i -> actual.add(i.type()));
                boolean expected = c.expected().contains("gibberish");
                boolean fired = actual.contains("gibberish");
                tp += expected && fired ? 1 : 0;
                fp += !expected && fired ? 1 : 0;
                fn += expected && !fired ? 1 : 0;
                for (String type : actual) {
                    if (!c.expected().contains(type)) {
                        falseAlarmsByType.merge(type, 1, Integer::sum);
                        otherFalseAlarms += type.equals("gibberish") ? 0 : 1;
                    }
                }
                int[] cat = byCategory.computeIfAbsent(c.raw().path("category").asText(), k -> new int[2]);
                cat[0]++;
                cat[1] += expected == fired ? 1 : 0;
            }
        }
        double precision = tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "HealthGuard word salad held-out v2 (%d cases): gibberish tp %d fp %d fn %d precision %.3f recall %.3f%n",
                cases, tp, fp, fn, precision, recall));
        byCategory.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-20s %2d of %2d right%n", k, v[1], v[0])));
        b.append("  false alarms by issue type: ").append(falseAlarmsByType).append('\n');
        System.out.println(b);

        assertThat(cases).as("v2 cases read").isGreaterThanOrEqualTo(100);
        assertThat(precision).as("held-out v2 precision of gibberish").isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(recall).as("held-out v2 recall of gibberish").isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(otherFalseAlarms).as("false alarms of other issue types on v2").isLessThanOrEqualTo(OTHER_FALSE_ALARMS_CEILING);
    }
}
