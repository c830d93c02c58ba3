package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CentroidTest {

    @Test
    void theCutsSelectionIsTheValueASortLeavesThere() {
        Random rnd = new Random(7);
        for (int run = 0; run < 3000; run++) {
            int n = 1 + rnd.nextInt(run < 2000 ? 60 : 3000);
            double[] a = new double[n];
            int kind = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                a[i] = switch (kind) {
                    case 0 -> rnd.nextDouble();
                    case 1 -> Math.round(rnd.nextDouble() * 1e6) / 1e6 * (rnd.nextInt(4) == 0 ? 1 : 1e-3);
                    case 2 -> 1 + rnd.nextInt(3) * 0.25; // mostly ties
                    case 3 -> i; // sorted already
                    default -> new double[] {0.0, -0.0, Double.NaN, -1, 2}[rnd.nextInt(5)] + (rnd.nextBoolean() ? 0 : 1e-9);
                };
            }
            int k = rnd.nextInt(n);
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            assertThat(Double.doubleToRawLongBits(Centroid.smallest(a.clone(), k)))
                    .as("run %d, n %d, k %d", run, n, k).isEqualTo(Double.doubleToRawLongBits(sorted[k]));
        }
    }

    @Test
    void aTurnsFeaturesComeInIdOrderAsASortPutsThem() {
        Random rnd = new Random(11);
        for (int run = 0; run < 2000; run++) {
            int n = rnd.nextInt(run < 1000 ? 300 : 5000);
            Map<Integer, Double> features = new LinkedHashMap<>();
            int kind = rnd.nextInt(5);
            while (features.size() < n) {
                int id = switch (kind) {
                    case 0 -> rnd.nextInt(1 << 22); // hashed feature ids
                    case 1 -> rnd.nextInt(); // any int, negative too
                    case 2 -> rnd.nextInt(n * 2); // dense
                    case 3 -> (rnd.nextInt(1 << 22) & ~0xFF) | rnd.nextInt(3); // crowded
                    // one far outlier, then descending: all in one range, the sort's fallback
                    default -> features.isEmpty() ? 1 << 30 : n - features.size();
                };
                features.put(id, rnd.nextDouble());
            }
            SparseVector v = SparseVector.of(features);
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = (long) v.id(i) << 32 | i;
            }
            Arrays.sort(sorted);
            assertThat(Centroid.byId(v)).as("run %d, n %d", run, n).containsExactly(sorted);
        }
    }

    @Test
    void theTiesSelectionIsTheKeyASortLeavesThere() {
        Random rnd = new Random(13);
        for (int run = 0; run < 2000; run++) {
            int n = 1 + rnd.nextInt(run < 1000 ? 60 : 2000);
            long[] a = rnd.longs(n, 0, run % 2 == 0 ? Long.MAX_VALUE : 4L * n).distinct().toArray();
            int k = rnd.nextInt(a.length);
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            assertThat(Centroid.selectKey(a.clone(), k)).as("run %d, k %d", run, k).isEqualTo(sorted[k]);
        }
    }
}
