package io.happysim.visual.store.internal.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A bucket's percentile picked without sorting is bit for bit the one read off the sorted values (§3.10). */
class BucketMathTest {
    private static final double[] PS = {0.5, 0.99, 0.999, 0.0, 1.0, 0.01, 0.25, 0.9};

    /** The definition: sort (Arrays.sort's order), then interpolate. */
    private static double bySorting(double[] v, int n, double p) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return BucketMath.percentileSorted(s, n, p);
    }

    @Test
    void matchesSortingForEverySizeAndPercentile() {
        Random r = new Random(5);
        for (int n = 1; n <= 700; n += n < 80 ? 1 : 37) {
            for (int rep = 0; rep < 20; rep++) {
                double[] v = new double[n + 3];
                int kind = rep % 5;
                for (int i = 0; i < n; i++) {
                    v[i] = switch (kind) {
                        case 0 -> r.nextGaussian();
                        case 1 -> r.nextInt(4);                                   // many equal values
                        case 2 -> 7.0;                                            // all equal
                        case 3 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                            1.5, -2.5}[r.nextInt(7)];                             // the values the order is about
                        default -> i;                                              // sorted already
                    };
                }
                for (double p : PS) {
                    double expected = bySorting(v, n, p);
                    double got = BucketMath.percentile(Arrays.copyOf(v, v.length), n, p);
                    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got),
                            "n=" + n + " p=" + p + " kind=" + kind + ": " + expected + " vs " + got);
                }
            }
        }
    }

    @Test
    void aggregateUsesIt() {
        double[] v = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        // sorted: 1 1 2 3 3 4 5 5 5 6 9; p99: pos 9.9 -> 6·0.1 + 9·0.9 = 8.7; p50: pos 5 -> 4
        assertEquals(8.7, BucketMath.aggregate(io.happysim.visual.store.Transform.P99, v.clone(), v.length, 1.0), 1e-12);
        assertEquals(4.0, BucketMath.aggregate(io.happysim.visual.store.Transform.P50, v.clone(), v.length, 1.0), 0.0);
    }

    @Test
    void theFirstTimeOfABucketIsWhereTheFormulaChanges() {
        Random r = new Random(9);
        double[] windows = {0.5, 0.5004, 1.0, 0.001, 1e-9, 3.7, 60.0, 0.1, 1e-7};
        for (double w : windows) {
            for (int rep = 0; rep < 2_000; rep++) {
                long t = rep < 1_000 ? r.nextLong(1_000_000_000_000_000_000L) : r.nextLong(10_000_000_000L) - 5_000_000_000L;
                long k = BucketMath.bucketIndex(t, w);
                long first = BucketMath.firstNs(k, w);
                long next = BucketMath.firstNs(k + 1, w);
                assertEquals(k, BucketMath.bucketIndex(first, w), "w=" + w + " t=" + t);
                assertTrue(BucketMath.bucketIndex(first - 1, w) < k, "w=" + w + " t=" + t);
                assertTrue(first <= t && t < next, "w=" + w + " t=" + t + " in [" + first + ", " + next + ")");
                assertTrue(BucketMath.bucketIndex(next, w) > k && BucketMath.bucketIndex(next - 1, w) == k, "w=" + w + " t=" + t);
            }
        }
    }
}
