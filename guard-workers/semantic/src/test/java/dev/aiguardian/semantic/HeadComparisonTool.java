package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.CachedEmbedder;
import dev.aiguardian.guards.semantic.Embedder;
import dev.aiguardian.guards.semantic.Exemplars;
import dev.aiguardian.guards.semantic.IntentClassifier;
import dev.aiguardian.guards.semantic.Vectors;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.guards.trust.TrustReport;

/**
 * Compares candidate injection heads over the same embeddings by 5-fold cross-validation on the
 * in-sample exemplar set only (held-out sets play no part): the shipped logistic regression against
 * one-hidden-layer MLPs and against logistic regression on the embedding plus three cheap features
 * (the rules' injection score, second person, a leading imperative verb). Prints, per head, average precision of the model alone, precision / recall at
 * the shipped 0.70 threshold, and the best recall of rules + model at precision ≥ 0.90 and ≥ 0.95 (the
 * model only adds to what the rules flag). Run with
 * {@code mvn -B -ntp -q -o -pl guard-workers/guards,guard-workers/semantic -am test -Dtest=HeadComparisonTool
 * -Dretrain=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class HeadComparisonTool {
    private static final Pattern SECOND_PERSON = Pattern
            .compile("(?i)\\b(you|your|yours|yourself)\\b");
    private static final Pattern LEADING_IMPERATIVE = Pattern.compile("(?i)^\\W*(ignore|"
            + "disregard|forget|reveal|print|output|tell|show|give|repeat|copy|act|pretend|answer|reply|respond|stop|start|"
            + "do|follow|list|write|say|translate|decode|dump|recite|simulate|assume|play|become|switch|disable|enable|send|"
            + "append|summari[sz]e|treat|consider|set|put|drop|override)\\b");

    @Test
    @Tag("tool")
    void compareHeadsByCrossValidation() {
        Embedder model = new CachedEmbedder(new MiniLmEmbedder(), 10_000);
        Exemplars all = Exemplars.bundled("injection", "/semantic/injection.txt");
        TrustGuard rules = new TrustGuard();
        List<String> texts = new ArrayList<>(all.positives());
        texts.addAll(all.negatives());
        int n = texts.size();
        float[][] x = new float[n][];
        boolean[] positive = new boolean[n];
        boolean[] ruleFlags = new boolean[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = Vectors.normalized(model.embed(texts.get(i)));
            positive[i] = i < all.positives().size();
            ruleFlags[i] = ((TrustReport) rules.inspect(GuardInput.of(texts.get(i))).details()).injectionScore() >= 0.5;
            // The same folds as TrainClassifiersTest: every fifth exemplar of each class.
            fold[i] = (positive[i] ? i : i - all.positives().size()) % 5;
        }
        List<String> rows = new ArrayList<>();
        rows.add(evaluate("logistic regression (shipped)", x, positive, ruleFlags, fold, texts, all, model, null));
        float[][] withFeatures = new float[n][];
        for (int i = 0; i < n; i++) {
            String t = texts.get(i);
            withFeatures[i] = Arrays.copyOf(x[i], x[i].length + 3);
            withFeatures[i][x[i].length] = (float) ((TrustReport) rules.inspect(GuardInput.of(t)).details()).injectionScore();
            withFeatures[i][x[i].length + 1] = SECOND_PERSON.matcher(t).find() ? 1 : 0;
            withFeatures[i][x[i].length + 2] = LEADING_IMPERATIVE.matcher(t).find() ? 1 : 0;
        }
        // Hidden 0 = no hidden layer: plain logistic regression with the shipped head's settings.
        rows.add(evaluate("LR + rule score, 2nd person, imperative", withFeatures, positive, ruleFlags, fold, texts, all,
                model, new MlpHead.Settings(0, 1e-3, 400, 2.0, 7)));
        for (int hidden : new int[] {16, 32, 64}) {
            for (double decay : new double[] {1e-3, 3e-3, 1e-2}) {
                for (int epochs : new int[] {30, 200}) {
                    MlpHead.Settings s = new MlpHead.Settings(hidden, decay, epochs, 0.5, 7);
                    rows.add(evaluate("MLP " + s, x, positive, ruleFlags, fold, texts, all, model, s));
                }
            }
        }
        rows.forEach(System.out::println);
        // A head no better than chance means broken features or folds, not a result worth printing.
        assertThat(rows).hasSize(2 + 3 * 3 * 2).allSatisfy(r -> assertThat(averagePrecisionOf(r)).isGreaterThan(0.6));
    }

    private static String evaluate(String title, float[][] x, boolean[] positive, boolean[] ruleFlags, int[] fold,
            List<String> texts, Exemplars all, Embedder model, MlpHead.Settings mlp) {
        int n = x.length;
        double[] score = new double[n];
        for (int f = 0; f < 5; f++) {
            List<float[]> trainX = new ArrayList<>();
            List<Boolean> trainY = new ArrayList<>();
            List<String> tp = new ArrayList<>();
            List<String> tn = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    trainX.add(x[i]);
                    trainY.add(positive[i]);
                    (positive[i] ? tp : tn).add(texts.get(i));
                }
            }
            Function<float[], Double> head;
            if (mlp == null) {
                IntentClassifier c = IntentClassifier.train(new Exemplars(all.name(), tp, tn), model);
                head = v -> c.judge(v).probability();
            } else {
                MlpHead h = MlpHead.train(trainX, trainY, mlp);
                head = h::probability;
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    score[i] = head.apply(x[i]);
                }
            }
        }
        return String.format(Locale.ROOT, "%-46s AP %.3f  at 0.70 P %.3f R %.3f  rules+model R@P0.90 %s  R@P0.95 %s",
                title, averagePrecision(score, positive), precisionAt(score, positive, 0.7), recallAt(score, positive, 0.7),
                bestRecall(score, positive, ruleFlags, 0.90), bestRecall(score, positive, ruleFlags, 0.95));
    }

    private static double averagePrecisionOf(String row) {
        int at = row.indexOf(" AP ");
        return Double.parseDouble(row.substring(at + 4, at + 9));
    }

    private static double averagePrecision(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int tp = 0;
        int total = 0;
        double sum = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                tp++;
                sum += tp / (double) (k + 1);
            }
        }
        for (boolean p : positive) {
            total += p ? 1 : 0;
        }
        return sum / total;
    }

    private static double precisionAt(double[] score, boolean[] positive, double th) {
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < score.length; i++) {
            if (score[i] >= th) {
                tp += positive[i] ? 1 : 0;
                fp += positive[i] ? 0 : 1;
            }
        }
        return tp / (double) Math.max(1, tp + fp);
    }

    private static double recallAt(double[] score, boolean[] positive, double th) {
        int tp = 0;
        int total = 0;
        for (int i = 0; i < score.length; i++) {
            total += positive[i] ? 1 : 0;
            tp += positive[i] && score[i] >= th ? 1 : 0;
        }
        return tp / (double) total;
    }

    /** The best recall of "rules flag or model ≥ threshold" over thresholds 0.30..0.95 whose precision reaches {@code floor}. */
    private static String bestRecall(double[] score, boolean[] positive, boolean[] ruleFlags, double floor) {
        double best = 0;
        double at = Double.NaN;
        for (int t = 30; t <= 95; t++) {
            double th = t / 100.0;
            int tp = 0;
            int fp = 0;
            int total = 0;
            for (int i = 0; i < score.length; i++) {
                boolean flagged = ruleFlags[i] || score[i] >= th;
                total += positive[i] ? 1 : 0;
                tp += flagged && positive[i] ? 1 : 0;
                fp += flagged && !positive[i] ? 1 : 0;
            }
            double p = tp / (double) Math.max(1, tp + fp);
            double r = tp / (double) total;
            if (p >= floor && r > best) {
                best = r;
                at = th;
            }
        }
        return String.format(Locale.ROOT, "%.3f (th %.2f)", best, at);
    }

    /**
     * A one-hidden-layer (tanh) network with a logistic output: the candidate head. Full-batch gradient
     * descent with momentum from a seeded initialisation, so training is deterministic; class-balanced
     * loss and weight decay as in the shipped logistic regression.
     */
    static final class MlpHead {
        record Settings(int hidden, double decay, int epochs, double learningRate, long seed) {
            @Override
            public String toString() {
                return String.format(Locale.ROOT, "hidden %d decay %.0e epochs %d", hidden, decay, epochs);
            }
        }

        private final double[][] w1;
        private final double[] b1;
        private final double[] w2;
        private final double b2;

        private MlpHead(double[][] w1, double[] b1, double[] w2, double b2) {
            this.w1 = w1;
            this.b1 = b1;
            this.w2 = w2;
            this.b2 = b2;
        }

        static MlpHead train(List<float[]> xs, List<Boolean> ys, Settings s) {
            if (s.hidden() == 0) {
                return trainLinear(xs, ys, s);
            }
            int d = xs.get(0).length;
            int h = s.hidden();
            Random random = new Random(s.seed());
            double[][] w1 = new double[h][d];
            for (double[] row : w1) {
                for (int i = 0; i < d; i++) {
                    row[i] = random.nextGaussian() / Math.sqrt(d);
                }
            }
            double[] b1 = new double[h];
            double[] w2 = new double[h];
            for (int j = 0; j < h; j++) {
                w2[j] = random.nextGaussian() / Math.sqrt(h);
            }
            double b2 = 0;
            long pos = ys.stream().filter(y -> y).count();
            double wPos = 0.5 / pos;
            double wNeg = 0.5 / (ys.size() - pos);
            double[][] v1 = new double[h][d];
            double[] vb1 = new double[h];
            double[] v2 = new double[h];
            double vb2 = 0;
            double momentum = 0.9;
            double[] hid = new double[h];
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                double[][] g1 = new double[h][d];
                double[] gb1 = new double[h];
                double[] g2 = new double[h];
                double gb2 = 0;
                for (int k = 0; k < xs.size(); k++) {
                    float[] x = xs.get(k);
                    double z = b2;
                    for (int j = 0; j < h; j++) {
                        hid[j] = Math.tanh(Vectors.dot(w1[j], x) + b1[j]);
                        z += w2[j] * hid[j];
                    }
                    double err = (Vectors.sigmoid(z) - (ys.get(k) ? 1 : 0)) * (ys.get(k) ? wPos : wNeg);
                    gb2 += err;
                    for (int j = 0; j < h; j++) {
                        g2[j] += err * hid[j];
                        double back = err * w2[j] * (1 - hid[j] * hid[j]);
                        gb1[j] += back;
                        for (int i = 0; i < d; i++) {
                            g1[j][i] += back * x[i];
                        }
                    }
                }
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < d; i++) {
                        v1[j][i] = momentum * v1[j][i] - s.learningRate() * (g1[j][i] + s.decay() * w1[j][i]);
                        w1[j][i] += v1[j][i];
                    }
                    vb1[j] = momentum * vb1[j] - s.learningRate() * gb1[j];
                    b1[j] += vb1[j];
                    v2[j] = momentum * v2[j] - s.learningRate() * (g2[j] + s.decay() * w2[j]);
                    w2[j] += v2[j];
                }
                vb2 = momentum * vb2 - s.learningRate() * gb2;
                b2 += vb2;
            }
            return new MlpHead(w1, b1, w2, b2);
        }

        /** Logistic regression as the shipped head trains it (zero start, no momentum), kept as an MLP whose one unit is linear. */
        private static MlpHead trainLinear(List<float[]> xs, List<Boolean> ys, Settings s) {
            int d = xs.get(0).length;
            double[] w = new double[d];
            double b = 0;
            long pos = ys.stream().filter(y -> y).count();
            double wPos = 0.5 / pos;
            double wNeg = 0.5 / (ys.size() - pos);
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                double[] g = new double[d];
                double gb = 0;
                for (int k = 0; k < xs.size(); k++) {
                    float[] x = xs.get(k);
                    double err = (Vectors.sigmoid(Vectors.dot(w, x) + b) - (ys.get(k) ? 1 : 0)) * (ys.get(k) ? wPos : wNeg);
                    for (int i = 0; i < d; i++) {
                        g[i] += err * x[i];
                    }
                    gb += err;
                }
                for (int i = 0; i < d; i++) {
                    w[i] -= s.learningRate() * (g[i] + s.decay() * w[i]);
                }
                b -= s.learningRate() * gb;
            }
            return new MlpHead(new double[][] {w}, new double[] {b}, null, 0);
        }

        double probability(float[] x) {
            if (w2 == null) {
                return Vectors.sigmoid(Vectors.dot(w1[0], x) + b1[0]);
            }
            double z = b2;
            for (int j = 0; j < w2.length; j++) {
                z += w2[j] * Math.tanh(Vectors.dot(w1[j], x) + b1[j]);
            }
            return Vectors.sigmoid(z);
        }
    }
}
