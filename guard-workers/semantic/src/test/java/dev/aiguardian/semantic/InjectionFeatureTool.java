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
        IntentClassifier any = IntentClassifier.train(all.fold(0, FOLDS, false), means);
        SemanticLayer layer = SemanticLayer.of(means, new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1),
                any, any);
        TrustGuard rules = new TrustGuard();
        Lines lines = Lines.of(all, layer, rules);
        int n = lines.texts.size();
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = (lines.positive[i] ? i : i - all.positives().size()) % FOLDS;
        }
        boolean[] every = new boolean[n];
        java.util.Arrays.fill(every, true);

        Map<String, Function<Pooled, float[]>> variants = new LinkedHashMap<>();
        variants.put("mean (shipped)", Pooled::mean);
        variants.put("mean + max", p -> concat(p.mean(), p.max()));
        variants.put("mean + [CLS]", p -> concat(p.mean(), p.cls()));
        variants.put("mean of first " + FIRST_PIECES + " + mean", p -> concat(p.first(), p.mean()));
        variants.put("mean + lexical x0.25", p -> concat(p.mean(), scaled(p.lexical(), 0.25f)));
        variants.put("mean + lexical x0.5", p -> concat(p.mean(), scaled(p.lexical(), 0.5f)));
        variants.put("mean + max + lexical x0.5", p -> concat(p.mean(), p.max(), scaled(p.lexical(), 0.5f)));
        variants.put("mean + first + lexical x0.5", p -> concat(p.first(), p.mean(), scaled(p.lexical(), 0.5f)));
        // After round 9's held-out run (chooses nothing): the owner features alone, without person, imperative and
        // "you are now", which in the transfer listing raised ordinary requests addressed to "you".
        variants.put("mean + owner-only x0.25", p -> concat(p.mean(), scaled(ownerOnly(p.lexical()), 0.25f)));
        HeadComparisonTool.MlpHead.Settings mlp = new HeadComparisonTool.MlpHead.Settings(32, 3e-3, 200, 0.5, 7);
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, Function<Pooled, float[]>> v : variants.entrySet()) {
            rows.add(evaluate(v.getKey(), v.getValue(), null, lines, fold, FOLDS, every, pool));
        }
        for (String base : List.of("mean (shipped)", "mean + lexical x0.5")) {
            rows.add(evaluate("MLP " + mlp + " on " + base, variants.get(base), mlp, lines, fold, FOLDS, every, pool));
        }
        rows.forEach(System.out::println);
        transfer(variants, all, layer, rules, pool);
        // Every variant found a threshold at CV precision >= 0.95 (a head no better than chance would not).
        assertThat(rows).hasSize(variants.size() + 2).noneMatch(r -> r.contains("rule picks NaN"));
    }

    /**
     * In-sample transfer checks, after round 9's held-out result (they chose nothing that was run held-out): each
     * variant fitted on one in-sample set and judging another written later, in another sitting, as a held-out
     * set is. {@code -Dtransfer.before=FILE}: the exemplar file as it was before inj7
     * ({@code git show 22906ad^:guard-workers/guards/src/main/resources/semantic/injection.txt}); its lines train, the
     * 368 lines inj7 added are judged. {@code -Dtransfer.extra=FILE}: lines never shipped (inj8's rejected 96, in
     * exemplar format: {@code git show 0116059 -- '*injection.txt' | grep '^+[+-] ' | cut -c2-}), judged by the
     * variants fitted on today's whole set. {@code -Dtransfer.list=true} lists the judged lines either the shipped head
     * or the lexical one gets wrong at 0.70.
     */
    private static void transfer(Map<String, Function<Pooled, float[]>> variants, Exemplars all, SemanticLayer layer,
            TrustGuard rules, Function<String, Pooled> pool) {
        String before = System.getProperty("transfer.before");
        if (before != null) {
            Exemplars old = read(before);
            java.util.Set<String> oldLines = new java.util.HashSet<>(old.positives());
            oldLines.addAll(old.negatives());
            List<String> pos = new ArrayList<>(old.positives());
            List<String> neg = new ArrayList<>(old.negatives());
            all.positives().stream().filter(t -> !oldLines.contains(t)).forEach(pos::add);
            all.negatives().stream().filter(t -> !oldLines.contains(t)).forEach(neg::add);
            runTransfer("fitted on the " + oldLines.size() + " lines before inj7, judging the lines inj7 added", variants,
                    new Exemplars("injection", pos, neg), oldLines, layer, rules, pool);
        }
        String extra = System.getProperty("transfer.extra");
        if (extra != null) {
            Exemplars more = read(extra);
            java.util.Set<String> train = new java.util.HashSet<>(all.positives());
            train.addAll(all.negatives());
            List<String> pos = new ArrayList<>(all.positives());
            pos.addAll(more.positives());
            List<String> neg = new ArrayList<>(all.negatives());
            neg.addAll(more.negatives());
            runTransfer("fitted on today's " + train.size() + " lines, judging " + more.positives().size() + " + "
                    + more.negatives().size() + " lines of " + extra, variants, new Exemplars("injection", pos, neg), train,
                    layer, rules, pool);
        }
    }

    private static void runTransfer(String title, Map<String, Function<Pooled, float[]>> variants, Exemplars both,
            java.util.Set<String> train, SemanticLayer layer, TrustGuard rules, Function<String, Pooled> pool) {
        Lines lines = Lines.of(both, layer, rules);
        int n = lines.texts.size();
        int[] fold = new int[n];
        boolean[] judged = new boolean[n];
        for (int i = 0; i < n; i++) {
            judged[i] = !train.contains(lines.texts.get(i));
            fold[i] = judged[i] ? 0 : -1;
        }
        System.out.println("transfer, " + title + ":");
        for (Map.Entry<String, Function<Pooled, float[]>> v : variants.entrySet()) {
            System.out.println("  " + evaluate(v.getKey(), v.getValue(), null, lines, fold, 1, judged, pool));
        }
        if (Boolean.getBoolean("transfer.list")) {
            // The judged lines wrong under either head at 0.70, with both scores and the lexical features: in-sample only.
            double[] mean = scores(variants.get("mean (shipped)"), null, lines, fold, 1, pool);
            double[] lex = scores(variants.get("mean + lexical x0.25"), null, lines, fold, 1, pool);
            for (int i = 0; i < n; i++) {
                boolean a = lines.ruleFlag[i] || mean[i] >= 0.70;
                boolean b = lines.ruleFlag[i] || lex[i] >= 0.70;
                if (judged[i] && (a != lines.positive[i] || b != lines.positive[i])) {
                    System.out.printf(Locale.ROOT, "  %s mean %s %.2f  lexical %s %.2f  %s  %s%n", lines.positive[i] ? "+" : "-",
                            a == lines.positive[i] ? "ok   " : "WRONG", mean[i], b == lines.positive[i] ? "ok   " : "WRONG", lex[i],
                            java.util.Arrays.toString(InstructionOwner.features(lines.texts.get(i))).replace(".0", ""),
                            lines.texts.get(i));
                }
            }
        }
    }

    private static Exemplars read(String file) {
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
                if (line.startsWith("+ ")) {
                    pos.add(line.substring(2).strip());
                } else if (line.startsWith("- ")) {
                    neg.add(line.substring(2).strip());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Exemplars("injection", pos, neg);
    }

    /** Lines with their label, the rules' flag, and their cue sentences with mention discounts, as the layer sees them. */
    private static final class Lines {
        final List<String> texts = new ArrayList<>();
        boolean[] positive;
        boolean[] ruleFlag;
        final List<List<String>> cues = new ArrayList<>();
        final List<List<Boolean>> mentions = new ArrayList<>();

        static Lines of(Exemplars set, SemanticLayer layer, TrustGuard rules) {
            Lines l = new Lines();
            l.texts.addAll(set.positives());
            l.texts.addAll(set.negatives());
            int n = l.texts.size();
            l.positive = new boolean[n];
            l.ruleFlag = new boolean[n];
            for (int i = 0; i < n; i++) {
                String t = l.texts.get(i);
                l.positive[i] = i < set.positives().size();
                l.ruleFlag[i] = ((TrustReport) rules.inspect(GuardInput.of(t)).details()).injectionScore() >= 0.5;
                List<String> c = new ArrayList<>();
                List<Boolean> m = new ArrayList<>();
                for (SemanticLayer.Judged j : layer.judgeAll(t, "injection")) {
                    c.add(j.chunk().text());
                    m.add(j.mention());
                }
                l.cues.add(c);
                l.mentions.add(m);
            }
            return l;
        }
    }

    /**
     * Fits the variant's head per fold (lines whose fold is another train) and judges each fold's lines; the
     * figures count only the {@code judged} lines.
     */
    private static String evaluate(String title, Function<Pooled, float[]> features, HeadComparisonTool.MlpHead.Settings mlp,
            Lines lines, int[] fold, int folds, boolean[] judged, Function<String, Pooled> pool) {
        List<String> texts = lines.texts;
        boolean[] positive = lines.positive;
        boolean[] ruleFlag = lines.ruleFlag;
        long t0 = System.nanoTime();
        double[] score = scores(features, mlp, lines, fold, folds, pool);
        double chosen = Double.NaN;
        int[] best = null;
        for (int t = 50; t <= 90; t += 5) {
            int[] c = counts(score, positive, ruleFlag, judged, t / 100.0);
            if (precision(c) >= 0.95 && (best == null || recall(c) > recall(best))) {
                best = c;
                chosen = t / 100.0;
            }
        }
        double at97 = Double.NaN;
        int[] best97 = null;
        for (int t = 30; t <= 99; t++) {
            int[] c = counts(score, positive, ruleFlag, judged, t / 100.0);
            if (precision(c) >= 0.97 && (best97 == null || recall(c) > recall(best97))) {
                best97 = c;
                at97 = t / 100.0;
            }
        }
        int[] at70 = counts(score, positive, ruleFlag, judged, 0.70);
        return String.format(Locale.ROOT, "%-62s | rule picks %.2f: %s | at 0.70: %s | best R at P>=0.97: %.2f %s | %.0f s",
                title, chosen, format(best), format(at70), at97, format(best97), (System.nanoTime() - t0) / 1e9);
    }

    /** Each line's layer score (highest cue-sentence probability, mention discount applied), from the head fitted without its fold. */
    private static double[] scores(Function<Pooled, float[]> features, HeadComparisonTool.MlpHead.Settings mlp, Lines lines,
            int[] fold, int folds, Function<String, Pooled> pool) {
        List<String> texts = lines.texts;
        boolean[] positive = lines.positive;
        List<List<String>> cues = lines.cues;
        List<List<Boolean>> mentions = lines.mentions;
        int n = texts.size();
        double[] score = new double[n];
        for (int f = 0; f < folds; f++) {
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
        return score;
    }

    /** tp, fp, fn of "rules flag or the layer reaches th". */
    private static int[] counts(double[] score, boolean[] positive, boolean[] ruleFlag, boolean[] judged, double th) {
        int[] c = new int[3];
        for (int i = 0; i < score.length; i++) {
            if (!judged[i]) {
                continue;
            }
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

    /** The lexical features with second and first person, leading imperative and "you are now" set to 0. */
    private static float[] ownerOnly(float[] lexical) {
        float[] out = lexical.clone();
        for (int i : new int[] {5, 6, 7, 9}) {
            out[i] = 0;
        }
        return out;
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
