package io.happysim.visual.store.internal.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One selection reused from bucket to bucket — large ones, then small ones, as a backfill meets them — finds exactly the
 * percentile read off the sorted values every time, and leaves the values as they were.
 */
class SelectionTest {
    @Test
    void reusedAcrossSizesItMatchesSorting() {
        Random r = new Random(17);
        Selection s = new Selection();
        double[] ps = {0.5, 0.99, 0.999, 0.25, 0.75, 0.1};
        for (int rep = 0; rep < 3_000; rep++) {
            int n = rep % 500 == 0 ? 70_000 + r.nextInt(1000) : 1 + r.nextInt(rep % 7 == 0 ? 2_000 : 80);
            double[] v = new double[n];
            int kind = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    case 0 -> r.nextGaussian();
                    case 1 -> r.nextInt(5);
                    case 2 -> n - i;                                  // descending
                    default -> new double[] {0.0, -0.0, Double.NaN, -1.0, 2.0}[r.nextInt(5)];
                };
            }
            double[] before = v.clone();
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            double p = ps[r.nextInt(ps.length)];
            double expected = BucketMath.percentileSorted(sorted, n, p);
            double got = s.percentile(v, n, p);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got), "rep " + rep + " n " + n + " p " + p + " kind " + kind);
            assertEquals(Arrays.toString(before), Arrays.toString(v));
        }
    }

    @Test
    void selectPutsTheRankInPlaceWithLargerKeysAfterIt() {
        Random r = new Random(23);
        for (int rep = 0; rep < 2_000; rep++) {
            int n = 1 + r.nextInt(300);
            long[] k = new long[n];
            for (int i = 0; i < n; i++) {
                k[i] = rep % 3 == 0 ? r.nextInt(4) : r.nextLong();
            }
            long[] sorted = k.clone();
            Arrays.sort(sorted);
            int rank = r.nextInt(n);
            Selection.select(k, n, rank);
            assertEquals(sorted[rank], k[rank]);
            for (int i = rank + 1; i < n; i++) {
                assertEquals(true, k[i] >= k[rank], "rep " + rep + " at " + i);
            }
            long[] after = k.clone();
            Arrays.sort(after);
            assertEquals(Arrays.toString(sorted), Arrays.toString(after), "a permutation");
        }
    }
}
