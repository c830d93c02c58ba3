package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.semantic.CachedEmbedder;
import dev.aiguardian.guards.semantic.Exemplars;
import dev.aiguardian.guards.semantic.IntentClassifier;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.semantic.StaticGate;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * Builds the static pre-gates ({@code /semantic/*.gate}, see {@link StaticGate}) and chooses their thresholds
 * on the in-sample exemplar sets only (held-out sets play no part). Steps: (1) the static token table, each
 * vocabulary word piece run alone through the model as {@code [CLS] piece [SEP]} (~30k short runs, cached in
 * {@code target/static-token-table.bin}); (2) per classifier, 5-fold cross-validation on the same folds as
 * TrainClassifiersTest: each fold's model classifier judges its held-back lines sentence by sentence as the
 * layer does (cue gate, mention discount), each fold's gate head (logistic regression on the mean of the
 * lines' table rows) scores the same sentences, and the gate threshold is the highest at which the held-back
 * sentences the model calls hits, and the held-back positive lines (by their best sentence), are both kept at
 * {@value #KEEP}; (3) the gate trained on the whole set with that threshold, written next to the classifier.
 * Prints the figures docs/guards/semantic.md quotes. Run with {@code mvn -B -ntp -q -o -pl
 * guard-workers/semantic -am test -Dtest=StaticGateTool -Dretrain=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * StaticGateTest (guards module) fails the build when a bundled gate no longer matches its exemplar set.
 */
class StaticGateTool {
    private static final double KEEP = 0.99;
    private static final int EPOCHS = Integer.getInteger("gate.epochs", 3000);
    private static final Path RESOURCES = Path.of("../guards/src/main/resources/semantic");
    private static final Path TABLE = Path.of("target/static-token-table.bin");
    private static final SemanticSettings SETTINGS = new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1, false);

    @Test
    @Tag("tool") // run with -Dretrain=true (see the pom): a tool, not a check
    void buildGates() throws IOException {
        MiniLmEmbedder raw = new MiniLmEmbedder();
        CachedEmbedder model = new CachedEmbedder(raw, 20_000);
        float[][] table = table(raw);
        List<String> ordinary = ordinaryTurns();
        for (String name : TrainClassifiersTest.NAMES) {
            String resource = "/semantic/" + name + ".txt";
            Exemplars all = Exemplars.bundled(name, resource);
            double modelThreshold = name.equals("injection") ? SemanticLayer.INJECTION_THRESHOLD
                    : SemanticLayer.HOSTILITY_THRESHOLD;
            if (!Boolean.getBoolean("gate.quick")) {
                report(name + " (mean of rows, exemplars only)", crossValidate(all, ordinary, false, model, table, false,
                        EPOCHS), modelThreshold);
                report(name + " (unit-length mean, needs the whole table, exemplars only)",
                        crossValidate(all, ordinary, false, model, table, true, EPOCHS), modelThreshold);
                report(name + " (unit-length mean, needs the whole table, exemplars + ordinary turns)",
                        crossValidate(all, ordinary, true, model, table, true, EPOCHS), modelThreshold);
            }
            double gateThreshold = report(name + " (shipped: mean of rows, exemplars + ordinary turns as negatives)",
                    crossValidate(all, ordinary, true, model, table, false, EPOCHS), modelThreshold);
            StaticGate gate = train(all, ordinary, model, table, false, EPOCHS).gate(name, table, gateThreshold);
            Files.writeString(RESOURCES.resolve(name + ".gate"), gate.write(Exemplars.digest(resource), raw.name()),
                    StandardCharsets.UTF_8);
            harness(name, gate, model, all);
        }
    }

    /** One held-back cue sentence: its line's label, the fold model's probability, the fold gate's score. */
    private record Row(int line, boolean positive, boolean ordinary, double probability, double gateScore) {
    }

    /** A gate head: weights over the table's dimensions and a bias. */
    private record Head(double[] w, double bias) {
        double score(float[] x) {
            return Vectors.dot(w, x) + bias;
        }

        /** The per-piece scores (the head times each row), as the shipped gate holds them. */
        StaticGate gate(String name, float[][] table, double threshold) {
            float[] s = new float[table.length];
            for (int t = 0; t < table.length; t++) {
                s[t] = (float) Vectors.dot(w, table[t]);
            }
            return StaticGate.of(name, s, bias, threshold);
        }
    }

    /**
     * @param ordinary      the ordinary turns, always scored held-back (so every variant has an ordinary-text figure)
     * @param trainOrdinary whether the gate head also learns from them, as extra negatives
     */
    private static List<Row> crossValidate(Exemplars all, List<String> ordinary, boolean trainOrdinary,
            CachedEmbedder model, float[][] table, boolean unit, int epochs) {
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (int fold = 0; fold < 5; fold++) {
            Exemplars train = all.fold(fold, 5, false);
            Exemplars held = all.fold(fold, 5, true);
            IntentClassifier c = IntentClassifier.train(train, model);
            SemanticLayer layer = SemanticLayer.of(model, SETTINGS, c, c);
            Head head = train(train, trainOrdinary ? every(ordinary, fold, false) : List.of(), model, table, unit, epochs);
            // The shipped form scores through StaticGate (quantised per-piece scores); the unit variant directly.
            StaticGate gate = unit ? null : head.gate(all.name(), table, 0);
            for (boolean positive : new boolean[] {true, false}) {
                for (String text : positive ? held.positives() : held.negatives()) {
                    for (SemanticLayer.Judged j : layer.judgeAll(text, all.name())) {
                        double g = unit ? head.score(pool(table, j.wordPieceIds(), true)) : gate.score(j.wordPieceIds());
                        rows.add(new Row(line, positive, false, j.probability(), g));
                    }
                    line++;
                }
            }
            for (String text : every(ordinary, fold, true)) {
                for (SemanticLayer.Judged j : layer.judgeAll(text, all.name())) {
                    double g = unit ? head.score(pool(table, j.wordPieceIds(), true)) : gate.score(j.wordPieceIds());
                    rows.add(new Row(line, false, true, j.probability(), g));
                }
                line++;
            }
        }
        return rows;
    }

    /** The same split of the ordinary turns as Exemplars.fold: every fifth line from {@code fold} on. */
    private static List<String> every(List<String> lines, int fold, boolean held) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if ((i % 5 == fold) == held) {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    /**
     * Ordinary conversation from the in-sample drift sets (user and assistant turns about hobbies, homes and
     * errands): benign text unlike the exemplars' hard negatives, which the gate should learn to let pass by.
     */
    static List<String> ordinaryTurns() throws IOException {
        List<String> out = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String set : List.of("drift-corpus", "drift-tuning2", "drift-tuning3", "drift-tuning4")) {
            try (var in = StaticGateTool.class.getResourceAsStream("/context/" + set + ".json")) {
                assertThat(in).as(set).isNotNull();
                for (var session : json.readTree(in).path("sessions")) {
                    for (String part : List.of("turns", "on", "off")) {
                        for (var turn : session.path(part)) {
                            String t = turn.asText();
                            out.add(t.startsWith("A: ") ? t.substring(3) : t);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Head train(Exemplars set, List<String> ordinary, CachedEmbedder model, float[][] table, boolean unit,
            int epochs) {
        List<float[]> pos = new ArrayList<>();
        for (String s : set.positives()) {
            pos.add(pool(table, model.wordPieceIds(s), unit));
        }
        List<float[]> neg = new ArrayList<>();
        for (String s : set.negatives()) {
            neg.add(pool(table, model.wordPieceIds(s), unit));
        }
        for (String s : ordinary) {
            neg.add(pool(table, model.wordPieceIds(s), unit));
        }
        int dim = table[0].length;
        // The pooled rows share a large common direction (every piece's vector does): centred and scaled to unit
        // mean square, descent reaches the directions that separate the classes; the head is mapped back after.
        double[] mu = new double[dim];
        List<float[]> every = new ArrayList<>(pos);
        every.addAll(neg);
        for (float[] x : every) {
            for (int d = 0; d < dim; d++) {
                mu[d] += x[d] / every.size();
            }
        }
        double ms = 0;
        for (float[] x : every) {
            for (int d = 0; d < dim; d++) {
                ms += (x[d] - mu[d]) * (x[d] - mu[d]) / every.size();
            }
        }
        double c = Math.sqrt(ms);
        double[] fit = IntentClassifier.fit(scaled(pos, mu, c), scaled(neg, mu, c), dim, epochs);
        double[] w = new double[dim];
        double bias = fit[dim];
        for (int d = 0; d < dim; d++) {
            w[d] = fit[d] / c;
            bias -= w[d] * mu[d];
        }
        return new Head(w, bias);
    }

    private static List<float[]> scaled(List<float[]> xs, double[] mu, double c) {
        List<float[]> out = new ArrayList<>();
        for (float[] x : xs) {
            float[] y = new float[x.length];
            for (int d = 0; d < x.length; d++) {
                y[d] = (float) ((x[d] - mu[d]) / c);
            }
            out.add(y);
        }
        return out;
    }

    /** The mean of the rows of a sentence's word pieces ([CLS] and [SEP] left out), unit length if asked. */
    static float[] pool(float[][] table, long[] ids, boolean unit) {
        float[] m = new float[table[0].length];
        int n = Math.max(1, ids.length - 2);
        for (int i = 1; i < ids.length - 1; i++) {
            float[] row = table[(int) ids[i]];
            for (int d = 0; d < m.length; d++) {
                m[d] += row[d] / n;
            }
        }
        return unit ? dev.aiguardian.guards.semantic.Vectors.normalized(m) : m;
    }

    /** Prints the cross-validated figures at the chosen gate threshold and returns it. */
    private static double report(String title, List<Row> rows, double modelThreshold) {
        List<Double> hits = new ArrayList<>();
        java.util.Map<Integer, Double> bestOfPositive = new java.util.HashMap<>();
        for (Row r : rows) {
            if (r.probability() >= modelThreshold) {
                hits.add(r.gateScore());
            }
            if (r.positive()) {
                bestOfPositive.merge(r.line(), r.gateScore(), Math::max);
            }
        }
        double[] h = hits.stream().mapToDouble(Double::doubleValue).toArray();
        double[] p = bestOfPositive.values().stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "%n== %s: %d held-back cue sentences, %d model hits, %d positive lines with a cue%n",
                title, rows.size(), h.length, p.length);
        double chosen = Math.min(StaticGate.highestKeeping(h, KEEP), StaticGate.highestKeeping(p, KEEP));
        for (double keep : new double[] {0.95, 0.98, KEEP, 1.0}) {
            double t = Math.min(StaticGate.highestKeeping(h, keep), StaticGate.highestKeeping(p, keep));
            line(keep == KEEP ? "chosen" : "compare", keep, t, rows, modelThreshold);
        }
        return chosen;
    }

    private static void line(String label, double keep, double t, List<Row> rows, double modelThreshold) {
        int hits = 0;
        int hitsKept = 0;
        int negSentences = 0;
        int negGated = 0;
        int all = 0;
        int allGated = 0;
        int ordinary = 0;
        int ordinaryGated = 0;
        java.util.Map<Integer, int[]> lines = new java.util.HashMap<>(); // line -> {positive, flagged, flaggedGated, cue, gated}
        for (Row r : rows) {
            boolean pass = Double.isNaN(r.gateScore()) || r.gateScore() >= t;
            boolean hit = r.probability() >= modelThreshold;
            if (r.ordinary()) {
                ordinary++;
                ordinaryGated += pass ? 0 : 1;
                hits += hit ? 1 : 0;
                hitsKept += hit && pass ? 1 : 0;
                continue;
            }
            int[] l = lines.computeIfAbsent(r.line(), k -> new int[5]);
            l[0] = r.positive() ? 1 : 0;
            l[1] |= hit ? 1 : 0;
            l[2] |= hit && pass ? 1 : 0;
            l[3]++;
            l[4] += pass ? 0 : 1;
            all++;
            allGated += pass ? 0 : 1;
            if (hit) {
                hits++;
                hitsKept += pass ? 1 : 0;
            }
            if (!r.positive()) {
                negSentences++;
                negGated += pass ? 0 : 1;
            }
        }
        int[] noGate = new int[3]; // tp fp fn over lines with a cue sentence
        int[] gated = new int[3];
        int posLines = 0;
        int posKept = 0;
        int negLines = 0;
        int negLinesGated = 0;
        for (int[] l : lines.values()) {
            count(noGate, l[0] == 1, l[1] == 1);
            count(gated, l[0] == 1, l[2] == 1);
            if (l[0] == 1) {
                posLines++;
                posKept += l[4] < l[3] ? 1 : 0;
            } else {
                negLines++;
                negLinesGated += l[4] == l[3] ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "%-7s keep %.2f: gate threshold %.4f | model hits kept %d/%d, positive lines kept %d/%d"
                + " | gated: %.1f %% of negative sentences (%d/%d), %.1f %% of negative lines (%d/%d), %.1f %% of all cue "
                + "sentences, %.1f %% of ordinary turns' cue sentences (%d/%d) | model path P/R without gate %.3f/%.3f (tp %d fp %d fn %d), with %.3f/%.3f (tp %d fp %d fn %d)%n",
                label, keep, t, hitsKept, hits, posKept, posLines, 100.0 * negGated / negSentences, negGated, negSentences,
                100.0 * negLinesGated / negLines, negLinesGated, negLines, 100.0 * allGated / all,
                100.0 * ordinaryGated / Math.max(1, ordinary), ordinaryGated, ordinary, pr(noGate)[0], pr(noGate)[1],
                noGate[0], noGate[1], noGate[2], pr(gated)[0], pr(gated)[1], gated[0], gated[1], gated[2]);
    }

    private static void count(int[] c, boolean positive, boolean flagged) {
        if (flagged && positive) {
            c[0]++;
        } else if (flagged) {
            c[1]++;
        } else if (positive) {
            c[2]++;
        }
    }

    private static double[] pr(int[] c) {
        return new double[] {c[0] / (double) Math.max(1, c[0] + c[1]), c[0] / (double) Math.max(1, c[0] + c[2])};
    }

    /** The latency harness's text: how many of its cue sentences the shipped gate keeps from the model. */
    private static void harness(String name, StaticGate gate, CachedEmbedder model, Exemplars all) {
        IntentClassifier c = IntentClassifier.train(all, model);
        SemanticLayer layer = SemanticLayer.of(model, SETTINGS, c, c);
        int cue = 0;
        int gated = 0;
        for (SemanticLayer.Judged j : layer.judgeAll(SemanticLatencyTest.TEXT, name)) {
            cue++;
            boolean pass = gate.passes(j.wordPieceIds());
            gated += pass ? 0 : 1;
            System.out.printf(Locale.ROOT, "  harness %s: %s gate %.3f p %.3f  %s%n", name, pass ? "model" : "GATED",
                    gate.score(j.wordPieceIds()), j.probability(), j.chunk().text());
        }
        System.out.printf(Locale.ROOT, "harness text, %s: %d cue sentences, %d gated, threshold %.4f%n", name, cue, gated,
                gate.threshold());
    }

    /** Each word piece's own embedding, {@code [CLS] piece [SEP]} run alone; cached in target/ (47 MB). */
    private static float[][] table(MiniLmEmbedder model) throws IOException {
        int v = model.vocabularySize();
        long[] frame = model.wordPieceIds("");
        if (Files.exists(TABLE)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(TABLE)))) {
                int n = in.readInt();
                int dim = in.readInt();
                if (n == v && dim == model.dimension()) {
                    float[][] t = new float[n][dim];
                    for (float[] row : t) {
                        for (int d = 0; d < dim; d++) {
                            row[d] = in.readFloat();
                        }
                    }
                    return t;
                }
            }
        }
        long t0 = System.nanoTime();
        float[][] t = new float[v][];
        for (int id = 0; id < v; id++) {
            t[id] = model.embedIds(new long[][] {{frame[0], id, frame[1]}}).get(0);
        }
        System.out.printf(Locale.ROOT, "static token table: %d pieces x %d in %.1f s%n", v, model.dimension(),
                (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(TABLE.getParent());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(TABLE)))) {
            out.writeInt(v);
            out.writeInt(model.dimension());
            for (float[] row : t) {
                for (float f : row) {
                    out.writeFloat(f);
                }
            }
        }
        return t;
    }
}
