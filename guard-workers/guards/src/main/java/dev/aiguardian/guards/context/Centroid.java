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

    /**
     * The centroid after a turn: {@code decay * this + v}, keeping only the {@code max} strongest features, their
     * weights rounded to six decimals (which keeps a stored session compact).
     */
    Centroid next(SparseVector v, double decay, int max) {
        // decay * this + v, merged in id order: the centroid's ids are sorted, the turn's are sorted here. Each
        // feature also keeps its place in the order a map was filled with the centroid's features and then the
        // turn's new ones: ties at the cut are broken in that map's order, as when the cut sorted its entries.
        long[] turn = byId(v);
        int n = ids.length;
        int[] merged = new int[n + turn.length];
        double[] sum = new double[merged.length];
        int[] placed = new int[merged.length];
        int size = 0;
        int a = 0;
        // turn feature by turn feature, the centroid's run of smaller ids copied before it: one hard-to-predict
        // branch per turn feature rather than one per feature of both
        for (long t : turn) {
            int id = (int) (t >>> 32);
            int k = (int) t;
            while (a < n && ids[a] < id) {
                merged[size] = ids[a];
                placed[size] = a;
                sum[size++] = weights[a++] * decay;
            }
            merged[size] = id;
            if (a < n && ids[a] == id) {
                placed[size] = a;
                sum[size++] = weights[a++] * decay + v.weight(k);
            } else {
                placed[size] = n + k;
                sum[size++] = v.weight(k);
            }
        }
        while (a < n) {
            merged[size] = ids[a];
            placed[size] = a;
            sum[size++] = weights[a++] * decay;
        }
        boolean[] keep = size <= max ? null : strongest(sum, size, max, merged, placed, n + turn.length);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (keep == null || keep[i]) {
                double r = Math.round(sum[i] * 1e6) / 1e6;
                if (r > 0) {
                    merged[kept] = merged[i];
                    sum[kept++] = r;
                }
            }
        }
        return ofSorted(Arrays.copyOf(merged, kept), Arrays.copyOf(sum, kept));
    }

    /**
     * The vector's features as {@code id << 32 | index}, ascending (what {@code Arrays.sort} of them gives): placed by
     * the ids' leading bits into as many ranges as there are features, then put in order within each. The ids are
     * hashes, so a range holds one or two and this is linear; sorting them was a tenth of a 1 KB turn. Ids that
     * crowd into few ranges are sorted as before.
     */
    static long[] byId(SparseVector v) {
        int n = v.size();
        long[] out = new long[n];
        if (n < 64) {
            for (int i = 0; i < n; i++) {
                out[i] = (long) v.id(i) << 32 | i;
            }
            Arrays.sort(out);
            return out;
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, v.id(i));
            max = Math.max(max, v.id(i));
        }
        long span = (long) max - min;
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1);
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - bits);
        int[] start = new int[(int) (span >>> shift) + 2];
        for (int i = 0; i < n; i++) {
            start[(int) ((v.id(i) - (long) min) >>> shift) + 1]++;
        }
        for (int r = 1; r < start.length; r++) {
            start[r] += start[r - 1];
        }
        for (int i = 0; i < n; i++) {
            out[start[(int) ((v.id(i) - (long) min) >>> shift)]++] = (long) v.id(i) << 32 | i;
        }
        long moves = 0;
        for (int i = 1; i < n; i++) {
            long key = out[i];
            int j = i - 1;
            while (j >= 0 && out[j] > key) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = key;
            moves += i - 1 - j;
            if (moves > 16L * n) {
                Arrays.sort(out);
                return out;
            }
        }
        return out;
    }

    /**
     * Which of the {@code size > max} weights are the {@code max} strongest, the cut found by selection. Features
     * of the cut's own weight that do not all fit are taken in the iteration order of a {@code HashMap} sized for
     * {@code entries} that received them with {@code merge} in the order {@code placed}: bucket by bucket, the
     * latest arrival first within one. A stable sort of such a map's entries by weight kept exactly these, which
     * is how the centroid was cut before (DriftDetectorTest holds the two equal).
     */
    private static boolean[] strongest(double[] sum, int size, int max, int[] ids, int[] placed, int entries) {
        boolean[] keep = new boolean[size];
        boolean plain = plain(sum, size);
        double cut = plain ? selectPlain(sum, size, size - max) : smallest(Arrays.copyOf(sum, size), size - max);
        int room = max;
        int ties = 0;
        for (int i = 0; i < size; i++) {
            // without NaN or zeros, where the two differ, < and > order as Double.compare at a third of its cost
            int c = plain ? (sum[i] > cut ? 1 : sum[i] < cut ? -1 : 0) : Double.compare(sum[i], cut);
            keep[i] = c > 0;
            room -= c > 0 ? 1 : 0;
            ties += c == 0 ? 1 : 0;
        }
        // Each tie as bucket << 32 | the reverse of its arrival (HashMap.merge puts a new key at the head of its
        // bucket, so the latest comes first): in map order once sorted.
        long[] tied = new long[ties];
        int[] byLateness = new int[entries];
        int buckets = tableSizeFor(entries * 2);
        for (int i = 0, k = 0; i < size; i++) {
            if (plain ? sum[i] == cut : Double.compare(sum[i], cut) == 0) {
                int h = ids[i] ^ (ids[i] >>> 16); // HashMap.hash of an Integer key
                int lateness = entries - 1 - placed[i];
                tied[k++] = (long) (h & (buckets - 1)) << 32 | lateness;
                byLateness[lateness] = i;
            }
        }
        // the first room of them in that order; which come first among those does not matter, so a selection
        long last = room < ties ? selectKey(tied, room - 1) : Long.MAX_VALUE;
        for (long t : tied) {
            if (t <= last) {
                keep[byLateness[(int) t]] = true;
            }
        }
        return keep;
    }

    /**
     * The {@code k}-th smallest of {@code a} (from 0), the value {@code Arrays.sort} would leave at {@code a[k]};
     * {@code a} may be reordered. A quickselect: the cut needs one value, not the order of all 1,500 (sorting them was
     * a quarter of a turn's cost in a full topic). With a NaN or a zero among the weights, where {@code <} and the
     * sort's order differ, and on inputs that defeat the pivots, it sorts as before.
     */
    static double smallest(double[] a, int k) {
        if (!plain(a, a.length)) {
            Arrays.sort(a);
            return a[k];
        }
        return selectPlain(a, a.length, k);
    }

    /**
     * {@link #smallest} of {@code a[0, size)} without NaN or zero, {@code a} left as it is: the weights' bits, made to
     * order as the values do, go through {@link #selectKey} (one quickselect for weights and tie keys alike).
     */
    private static double selectPlain(double[] a, int size, int k) {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ordered(a[i]);
        }
        long key = selectKey(keys, k);
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /** A double's bits as a long that orders as the double does, for values other than NaN and -0.0. */
    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /**
     * The {@code k}-th smallest of {@code a} (from 0), the value {@code Arrays.sort} would leave at {@code a[k]};
     * {@code a} is reordered. A quickselect (median-of-three pivots, sorting the rest once a range is small or the
     * pivots have failed 64 times, so its cost stays linear in practice and bounded by a sort's at worst).
     */
    static long selectKey(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        for (int rounds = 0; hi - lo > 16; rounds++) {
            if (rounds > 64) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            long x = a[lo];
            long y = a[mid];
            long z = a[hi];
            long pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            // a[lo..j] <= pivot <= a[i..hi], and everything between them equals the pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return pivot;
            }
        }
        Arrays.sort(a, lo, hi + 1);
        return a[k];
    }

    /** No NaN and no zero among the first {@code size}: then {@code <} orders them as the sorts do. */
    private static boolean plain(double[] a, int size) {
        for (int i = 0; i < size; i++) {
            if (!(a[i] < 0 || a[i] > 0)) {
                return false;
            }
        }
        return true;
    }

    /** HashMap's table size for an initial capacity: the power of two at or above it. */
    private static int tableSizeFor(int capacity) {
        int n = -1 >>> Integer.numberOfLeadingZeros(capacity - 1);
        return n < 0 ? 1 : n + 1;
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
