package dev.aiguardian.guards.context;

import java.util.Map;

/**
 * A sparse vector over hashed feature ids, with the few operations drift detection needs: a turn's vector, as
 * parallel arrays of ids and weights. The session's centroid stays a map (it is stored as one); the operations
 * between the two read the centroid by id.
 */
public final class SparseVector {

    public static final SparseVector EMPTY = new SparseVector(new int[0], new double[0]);

    private final int[] ids;
    private final double[] weights;

    private SparseVector(int[] ids, double[] weights) {
        this.ids = ids;
        this.weights = weights;
    }

    /** A vector of the entries of {@code weights}. */
    public static SparseVector of(Map<Integer, Double> weights) {
        int[] ids = new int[weights.size()];
        double[] w = new double[weights.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            ids[i] = e.getKey();
            w[i++] = e.getValue();
        }
        return new SparseVector(ids, w);
    }

    /** The features summed in {@code weights}, scaled to unit length. */
    static SparseVector normalized(FeatureWeights weights) {
        double s = 0;
        for (int i = 0; i < weights.size(); i++) {
            s += weights.weight(i) * weights.weight(i);
        }
        double n = Math.sqrt(s);
        double[] w = weights.weights();
        if (n != 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i] / n;
            }
        }
        return new SparseVector(weights.ids(), w);
    }

    public int size() {
        return ids.length;
    }

    public int id(int i) {
        return ids[i];
    }

    public double weight(int i) {
        return weights[i];
    }

    public boolean blank() {
        return ids.length == 0;
    }

    public double norm() {
        double s = 0;
        for (double w : weights) {
            s += w * w;
        }
        return Math.sqrt(s);
    }

    static double norm(Map<Integer, Double> weights) {
        double s = 0;
        for (double w : weights.values()) {
            s += w * w;
        }
        return Math.sqrt(s);
    }

    public double dot(Map<Integer, Double> other) {
        double s = 0;
        for (int i = 0; i < ids.length; i++) {
            Double o = other.get(ids[i]);
            if (o != null) {
                s += weights[i] * o;
            }
        }
        return s;
    }

    /** Cosine similarity with {@code other}; 0 when either is empty. */
    public double cosine(Map<Integer, Double> other) {
        if (other instanceof Centroid c) {
            return cosine(c);
        }
        double n = norm() * norm(other);
        return n == 0 ? 0 : Math.max(0, Math.min(1, dot(other) / n));
    }

    /** {@link #cosine(Map)} with a session's centroid, read by id. */
    double cosine(Centroid centroid) {
        double n = norm() * centroid.norm();
        if (n == 0) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < ids.length; i++) {
            double o = centroid.weight(ids[i]);
            if (!Double.isNaN(o)) {
                s += weights[i] * o;
            }
        }
        return Math.max(0, Math.min(1, s / n));
    }
}
