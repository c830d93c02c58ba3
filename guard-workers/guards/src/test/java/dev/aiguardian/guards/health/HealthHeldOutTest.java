package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledScore;

/**
 * HealthGuard on the held-out set (written before the detectors were tuned, never tuned on) and on the
 * in-sample cases, reported apart: precision and recall for each user-reported category, with floors
 * at the measured figures so that a regression fails.
 */
class HealthHeldOutTest {
    private static final List<String> HELD_OUT = List.of("/health/heldout/word-salad.jsonl",
            "/health/heldout/wrapped-json.jsonl", "/health/heldout/complete-endings.jsonl",
            "/health/heldout/benign.jsonl");
    private static final List<String> IN_SAMPLE = List.of("/health/labelled-cases.jsonl", "/health/tuning-cases.jsonl",
            "/health/tuning-salad.jsonl");

    /** Each category users reported, and the issue type whose precision and recall answer it. */
    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("word salad", "gibberish");
        CATEGORIES.put("json wrapped in prose", "wrapped_json");
        CATEGORIES.put("broken json still fails", "invalid_json");
        CATEGORIES.put("truncation (complete endings)", "truncated");
    }

    /**
     * Floors {precision, recall} per issue type: the figures measured after the word-salad, wrapped-JSON and
     * complete-ending rules (docs/guards/healthguard.md, "Measured", has the figures before them).
     */
    private static final Map<String, double[]> HELD_OUT_FLOORS = Map.of(
            "gibberish", new double[] {1.0, 0.52},
            "wrapped_json", new double[] {1.0, 1.0},
            "invalid_json", new double[] {1.0, 1.0},
            "truncated", new double[] {0.96, 0.96});
    /**
     * In-sample floors; tuning-salad.jsonl (the word-class work) added harder salads and a commit-message look-alike
     * that truncation flags ("...; add regression test for expired cards"), hence 0.82 and 0.95.
     */
    private static final Map<String, double[]> IN_SAMPLE_FLOORS = Map.of(
            "gibberish", new double[] {1.0, 0.82},
            "wrapped_json", new double[] {1.0, 1.0},
            "invalid_json", new double[] {1.0, 1.0},
            "truncated", new double[] {0.95, 1.0});

    private final HealthGuard guard = new HealthGuard();

    @Test
    void heldOutMeetsItsFloors() {
        assertFloors("held-out", HELD_OUT, HELD_OUT_FLOORS);
    }

    @Test
    void inSampleMeetsItsFloors() {
        assertFloors("in-sample", IN_SAMPLE, IN_SAMPLE_FLOORS);
    }

    private void assertFloors(String set, List<String> resources, Map<String, double[]> floors) {
        LabelledScore score = new LabelledScore();
        int cases = 0;
        for (String resource : resources) {
            cases += run(resource, score);
        }
        System.out.println(summary(set, score));
        System.out.println(score.table("HealthGuard " + set + " cases"));
        assertThat(cases).as("%s cases read", set).isGreaterThanOrEqualTo(100);
        Map<String, LabelledScore.Counts> byLabel = score.byLabel();
        floors.forEach((label, floor) -> {
            LabelledScore.Counts c = byLabel.getOrDefault(label, new LabelledScore.Counts(0, 0, 0));
            assertThat(c.precision()).as("%s precision of %s", set, label).isGreaterThanOrEqualTo(floor[0]);
            assertThat(c.recall()).as("%s recall of %s", set, label).isGreaterThanOrEqualTo(floor[1]);
        });
    }

    private int run(String resource, LabelledScore score) {
        List<LabelledCases.Case> cases = LabelledCases.read(resource);
        for (LabelledCases.Case c : cases) {
            HealthReport report = (HealthReport) guard.inspect(c.input()).details();
            Set<String> actual = new HashSet<>();
            report.issues().forEach(i -> actual.add(i.type()));
            score.add(c.text(), c.expected(), actual);
        }
        return cases.size();
    }

    private static String summary(String set, LabelledScore score) {
        StringBuilder b = new StringBuilder("HealthGuard " + set + " by reported category\n");
        Map<String, LabelledScore.Counts> byLabel = score.byLabel();
        CATEGORIES.forEach((category, label) -> {
            LabelledScore.Counts c = byLabel.getOrDefault(label, new LabelledScore.Counts(0, 0, 0));
            b.append(String.format(Locale.ROOT, "  %-30s %-13s tp %3d fp %3d fn %3d precision %.3f recall %.3f%n",
                    category, label, c.tp(), c.fp(), c.fn(), c.precision(), c.recall()));
        });
        return b.toString();
    }
}
