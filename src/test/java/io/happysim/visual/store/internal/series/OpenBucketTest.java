package io.happysim.visual.store.internal.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.visual.store.Transform;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An open bucket fed in pieces — from arrays and straight from packed chunks, in any split — closes with bit for bit
 * {@link BucketMath#aggregate} of all its values at once (the sum in sample order, the first maximum, NaN and −0.0 as
 * they come), and a copy continues where the original stood.
 */
class OpenBucketTest {
    private static double[] values(Random r, int n, int kind) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case 0 -> r.nextGaussian() * 1e3;
                case 1 -> r.nextInt(3);
                case 2 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5, -2.5}[r.nextInt(7)];
                default -> 1e16 + r.nextInt(5) - i * 0.1;     // sums whose order matters
            };
        }
        return v;
    }

    @Test
    void piecesFromArraysAndPackedChunksCloseAsTheWholeBucket() {
        Random r = new Random(11);
        for (Transform tr : Transform.values()) {
            OpenBucket open = new OpenBucket(tr, 0.7);
            for (int rep = 0; rep < 400; rep++) {
                int n = 1 + r.nextInt(rep % 10 == 0 ? 3000 : 120);
                double[] v = values(r, n, rep % 4);
                double expected = BucketMath.aggregate(tr, v.clone(), n, 0.7);
                int i = 0;
                while (i < n) {
                    int j = Math.min(n, i + 1 + r.nextInt(SeriesStore.CHUNK_SAMPLES - 8));
                    if (r.nextBoolean()) {
                        open.add(v, i, j);
                    } else {
                        // the same values as a stored chunk holds them, with samples before and after the run
                        int before = r.nextInt(5);
                        int m = Math.min(SeriesStore.CHUNK_SAMPLES, before + (j - i) + r.nextInt(5));
                        long[] t = new long[m];
                        double[] cv = new double[m];
                        for (int k = 0; k < m; k++) {
                            t[k] = k * 10L;
                            cv[k] = k >= before && k - before < j - i ? v[i + k - before] : r.nextGaussian();
                        }
                        byte[] data = ChunkCodec.encode(t, cv, m);
                        open.addPacked(data, ChunkCodec.valuesAt(data), before, before + (j - i));
                    }
                    i = j;
                }
                assertEquals(n, open.count());
                if (rep % 3 == 0) {
                    OpenBucket copy = new OpenBucket(tr, 0.7);
                    copy.copyOf(open);
                    open.clear();
                    open = copy;
                }
                double got = open.close();
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got), tr + " rep " + rep + " n " + n
                        + ": " + expected + " vs " + got + " " + Arrays.toString(Arrays.copyOf(v, Math.min(n, 8))));
                assertEquals(0, open.count());
            }
        }
    }
}
