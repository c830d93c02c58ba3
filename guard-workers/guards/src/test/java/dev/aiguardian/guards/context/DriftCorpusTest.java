package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.guards.testing.HeldOutMisses;
import dev.aiguardian.guards.tokens.TokenCounter;

/** Drift precision and recall on the hand-labelled corpus in resources/context/drift-corpus.json. */
class DriftCorpusTest {
    private static final TokenCounter COUNTER = new TokenCounter();
    private static JsonNode corpus;
    private static JsonNode holdout;
    private static JsonNode holdout2;

    /** One labelled judgement: the session's domain, the next turn, the label and the detector's answer. */
    record Case(String domain, String text, boolean offTopic, double driftScore, boolean drift) {
    }

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = DriftCorpusTest.class.getResourceAsStream("/context/drift-corpus.json")) {
            corpus = Json.mapper().readTree(in);
        }
        try (InputStream in = DriftCorpusTest.class.getResourceAsStream("/context/drift-holdout.json")) {
            holdout = Json.mapper().readTree(in);
        }
        try (InputStream in = DriftCorpusTest.class.getResourceAsStream("/context/drift-holdout2.json")) {
            holdout2 = Json.mapper().readTree(in);
        }
    }

    static List<Case> judgeAll(ContextGuard guard) {
        return judgeAll(guard, corpus);
    }

    static List<Case> judgeAll(ContextGuard guard, JsonNode corpus) {
        return DriftReplay.judge(corpus, guard).stream()
                .map(j -> new Case(j.domain(), j.text(), j.offTopic(), j.report().driftScore(), j.report().drift()))
                .toList();
    }

    /** Prints the precision/recall trade-off over similarity cut-offs; recall can only grow with the cut-off. */
    @Test
    void sweepShowsTheTradeOff() {
        double lastRecall = -1;
        for (double th : new double[] {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5}) {
            ContextGuard g = new ContextGuard(COUNTER, new ContextSettings(MemoryLimits.DEFAULT,
                    new DriftSettings(0.5, 2, th * 2, 0.8, 1500), 4096, TokenCounter.Bpe.CL100K_BASE));
            List<Case> cases = judgeAll(g);
            long tp = cases.stream().filter(c -> c.drift() && c.offTopic()).count();
            long fp = cases.stream().filter(c -> c.drift() && !c.offTopic()).count();
            long fn = cases.stream().filter(c -> !c.drift() && c.offTopic()).count();
            double recall = tp / (double) (tp + fn);
            System.out.printf("sweep: drift below similarity %.2f -> precision %.3f, recall %.3f%n", th,
                    tp / (double) (tp + fp), recall);
            assertThat(recall).isGreaterThanOrEqualTo(lastRecall);
            lastRecall = recall;
        }
    }

    @Test
    void precisionAndRecallAtLeast085() {
        ContextGuard guard = new ContextGuard(COUNTER, ContextSettings.DEFAULT);
        List<Case> cases = judgeAll(guard);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (Case c : cases) {
            if (c.drift() && c.offTopic()) {
                tp++;
            } else if (c.drift()) {
                fp++;
                System.out.printf("  false drift   %.3f [%s] %s%n", c.driftScore(), c.domain(), c.text());
            } else if (c.offTopic()) {
                fn++;
                System.out.printf("  missed drift  %.3f [%s] %s%n", c.driftScore(), c.domain(), c.text());
            } else {
                tn++;
            }
        }
        double precision = tp / (double) Math.max(1, tp + fp);
        double recall = tp / (double) Math.max(1, tp + fn);
        System.out.printf("drift corpus: %d sessions, %d judged turns; precision %.3f, recall %.3f "
                + "(tp %d, fp %d, fn %d, tn %d) at threshold %.2f%n", corpus.get("sessions").size(), cases.size(),
                precision, recall, tp, fp, fn, tn, guard.settings().drift().threshold());
        assertThat(corpus.get("sessions").size()).isGreaterThanOrEqualTo(30);
        assertThat(precision).isGreaterThanOrEqualTo(0.85);
        assertThat(recall).isGreaterThanOrEqualTo(0.85);
    }

    /**
     * The held-out corpora were written after tuning (#2 after all of it, and never tuned against):
     * their numbers estimate how the detector does on conversations nobody fitted it to. Printed;
     * asserted only at floors well under the tuned corpus's, so that a real regression still fails.
     */
    @Test
    void heldOutCorporaAreReported() {
        ContextGuard guard = new ContextGuard(COUNTER, ContextSettings.DEFAULT);
        for (Map.Entry<String, JsonNode> e : Map.of("held-out #1", holdout, "held-out #2", holdout2).entrySet()) {
            List<Case> cases = judgeAll(guard, e.getValue());
            long tp = cases.stream().filter(c -> c.drift() && c.offTopic()).count();
            long fp = cases.stream().filter(c -> c.drift() && !c.offTopic()).count();
            long fn = cases.stream().filter(c -> !c.drift() && c.offTopic()).count();
            if (HeldOutMisses.shown()) {
                cases.stream().filter(c -> c.drift() != c.offTopic()).forEach(c -> System.out.printf("  %s %s %.3f [%s] %s%n",
                        e.getKey(), c.drift() ? "false drift " : "missed drift", c.driftScore(), c.domain(), c.text()));
            } else if (fp + fn > 0) {
                System.out.println("  " + e.getKey() + " " + HeldOutMisses.hidden((int) (fp + fn)));
            }
            double precision = tp / (double) Math.max(1, tp + fp);
            double recall = tp / (double) Math.max(1, tp + fn);
            System.out.printf("%s drift corpus: %d sessions, %d judged turns; precision %.3f, recall %.3f%n", e.getKey(),
                    e.getValue().get("sessions").size(), cases.size(), precision, recall);
            assertThat(precision).as(e.getKey() + " precision").isGreaterThanOrEqualTo(0.5);
            assertThat(recall).as(e.getKey() + " recall").isGreaterThanOrEqualTo(0.5);
        }
    }
}
