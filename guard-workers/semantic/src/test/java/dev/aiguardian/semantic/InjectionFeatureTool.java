package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.Embedder;
import dev.aiguardian.guards.semantic.Exemplars;
import dev.aiguardian.guards.semantic.InstructionOwner;
import dev.aiguardian.guards.semantic.IntentClassifier;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.semantic.Vectors;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.guards.trust.TrustReport;

/**
 * Compares injection-head inputs beyond the mean-pooled embedding (issue 15, round 9) by 5-fold
 * cross-validation of rules + layer on the in-sample exemplar set only (held-out sets play no part):
 * other poolings of the same single model run (max, [CLS], the first word pieces), cheap lexical
 * features of the sentence ({@link InstructionOwner}), and a small nonlinear head. Every in-sample line
 * and cue sentence is run through the model once; each variant's head is fitted per fold on the training
 * lines (the folds of TrainClassifiersTest) and judges the held-back lines as the layer does: the
 * highest probability over the line's cue sentences, mention discount applied, behind the rules. Prints
 * per variant the threshold the shipping rule picks (highest CV recall at CV precision ≥ 0.95, thresholds
 * 0.50–0.90 in steps of 0.05) with its P/R, and the best CV recall at CV precision ≥ 0.97 (steps of 0.01).
 * Run with {@code mvn -B -ntp -q -o -pl guard-workers/guards,guard-workers/semantic -am test
 * -Dtest=InjectionFeatureTool -Dretrain=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InjectionFeatureTool {
    private static final int FIRST_PIECES = 8;
    private static final int FOLDS = 5;

    /** The poolings of one model run: the mean (what ships), the max, [CLS], the mean of the first pieces. */
    private record Pooled(float[] mean, float[] max, float[] cls, float[] first, float[] lexical) {
    }

    @Test
    @Tag("tool")
    void compareInjectionFeaturesByCrossValidation() {
        MiniLmEmbedder model = new MiniLmEmbedder();
        Map<String, Pooled> pooled = new HashMap<>();
        Function<String, Pooled> pool = t -> pooled.computeIfAbsent(t, k -> pool(model.wordPieceStates(k), k));
        // The layer only to find each line's cue sentences and mention discounts; it reads the mean from the same runs.
        Embedder means = new Embedder() {
            @Override
            public float[] embed(String text) {
                return pool.apply(text).mean();
            }

            @Override
            public int dimension() {
                return model.dimension();
            }

            @Override
            public String name() {
                return model.name();
            }
        };
        Exemplars all = Exemplars.bundled("injection", "/semantic/injection.txt");
        List<String> texts = new ArrayList<>(all.positives());
        texts.addAll(all.negatives());
        int n = texts.size();
        boolean[] positive = new boolean[n];
        boolean[] ruleFlag = new boolean[n];
        int[] fold = new int[n];
        List<List<String>> cues = new ArrayList<>();
        List<List<Boolean>> mentions = new ArrayList<>();
        TrustGuard rules = new TrustGuard();
        IntentClassifier any = IntentClassifier.train(all.fold(0, FOLDS, false), means);
        SemanticLayer layer = SemanticLayer.of(means, new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1),
                any, any);
        for (int i = 0; i < n; i++) {
            String t = texts.get(i);
            positive[i] = i < all.positives().size();
            fold[i] = (positive[i] ? i : i - all.positives().size()) % FOLDS;
            ruleFlag[i] = ((TrustReport) rules.inspect(GuardInput.of(t)).details()).injectionScore() >= 0.5;
            List<String> c = new ArrayList<>();
            List<Boolean> m = new ArrayList<>();
            for (SemanticLayer.Judged j : layer.judgeAll(t, "injection")) {
                c.add(j.chunk().text());
                m.add(j.mention());
            }
            cues.add(c);
            mentions.add(m);
        }

        Map<String, Function<Pooled, float[]>> variants = new LinkedHashMap<>();
        variants.put("mean (shipped)", Pooled::mean);
        variants.put("mean + max", p -> concat(p.mean(), p.max()));
        variants.put("mean + [CLS]", p -> concat(p.mean(), p.cls()));
        variants.put("mean of first " + FIRST_PIECES + " + mean", p -> concat(p.first(), p.mean()));
        variants.put("mean + lexical x0.25", p -> concat(p.mean(), scaled(p.lexical(), 0.25f)));
        variants.put("mean + lexical x0.5", p -> concat(p.mean(), scaled(p.lexical(), 0.5f)));
        variants.put("mean + max + lexical x0.5", p -> concat(p.mean(), p.max(), scaled(p.lexical(), 0.5f)));
        variants.put("mean + first + lexical x0.5", p -> concat(p.first(), p.mean(), scaled(p.lexical(), 0.5f)));
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, Function<Pooled, float[]>> v : variants.entrySet()) {
            rows.add(evaluate(v.getKey(), v.getValue(), null, texts, positive, ruleFlag, fold, cues, mentions, pool));
        }
        for (String base : List.of("mean (shipped)", "mean + lexical x0.5")) {
            HeadComparisonTool.MlpHead.Settings s = new HeadComparisonTool.MlpHead.Settings(32, 3e-3, 200, 0.5, 7);
            rows.add(evaluate("MLP " + s + " on " + base, variants.get(base), s, texts, positive, ruleFlag, fold, cues,
                    mentions, pool));
        }
        rows.forEach(System.out::println);
        // Every variant found a threshold at CV precision >= 0.95 (a head no better than chance would not).
        assertThat(rows).hasSize(variants.size() + 2).noneMatch(r -> r.contains("rule picks NaN"));
    }

    private static String evaluate(String title, Function<Pooled, float[]> features, HeadComparisonTool.MlpHead.Settings mlp,
            List<String> texts, boolean[] positive, boolean[] ruleFlag, int[] fold, List<List<String>> cues,
            List<List<Boolean>> mentions, Function<String, Pooled> pool) {
        int n = texts.size();
        double[] score = new double[n];
        long t0 = System.nanoTime();
        for (int f = 0; f < FOLDS; f++) {
            List<float[]> pos = new ArrayList<>();
            List<float[]> neg = new ArrayList<>();
            List<float[]> xs = new ArrayList<>();
            List<Boolean> ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    float[] x = features.apply(pool.apply(texts.get(i)));
                    (positive[i] ? pos : neg).add(x);
                    xs.add(x);
                    ys.add(positive[i]);
                }
            }
            Function<float[], Double> head;
            if (mlp == null) {
                // The shipped fit (class-balanced L2 logistic regression, 400 full-batch steps).
                int dim = pos.get(0).length;
                double[] w = IntentClassifier.fit(pos, neg, dim);
                head = x -> Vectors.sigmoid(Vectors.dot(java.util.Arrays.copyOf(w, dim), x) + w[dim]);
            } else {
                HeadComparisonTool.MlpHead h = HeadComparisonTool.MlpHead.train(xs, ys, mlp);
                head = h::probability;
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    double max = 0;
                    for (int c = 0; c < cues.get(i).size(); c++) {
                        double p = head.apply(features.apply(pool.apply(cues.get(i).get(c))));
                        max = Math.max(max, mentions.get(i).get(c) ? p * 0.5 : p);
                    }
                    score[i] = max;
                }
            }
        }
        double chosen = Double.NaN;
        int[] best = null;
        for (int t = 50; t <= 90; t += 5) {
            int[] c = counts(score, positive, ruleFlag, t / 100.0);
            if (precision(c) >= 0.95 && (best == null || recall(c) > recall(best))) {
                best = c;
                chosen = t / 100.0;
            }
        }
        double at97 = Double.NaN;
        int[] best97 = null;
        for (int t = 30; t <= 99; t++) {
            int[] c = counts(score, positive, ruleFlag, t / 100.0);
            if (precision(c) >= 0.97 && (best97 == null || recall(c) > recall(best97))) {
                best97 = c;
                at97 = t / 100.0;
            }
        }
        int[] at70 = counts(score, positive, ruleFlag, 0.70);
        return String.format(Locale.ROOT, "%-62s | rule picks %.2f: %s | at 0.70: %s | best R at P>=0.97: %.2f %s | %.0f s",
                title, chosen, format(best), format(at70), at97, format(best97), (System.nanoTime() - t0) / 1e9);
    }

    /** tp, fp, fn of "rules flag or the layer reaches th". */
    private static int[] counts(double[] score, boolean[] positive, boolean[] ruleFlag, double th) {
        int[] c = new int[3];
        for (int i = 0; i < score.length; i++) {
            boolean flagged = ruleFlag[i] || score[i] >= th;
            if (flagged && positive[i]) {
                c[0]++;
            } else if (flagged) {
                c[1]++;
            } else if (positive[i]) {
                c[2]++;
            }
        }
        return c;
    }

    private static double precision(int[] c) {
        return c[0] / (double) Math.max(1, c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] / (double) Math.max(1, c[0] + c[2]);
    }

    private static String format(int[] c) {
        return c == null ? "none" : String.format(Locale.ROOT, "P %.3f R %.3f (%d/%d/%d)", precision(c), recall(c), c[0], c[1], c[2]);
    }

    private static Pooled pool(float[][] rows, String text) {
        int d = rows[0].length;
        float[] mean = new float[d];
        float[] max = new float[d];
        float[] first = new float[d];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < rows.length; t++) {
            for (int k = 0; k < d; k++) {
                mean[k] += rows[t][k];
                max[k] = Math.max(max[k], rows[t][k]);
                if (t < FIRST_PIECES) {
                    first[k] += rows[t][k];
                }
            }
        }
        // Unit length, as the shipped mean: the scale of the sum does not matter after normalising.
        return new Pooled(Vectors.normalized(mean), Vectors.normalized(max), Vectors.normalized(rows[0].clone()),
                Vectors.normalized(first), InstructionOwner.features(text));
    }

    private static float[] scaled(float[] v, float s) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }

    private static float[] concat(float[]... parts) {
        int len = 0;
        for (float[] p : parts) {
            len += p.length;
        }
        float[] out = new float[len];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
