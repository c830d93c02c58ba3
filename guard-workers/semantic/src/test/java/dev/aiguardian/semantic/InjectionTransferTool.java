package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * In-sample transfer check for new exemplar lines, before any held-out run: does adding a batch of lines
 * help on other lines written apart from it? Fits the shipped head on the bundled exemplars, and again on
 * the bundled exemplars plus {@code -Dtransfer.add=FILE[,FILE]}, and judges {@code -Dtransfer.judge=FILE}
 * (lines in exemplar format, never trained on; inj10's batch B when none is named) through the whole trustguard path (rules first, sentences,
 * cue gate, mention discount; no static pre-gate), at thresholds 0.60–0.85. With {@code -Dtransfer.base=FILE}
 * the baseline is that exemplar file instead of the bundled one (e.g. main's, when the bundled one already
 * holds the candidate lines). {@code -Dtransfer.list=true} lists the judged lines either fit gets wrong at
 * 0.70. Held-out sets play no part. Run with {@code mvn -B -ntp -q -o -pl guard-workers/semantic -am test
 * -Dtest=InjectionTransferTool -Dretrain=true -Dtransfer.judge=... -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InjectionTransferTool {

    @Test
    @Tag("tool")
    void judgeLinesWrittenApart() {
        // Without a file named, inj10's batch B: lines written apart from batch A, for judging whether A transfers.
        String judgeFile = System.getProperty("transfer.judge", "src/test/resources/semantic/transfer/inj10-batch-b.txt");
        Embedder model = new CachedEmbedder(new MiniLmEmbedder(), 20_000);
        String baseFile = System.getProperty("transfer.base");
        Exemplars base = baseFile == null ? Exemplars.bundled("injection", "/semantic/injection.txt") : read(baseFile);
        Exemplars judged = read(judgeFile);
        Map<String, Exemplars> fits = new LinkedHashMap<>();
        fits.put("base (" + (baseFile == null ? "bundled" : baseFile) + ", " + size(base) + " lines)", base);
        String add = System.getProperty("transfer.add");
        if (add != null) {
            List<String> pos = new ArrayList<>(base.positives());
            List<String> neg = new ArrayList<>(base.negatives());
            for (String f : add.split(",")) {
                Exemplars more = read(f);
                pos.addAll(more.positives());
                neg.addAll(more.negatives());
            }
            Exemplars grown = new Exemplars("injection", pos, neg);
            fits.put("base + " + add + " (" + size(grown) + " lines)", grown);
        }
        TrustGuard rules = new TrustGuard();
        List<double[]> first = null;
        for (Map.Entry<String, Exemplars> fit : fits.entrySet()) {
            IntentClassifier c = IntentClassifier.train(fit.getValue(), model);
            SemanticLayer layer = SemanticLayer.of(model, new SemanticSettings(SemanticSettings.Mode.ON, 20_000, 50_000, 1), c, c);
            TrustGuard both = new TrustGuard(rules.config(), layer);
            List<double[]> scored = new ArrayList<>(); // {layer's max probability, rules flag, positive}
            for (List<String> part : List.of(judged.positives(), judged.negatives())) {
                for (String t : part) {
                    TrustReport r = (TrustReport) both.inspect(GuardInput.of(t)).details();
                    boolean ruleFlag = ((TrustReport) rules.inspect(GuardInput.of(t)).details()).injectionScore() >= 0.5;
                    scored.add(new double[] {r.semantic() == null ? 0 : r.semantic().maxProbability(), ruleFlag ? 1 : 0,
                            part == judged.positives() ? 1 : 0});
                }
            }
            System.out.println("transfer, fitted on " + fit.getKey() + ", judging " + judgeFile + " (" + judged.positives().size()
                    + " + " + judged.negatives().size() + "):");
            for (int t = 60; t <= 85; t += 5) {
                int[] f = figures(scored, t / 100.0);
                System.out.printf(Locale.ROOT, "  threshold %.2f precision %.3f recall %.3f (tp %d fp %d fn %d)%n", t / 100.0,
                        f[0] / (double) Math.max(1, f[0] + f[1]), f[0] / (double) Math.max(1, f[0] + f[2]), f[0], f[1], f[2]);
            }
            if (first == null) {
                first = scored;
            } else if (Boolean.getBoolean("transfer.list")) {
                list(first, scored, judged);
            }
        }
        assertThat(first).hasSize(size(judged));
    }

    private static int[] figures(List<double[]> scored, double threshold) {
        int[] f = new int[3];
        for (double[] s : scored) {
            boolean flagged = s[1] == 1 || s[0] >= threshold;
            if (flagged && s[2] == 1) {
                f[0]++;
            } else if (flagged) {
                f[1]++;
            } else if (s[2] == 1) {
                f[2]++;
            }
        }
        return f;
    }

    /** The judged lines either fit gets wrong at 0.70, with both probabilities (in-sample lines only). */
    private static void list(List<double[]> a, List<double[]> b, Exemplars judged) {
        List<String> texts = new ArrayList<>(judged.positives());
        texts.addAll(judged.negatives());
        for (int i = 0; i < texts.size(); i++) {
            boolean positive = a.get(i)[2] == 1;
            boolean wa = (a.get(i)[1] == 1 || a.get(i)[0] >= 0.70) != positive;
            boolean wb = (b.get(i)[1] == 1 || b.get(i)[0] >= 0.70) != positive;
            if (wa || wb) {
                System.out.printf(Locale.ROOT, "  %s base %s %.2f  grown %s %.2f  rules %s  %s%n", positive ? "+" : "-",
                        wa ? "WRONG" : "ok   ", a.get(i)[0], wb ? "WRONG" : "ok   ", b.get(i)[0], a.get(i)[1] == 1 ? "flag" : "-   ",
                        texts.get(i));
            }
        }
    }

    private static int size(Exemplars e) {
        return e.positives().size() + e.negatives().size();
    }

    private static Exemplars read(String file) {
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                if (line.startsWith("+ ")) {
                    pos.add(line.substring(2).strip());
                } else if (line.startsWith("- ")) {
                    neg.add(line.substring(2).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exemplars("injection", pos, neg);
    }
}
