package dev.aiguardian.guards.context;

import java.util.HashMap;
import java.util.Map;

/** A sparse vector over hashed feature ids, with the few operations drift detection needs. */
public record SparseVector(Map<Integer, Double> weights) {

    public static final SparseVector EMPTY = new SparseVector(Map.of());

    public SparseVector {
        weights = Map.copyOf(weights);
    }

    public boolean blank() {
        return weights.isEmpty();
    }

    public double norm() {
        double s = 0;
        for (double w : weights.values()) {
            s += w * w;
        }
        return Math.sqrt(s);
    }

    public double dot(Map<Integer, Double> other) {
        Map<Integer, Double> small = weights.size() <= other.size() ? weights : other;
        Map<Integer, Double> large = small == weights ? other : weights;
        double s = 0;
        for (Map.Entry<Integer, Double> e : small.entrySet()) {
            Double o = large.get(e.getKey());
            if (o != null) {
                s += e.getValue() * o;
            }
        }
        return s;
    }

    /** Cosine similarity with {@code other}; 0 when either is empty. */
    public double cosine(Map<Integer, Double> other) {
        double n = norm() * new SparseVector(other).norm();
        return n == 0 ? 0 : Math.max(0, Math.min(1, dot(other) / n));
    }

    public SparseVector normalized() {
        double n = norm();
        if (n == 0) {
            return this;
        }
        Map<Integer, Double> out = new HashMap<>(weights.size() * 2);
        weights.forEach((k, v) -> out.put(k, v / n));
        return new SparseVector(out);
    }

    /** {@code a * this + b * other}, other unscaled by norm. */
    public static Map<Integer, Double> combine(Map<Integer, Double> a, double wa, Map<Integer, Double> b, double wb) {
        Map<Integer, Double> out = new HashMap<>((a.size() + b.size()) * 2);
        a.forEach((k, v) -> out.merge(k, v * wa, Double::sum));
        b.forEach((k, v) -> out.merge(k, v * wb, Double::sum));
        return out;
    }
}
