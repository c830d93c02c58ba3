package dev.aiguardian.guards.context;

import java.util.Arrays;

/**
 * Feature id to weight, summed as features are added and kept in the order they first came: a turn's term counts
 * and vector while they are built, without a boxed key and value per feature (a hash map of them was most of
 * contextguard's allocation). Ids are already well mixed ({@link DriftDetector}), so the id's low bits are its slot.
 */
final class FeatureWeights {
    private int[] ids;
    private double[] weights;
    private int[] slots; // index + 1 into ids/weights, 0 for an empty slot
    private int size;

    /** Room for {@code expected} features without growing; the caller knows a bound for a turn's. */
    FeatureWeights(int expected) {
        int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) << 1);
        ids = new int[Math.max(4, expected)];
        weights = new double[ids.length];
        slots = new int[capacity];
    }

    /** Adds {@code weight} to the feature's sum (a new feature starts at {@code weight}). */
    void add(int id, double weight) {
        int mask = slots.length - 1;
        for (int s = id & mask; ; s = (s + 1) & mask) {
            int at = slots[s];
            if (at == 0) {
                if (size == ids.length) {
                    grow();
                    add(id, weight);
                    return;
                }
                ids[size] = id;
                weights[size] = weight;
                slots[s] = ++size;
                return;
            }
            if (ids[at - 1] == id) {
                weights[at - 1] += weight;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    int id(int i) {
        return ids[i];
    }

    double weight(int i) {
        return weights[i];
    }

    /** The ids in order, as a copy or, when exactly full, the array itself: for the last reader only. */
    int[] ids() {
        return size == ids.length ? ids : Arrays.copyOf(ids, size);
    }

    /** The weights in order, as a copy or, when exactly full, the array itself: for the last reader only. */
    double[] weights() {
        return size == weights.length ? weights : Arrays.copyOf(weights, size);
    }

    private void grow() {
        int[] oldIds = Arrays.copyOf(ids, size);
        double[] oldWeights = Arrays.copyOf(weights, size);
        int n = size;
        ids = new int[ids.length * 2];
        weights = new double[ids.length];
        slots = new int[Math.max(slots.length, Integer.highestOneBit(ids.length * 2 - 1) << 1)];
        size = 0;
        for (int i = 0; i < n; i++) {
            add(oldIds[i], oldWeights[i]);
        }
    }
}
