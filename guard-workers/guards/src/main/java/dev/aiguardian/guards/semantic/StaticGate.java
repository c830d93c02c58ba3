package dev.aiguardian.guards.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A learned pre-gate in front of the sentence model, costing microseconds: one score per vocabulary word
 * piece, and a sentence's gate score is the mean of its word pieces' scores plus a bias. A sentence scoring
 * below the threshold is not sent to the model. The per-piece scores are a linear head (trained at build time
 * on the same exemplars as the classifier) applied to a static token table distilled from the model (each
 * piece's own embedding, run alone as {@code [CLS] piece [SEP]}): a linear head over a mean of rows is the
 * mean of the per-row scores, so only one number per piece ships. The threshold is low by design (chosen so
 * that cross-validation keeps at least 99 % of the model's hits): the gate removes the sentences that are
 * clearly benign and leaves every decision to the model. Immutable and thread-safe.
 */
public final class StaticGate {
    // int16 with one scale: 2 bytes per piece (61 KB for BERT's 30,522), error far below any threshold margin.
    private static final double QUANT_STEPS = 32_767;

    private final String name;
    private final short[] pieceScores;
    private final double scale;
    private final double bias;
    private final double threshold;

    private StaticGate(String name, short[] pieceScores, double scale, double bias, double threshold) {
        this.name = name;
        this.pieceScores = pieceScores;
        this.scale = scale;
        this.bias = bias;
        this.threshold = threshold;
    }

    /** A gate from per-piece scores (quantised here, so what is measured is what ships). */
    public static StaticGate of(String name, float[] pieceScores, double bias, double threshold) {
        double max = 0;
        for (float f : pieceScores) {
            max = Math.max(max, Math.abs(f));
        }
        double scale = max == 0 ? 1 : max / QUANT_STEPS;
        short[] q = new short[pieceScores.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = (short) Math.round(pieceScores[i] / scale);
        }
        return new StaticGate(name, q, scale, bias, threshold);
    }

    /** The same gate with another threshold (cross-validation sweeps it). */
    public StaticGate withThreshold(double t) {
        return new StaticGate(name, pieceScores, scale, bias, t);
    }

    public String name() {
        return name;
    }

    public double threshold() {
        return threshold;
    }

    /** How many word pieces the table covers (the model's vocabulary). */
    public int vocabulary() {
        return pieceScores.length;
    }

    /**
     * The gate score of a sentence from the ids the model would read ({@code [CLS] … [SEP]}: the first and
     * last are left out, being the same for every sentence): bias + mean of the pieces' scores. NaN when
     * there is nothing to score (no pieces, or an id outside the table), which {@link #passes} lets through.
     */
    public double score(long[] ids) {
        if (ids == null || ids.length <= 2) {
            return Double.NaN;
        }
        long sum = 0;
        for (int i = 1; i < ids.length - 1; i++) {
            long id = ids[i];
            if (id < 0 || id >= pieceScores.length) {
                return Double.NaN;
            }
            sum += pieceScores[(int) id];
        }
        return bias + scale * sum / (ids.length - 2);
    }

    /**
     * Whether the sentence goes on to the model: its score reaches the threshold, or it cannot be scored
     * (the gate only ever removes work it is sure of; it never decides a hit).
     */
    public boolean passes(long[] ids) {
        double s = score(ids);
        return Double.isNaN(s) || s >= threshold;
    }

    /**
     * The highest threshold at which at least {@code fraction} of {@code mustKeep} (gate scores of the
     * sentences that must reach the model) still pass: the {@code (1 - fraction)} quantile, taken low.
     * Negative infinity (keep everything) when there is nothing to keep.
     */
    public static double highestKeeping(double[] mustKeep, double fraction) {
        if (mustKeep.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] s = mustKeep.clone();
        Arrays.sort(s);
        // At most floor((1 - fraction) * n) may fall below: the threshold is the score just above them.
        int mayLose = (int) Math.floor((1 - fraction) * s.length + 1e-9);
        return s[Math.min(mayLose, s.length - 1)];
    }

    /**
     * The gate as text: a header naming the exemplar file's digest and the model, then bias, threshold and
     * scale (exact: Double.toString round-trips), and the scores (int16, base64).
     */
    public String write(String exemplarDigest, String model) {
        ByteBuffer b = ByteBuffer.allocate(pieceScores.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pieceScores) {
            b.putShort(s);
        }
        return "# " + name + " static gate, generated by StaticGateTool from /semantic/" + name + ".txt; do not edit\n"
                + "digest " + exemplarDigest + '\n'
                + "model " + model + '\n'
                + "bias " + bias + '\n'
                + "threshold " + threshold + '\n'
                + "scale " + scale + '\n'
                + "pieces " + pieceScores.length + ' ' + Base64.getEncoder().encodeToString(b.array()) + '\n';
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalStateException when the file is incomplete or was generated from another exemplar set
     *                               than {@code expectedDigest} (stale: regenerate with StaticGateTool)
     */
    public static StaticGate read(String name, List<String> lines, String expectedDigest) {
        String digest = IntentClassifier.header(lines, "digest");
        if (!expectedDigest.equals(digest)) {
            throw new IllegalStateException(name + ".gate is stale (exemplar digest " + digest + ", expected "
                    + expectedDigest + "): regenerate it with StaticGateTool");
        }
        String pieces = IntentClassifier.header(lines, "pieces");
        String bias = IntentClassifier.header(lines, "bias");
        String threshold = IntentClassifier.header(lines, "threshold");
        String scale = IntentClassifier.header(lines, "scale");
        if (pieces == null || bias == null || threshold == null || scale == null) {
            throw new IllegalStateException(name + ".gate is incomplete");
        }
        int space = pieces.indexOf(' ');
        int n = Integer.parseInt(pieces.substring(0, space));
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(pieces.substring(space + 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != n * 2) {
            throw new IllegalStateException(name + ".gate is incomplete: " + b.remaining() / 2 + " of " + n + " pieces");
        }
        short[] q = new short[n];
        for (int i = 0; i < n; i++) {
            q[i] = b.getShort();
        }
        return new StaticGate(name, q, Double.parseDouble(scale), Double.parseDouble(bias), Double.parseDouble(threshold));
    }
}
