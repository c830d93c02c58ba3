package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.CachedEmbedder;
import dev.aiguardian.guards.semantic.Embedder;
import dev.aiguardian.guards.semantic.Exemplars;
import dev.aiguardian.guards.semantic.IntentClassifier;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.guards.trust.TrustReport;

/**
 * Chooses the injection threshold by 5-fold cross-validation of rules + layer on the in-sample
 * exemplar set only (held-out sets play no part): each fold's classifier judges its held-back lines
 * through the whole trustguard path (sentences, cue gate, mention discount, rules first), and the
 * sweep prints precision and recall of "rules flag or the layer's highest probability reaches the
 * threshold". TrainClassifiersTest's sweep is the model alone; this one is what ships. Run with
 * {@code mvn -B -ntp -q -o -pl guard-workers/semantic -am test -Dtest=InjectionThresholdTool
 * -Dretrain=true -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dthreshold=0.65} lists the lines
 * wrong at another threshold, {@code -Dscores=/tmp/file.tsv} writes every line's scores.
 */
class InjectionThresholdTool {

    @Test
    @Tag("tool")
    void sweepRulesPlusLayerByCrossValidation() throws IOException {
        Embedder model = new CachedEmbedder(new MiniLmEmbedder(), 10_000);
        Exemplars all = Exemplars.bundled("injection", "/semantic/injection.txt");
        TrustGuard rules = new TrustGuard();
        List<double[]> scored = new ArrayList<>(); // {layer's max probability, rules flag, positive}
        List<String> texts = new ArrayList<>(); // the line behind each row of scored
        for (int fold = 0; fold < 5; fold++) {
            // The same folds as TrainClassifiersTest.
            Exemplars held = all.fold(fold, 5, true);
            List<String> vp = held.positives();
            List<String> vn = held.negatives();
            IntentClassifier c = IntentClassifier.train(all.fold(fold, 5, false), model);
            SemanticLayer layer = SemanticLayer.of(model, new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1),
                    c, c);
            TrustGuard both = new TrustGuard(rules.config(), layer);
            for (List<String> part : List.of(vp, vn)) {
                for (String t : part) {
                    TrustReport r = (TrustReport) both.inspect(GuardInput.of(t)).details();
                    boolean ruleFlag = ((TrustReport) rules.inspect(GuardInput.of(t)).details()).injectionScore() >= 0.5;
                    double p = r.semantic() == null ? 0 : r.semantic().maxProbability();
                    scored.add(new double[] {p, ruleFlag ? 1 : 0, part == vp ? 1 : 0});
                    texts.add(t);
                }
            }
        }
        for (int t = 50; t <= 85; t += 5) {
            double th = t / 100.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (double[] s : scored) {
                boolean flagged = s[1] == 1 || s[0] >= th;
                if (flagged && s[2] == 1) {
                    tp++;
                } else if (flagged) {
                    fp++;
                } else if (s[2] == 1) {
                    fn++;
                }
            }
            System.out.printf(Locale.ROOT,
                    "in-sample 5-fold rules + layer: threshold %.2f precision %.3f recall %.3f (tp %d fp %d fn %d)%n", th,
                    tp / (double) Math.max(1, tp + fp), tp / (double) Math.max(1, tp + fn), tp, fp, fn);
        }
        printWrongLines(scored, texts, Double.parseDouble(System.getProperty("threshold", "0.70")));
        String dump = System.getProperty("scores");
        if (dump != null) {
            // One row per line (probability, rules flag, positive, text): to compare runs on the same lines.
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < scored.size(); i++) {
                double[] s = scored.get(i);
                rows.append(String.format(Locale.ROOT, "%.4f\t%d\t%d\t%s%n", s[0], (int) s[1], (int) s[2], texts.get(i)));
            }
            Files.writeString(Path.of(dump), rows, StandardCharsets.UTF_8);
        }
        assertThat(scored).hasSize(all.positives().size() + all.negatives().size());
    }

    /**
     * The in-sample lines the held-back folds got wrong at the shipping threshold, with who flagged
     * them, so that new hard negatives can aim at the layer's own false alarms (in-sample only).
     */
    private static void printWrongLines(List<double[]> scored, List<String> texts, double threshold) {
        for (int i = 0; i < scored.size(); i++) {
            double[] s = scored.get(i);
            boolean flagged = s[1] == 1 || s[0] >= threshold;
            if (flagged == (s[2] == 1)) {
                continue;
            }
            String kind = flagged ? (s[1] == 1 ? "FP rules" : "FP layer") : "FN";
            System.out.printf(Locale.ROOT, "in-sample wrong at %.2f: %-8s p %.2f  %s%n", threshold, kind, s[0], texts.get(i));
        }
    }
}
