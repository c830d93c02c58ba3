package dev.aiguardian.guards.context;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A session's topic centroid: feature id to weight, immutable, in two arrays with the ids ascending. It is a
 * {@code Map<Integer, Double>} to everything that stores or reads a session (the same JSON object as before), while
 * drift detection reads and builds it by id without boxing: a map of 1,500 boxed entries rebuilt on every turn
 * was most of what contextguard still spent on a 1 KB turn.
 */
final class Centroid extends AbstractMap<Integer, Double> {

    static final Centroid EMPTY = new Centroid(new int[0], new double[0]);

    private final int[] ids;
    private final double[] weights;
    private final double norm;
    private Set<Map.Entry<Integer, Double>> entries;

    private Centroid(int[] ids, double[] weights) {
        this.ids = ids;
        this.weights = weights;
        double s = 0;
        for (double w : weights) {
            s += w * w;
        }
        this.norm = Math.sqrt(s);
    }

    /** {@code map} itself when it is a centroid already, else a copy; null keys and weights are refused. */
    static Centroid of(Map<Integer, Double> map) {
        if (map instanceof Centroid c) {
            return c;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        long[] order = new long[map.size()];
        double[] given = new double[map.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : map.entrySet()) {
            int id = Objects.requireNonNull(e.getKey(), "centroid feature id");
            given[i] = Objects.requireNonNull(e.getValue(), "centroid weight");
            order[i] = (long) id << 32 | i;
            i++;
        }
        return sorted(order, given);
    }

    /** The centroid of {@code weights[k]} for each entry {@code id << 32 | k} of {@code order}, sorted here. */
    private static Centroid sorted(long[] order, double[] weights) {
        Arrays.sort(order);
        int[] ids = new int[order.length];
        double[] w = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            ids[i] = (int) (order[i] >>> 32);
            w[i] = weights[(int) order[i]];
        }
        return new Centroid(ids, w);
    }

    /** The centroid of these arrays, taken over as they are: {@code ids} ascending and distinct. */
    static Centroid ofSorted(int[] ids, double[] weights) {
        return ids.length == 0 ? EMPTY : new Centroid(ids, weights);
    }

    /** The weight of feature {@code id}, or NaN when the centroid does not hold it. */
    double weight(int id) {
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 ? weights[i] : Double.NaN;
    }

    boolean has(int id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    int id(int i) {
        return ids[i];
    }

    double weightAt(int i) {
        return weights[i];
    }

    double norm() {
        return norm;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof Integer id && has(id);
    }

    @Override
    public Double get(Object key) {
        if (!(key instanceof Integer id)) {
            return null;
        }
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 ? weights[i] : null;
    }

    @Override
    public Set<Map.Entry<Integer, Double>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<Integer, Double>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < ids.length;
                        }

                        @Override
                        public Map.Entry<Integer, Double> next() {
                            if (next >= ids.length) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<Integer, Double> e = Map.entry(ids[next], weights[next]);
                            next++;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return ids.length;
                }
            };
        }
        return entries;
    }
}
