package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
}
