package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.guards.guard.GuardInput;

/**
 * Precision and recall per category on the labelled corpus in {@code trust/corpus.jsonl}: a case
 * counts as detected for a category when that category reaches its flag threshold (injection:
 * the combined score; others: the strongest finding).
 */
class TrustCorpusTest {
    static final double MIN_PRECISION = 0.95;
    static final double MIN_RECALL = 0.90;
    static final List<String> CATEGORIES = List.of("injection", "secret", "pii", "url");

    record Case(String text, Set<String> labels, String notes) {
    }

    private static final List<Case> CASES = new ArrayList<>();
    /** Written after the rules were tuned on the main corpus and never tuned against: generalisation. */
    private static final List<Case> HOLDOUT = new ArrayList<>();
    private final TrustGuard guard = new TrustGuard();

    @BeforeAll
    static void load() throws Exception {
        CASES.addAll(read("/trust/corpus.jsonl"));
        HOLDOUT.addAll(read("/trust/corpus-holdout.jsonl"));
    }

    private static List<Case> read(String resource) throws Exception {
        List<Case> out = new ArrayList<>();
        try (InputStream in = TrustCorpusTest.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line);
                Set<String> labels = new HashSet<>();
                n.get("labels").forEach(l -> labels.add(l.asText()));
                out.add(new Case(n.get("text").asText(), labels, n.get("notes").asText()));
            }
        }
        return out;
    }

    Set<String> predicted(String text) {
        TrustReport r = (TrustReport) guard.inspect(GuardInput.of(text)).details();
        TrustGuardConfig c = guard.config();
        Set<String> out = new HashSet<>();
        if (r.injectionScore() >= c.injection().flag()) {
            out.add("injection");
        }
        for (Finding f : r.findings()) {
            if (!f.category().equals("injection") && f.score() >= c.thresholds(f.category()).flag()) {
                out.add(f.category());
            }
        }
        return out;
    }

    @Test
    void corpusIsLargeAndBalanced() {
        long negatives = CASES.stream().filter(c -> c.labels().isEmpty()).count();
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(150);
        assertThat(negatives).isGreaterThanOrEqualTo(CASES.size() - negatives);
        for (String cat : CATEGORIES) {
            assertThat(CASES.stream().filter(c -> c.labels().contains(cat)).count()).as(cat).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void precisionAndRecallPerCategory() {
        Map<String, double[]> pr = evaluate("TrustGuard corpus", CASES);
        pr.forEach((cat, v) -> {
            assertThat(v[0]).as(cat + " precision").isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(v[1]).as(cat + " recall").isGreaterThanOrEqualTo(MIN_RECALL);
        });
    }

    /** Printed for the record; only a loose precision floor is enforced (the set is small). */
    @Test
    void heldOutCasesStayPrecise() {
        Map<String, double[]> pr = evaluate("TrustGuard held-out corpus", HOLDOUT);
        pr.forEach((cat, v) -> assertThat(v[0]).as(cat + " held-out precision").isGreaterThanOrEqualTo(0.9));
    }

    /** Prints precision/recall per category and every miss; returns {precision, recall} per category. */
    private Map<String, double[]> evaluate(String title, List<Case> cases) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
        CATEGORIES.forEach(c -> counts.put(c, new int[3]));
        List<String> errors = new ArrayList<>();
        for (Case k : cases) {
            Set<String> got = predicted(k.text());
            for (String cat : CATEGORIES) {
                boolean want = k.labels().contains(cat);
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
        errors.forEach(e -> report.append("  ").append(e).append('\n'));
        System.out.println(report);
        return pr;
    }

    private static String shorten(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 100 ? t.substring(0, 100) + "…" : t;
    }
}
