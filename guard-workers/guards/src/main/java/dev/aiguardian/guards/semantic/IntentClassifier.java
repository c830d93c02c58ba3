package dev.aiguardian.guards.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A logistic-regression classifier over sentence embeddings, trained at build time from an
 * exemplar set and shipped as a small text file ({@link #write}, {@link #read}), with the positive
 * exemplars' embeddings kept (int8-quantised) to explain each decision by its nearest exemplar. Nearest-exemplar similarity alone
 * generalises poorly (paraphrases of one intent can sit far apart in the embedding space); a linear
 * boundary learned from positives and hard negatives finds the direction that separates the intent
 * from look-alike benign text. The injection head also reads {@link InstructionOwner}'s lexical features of
 * the sentence (whose instructions it names, whom it orders), scaled by {@link #LEXICAL_SCALE} and appended
 * to the embedding: the embedding hardly encodes the owner (docs/guards/semantic.md, round 9). Immutable and
 * thread-safe after construction.
 */
public final class IntentClassifier {
    // Full-batch gradient descent: the set is small, so it converges in a few hundred steps and is
    // deterministic (no shuffling), which keeps start-up reproducible.
    private static final int EPOCHS = 400;
    private static final double LEARNING_RATE = 2.0;
    private static final double L2 = 1e-3;
    /**
     * Scale of the lexical features against the unit-length embedding, chosen by in-sample cross-validation
     * (0.25 against 0.5; InjectionFeatureTool).
     */
    public static final double LEXICAL_SCALE = 0.25;
    // Version 1 files (no "format" line) hold a head over the embedding alone; version 2 may add the lexical
    // features ("features instruction-owner <scale>"). A newer file fails clearly rather than misreading.
    private static final int FORMAT = 2;
    private static final String LEXICAL = "instruction-owner";

    private final String name;
    private final float[] weights;
    private final double bias;
    private final double lexicalScale; // 0: the embedding alone
    private final List<String> positives;
    private final List<float[]> positiveVectors;

    private IntentClassifier(String name, float[] weights, double bias, double lexicalScale, List<String> positives,
            List<float[]> positiveVectors) {
        this.name = name;
        this.weights = weights;
        this.bias = bias;
        this.lexicalScale = lexicalScale;
        this.positives = positives;
        this.positiveVectors = positiveVectors;
    }

    /** Embeds the exemplars and fits the classifier on the embedding alone (the hostility head). */
    public static IntentClassifier train(Exemplars set, Embedder embedder) {
        return train(set, embedder, false);
    }

    /**
     * Embeds the exemplars and fits the classifier; with {@code lexical} (the injection head) on the embedding
     * and the {@link InstructionOwner} features of each exemplar, scaled by {@link #LEXICAL_SCALE}.
     */
    public static IntentClassifier train(Exemplars set, Embedder embedder, boolean lexical) {
        double scale = lexical ? LEXICAL_SCALE : 0;
        List<float[]> posVectors = new ArrayList<>();
        List<float[]> pos = new ArrayList<>();
        for (String s : set.positives()) {
            float[] v = Vectors.normalized(embedder.embed(s));
            posVectors.add(v);
            pos.add(input(v, s, scale));
        }
        List<float[]> neg = new ArrayList<>();
        for (String s : set.negatives()) {
            neg.add(input(Vectors.normalized(embedder.embed(s)), s, scale));
        }
        int dim = pos.get(0).length;
        double[] fit = fit(pos, neg, dim);
        float[] wf = new float[dim];
        for (int i = 0; i < dim; i++) {
            wf[i] = (float) fit[i];
        }
        return new IntentClassifier(set.name(), wf, fit[dim], scale, set.positives(), List.copyOf(posVectors));
    }

    /** The head's input: the embedding, then (scale > 0) the sentence's lexical features times the scale. */
    private static float[] input(float[] v, String sentence, double scale) {
        if (scale == 0) {
            return v;
        }
        float[] f = InstructionOwner.features(sentence);
        float[] x = java.util.Arrays.copyOf(v, v.length + f.length);
        for (int i = 0; i < f.length; i++) {
            x[v.length + i] = (float) (f[i] * scale);
        }
        return x;
    }

    /**
     * Class-balanced L2 logistic regression by full-batch gradient descent: the weights, then the bias as
     * the last element. Also fits the static pre-gate's head ({@link StaticGate}) on its own features.
     */
    public static double[] fit(List<float[]> pos, List<float[]> neg, int dim) {
        return fit(pos, neg, dim, EPOCHS);
    }

    /** {@link #fit(List, List, int)} with another number of descent steps. */
    public static double[] fit(List<float[]> pos, List<float[]> neg, int dim, int epochs) {
        double[] w = new double[dim];
        double b = 0;
        // Class-balanced: each class carries half the loss whatever its size.
        double wPos = 0.5 / pos.size();
        double wNeg = 0.5 / neg.size();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] grad = new double[dim];
            double gb = 0;
            for (int c = 0; c < 2; c++) {
                List<float[]> xs = c == 0 ? pos : neg;
                double y = c == 0 ? 1 : 0;
                double sampleWeight = c == 0 ? wPos : wNeg;
                for (float[] x : xs) {
                    double err = (Vectors.sigmoid(Vectors.dot(w, x) + b) - y) * sampleWeight;
                    for (int i = 0; i < dim; i++) {
                        grad[i] += err * x[i];
                    }
                    gb += err;
                }
            }
            for (int i = 0; i < dim; i++) {
                w[i] -= LEARNING_RATE * (grad[i] + L2 * w[i]);
            }
            b -= LEARNING_RATE * gb;
        }
        double[] out = java.util.Arrays.copyOf(w, dim + 1);
        out[dim] = b;
        return out;
    }

    public String name() {
        return name;
    }

    /**
     * The classifier as text: a header naming the exemplar file's digest and the model, the bias, the
     * weights (float32, base64) and one line per positive exemplar (its embedding as int8, base64).
     */
    public String write(String exemplarDigest, String model) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(name).append(" classifier, generated by TrainClassifiers from /semantic/").append(name)
                .append(".txt; do not edit\n");
        b.append("digest ").append(exemplarDigest).append('\n');
        b.append("model ").append(model).append('\n');
        b.append("format ").append(FORMAT).append('\n');
        if (lexicalScale > 0) {
            b.append("features ").append(LEXICAL).append(' ')
                    .append(String.format(Locale.ROOT, "%s", lexicalScale)).append('\n');
        }
        b.append("bias ").append(String.format(Locale.ROOT, "%.9g", bias)).append('\n');
        ByteBuffer w = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : weights) {
            w.putFloat(f);
        }
        b.append("weights ").append(Base64.getEncoder().encodeToString(w.array())).append('\n');
        for (int i = 0; i < positives.size(); i++) {
            b.append("+ ").append(DenseCentroid.encode(positiveVectors.get(i))).append(' ').append(positives.get(i))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Reads what {@link #write} wrote, this version's files and version 1's (no {@code format} line: the
     * embedding alone).
     *
     * @throws IllegalStateException for a newer format, unknown features, or weights that do not fit them
     */
    public static IntentClassifier read(String name, List<String> lines) {
        String format = header(lines, "format");
        if (format != null && !format.equals("1") && !format.equals(String.valueOf(FORMAT))) {
            throw new IllegalStateException(name + " classifier file has format " + format + "; this build reads 1 to "
                    + FORMAT + ": retrain with -Dtest=TrainClassifiersTest -Dretrain=true");
        }
        double lexicalScale = 0;
        String features = header(lines, "features");
        if (features != null) {
            String[] f = features.split(" ");
            if (f.length != 2 || !f[0].equals(LEXICAL)) {
                throw new IllegalStateException(name + " classifier file names unknown features: " + features);
            }
            lexicalScale = Double.parseDouble(f[1]);
        }
        double bias = Double.NaN;
        float[] weights = null;
        List<String> positives = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("bias ")) {
                bias = Double.parseDouble(line.substring(5).strip());
            } else if (line.startsWith("weights ")) {
                ByteBuffer w = ByteBuffer.wrap(Base64.getDecoder().decode(line.substring(8).strip()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                weights = new float[w.remaining() / 4];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = w.getFloat();
                }
            } else if (line.startsWith("+ ")) {
                int space = line.indexOf(' ', 2);
                vectors.add(Vectors.normalized(DenseCentroid.decode(line.substring(2, space))));
                positives.add(line.substring(space + 1));
            }
        }
        if (weights == null || Double.isNaN(bias) || positives.isEmpty()) {
            throw new IllegalStateException(name + " classifier file is incomplete");
        }
        int expected = vectors.get(0).length + (lexicalScale > 0 ? InstructionOwner.COUNT : 0);
        if (weights.length != expected) {
            throw new IllegalStateException(name + " classifier file has " + weights.length + " weights, its features need "
                    + expected);
        }
        return new IntentClassifier(name, weights, bias, lexicalScale, List.copyOf(positives), List.copyOf(vectors));
    }

    /** The header value {@code key} of a classifier file, or null. */
    public static String header(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return null;
    }

    /** Whether the head reads the sentence's lexical features besides its embedding. */
    public boolean lexical() {
        return lexicalScale > 0;
    }

    /**
     * {@link #probability(float[], String)} for a head over the embedding alone.
     *
     * @throws IllegalStateException when the head also needs the sentence ({@link #lexical()})
     */
    public double probability(float[] v) {
        requireEmbeddingOnly();
        return probability(v, null);
    }

    /** The probability that {@code sentence}, with embedding {@code v}, carries the intent. */
    public double probability(float[] v, String sentence) {
        return Vectors.sigmoid(Vectors.dot(weights, input(v, sentence, lexicalScale)) + bias);
    }

    /**
     * {@link #judge(float[], String)} for a head over the embedding alone.
     *
     * @throws IllegalStateException when the head also needs the sentence ({@link #lexical()})
     */
    public Judgement judge(float[] v) {
        requireEmbeddingOnly();
        return judge(v, null);
    }

    private void requireEmbeddingOnly() {
        if (lexical()) {
            throw new IllegalStateException(name + " classifier reads the sentence's words too: pass the sentence");
        }
    }

    /**
     * The probability and the nearest positive exemplar, the explanation of a hit. The search reads every
     * exemplar (hundreds of dot products), several times the cost of {@link #probability}, so callers that
     * only need the probability should not ask for it.
     */
    public Judgement judge(float[] v, String sentence) {
        double p = probability(v, sentence);
        int best = 0;
        double bestSim = -2;
        for (int i = 0; i < positiveVectors.size(); i++) {
            double s = Vectors.dot(positiveVectors.get(i), v);
            if (s > bestSim) {
                bestSim = s;
                best = i;
            }
        }
        return new Judgement(p, positives.get(best), bestSim);
    }

    /**
     * One decision.
     *
     * @param probability      the classifier's probability of the intent, 0..1
     * @param nearestExemplar  the positive exemplar closest to the sentence, to explain the decision
     * @param exemplarSimilarity cosine similarity to that exemplar
     */
    public record Judgement(double probability, String nearestExemplar, double exemplarSimilarity) {
    }

}
