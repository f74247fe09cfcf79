package io.happysim.visual.store.internal.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A chunk decodes to exactly the samples encoded, for time steps of every varint length (read 8 bytes at once), and
 * for a fixed step (one step stored n−1 times, found by comparing the steps) or one that changes once anywhere; the
 * times alone decode to the same times, and the values start 8·n bytes before the end.
 */
class ChunkCodecTest {
    @Test
    void fixedStepsAndStepsThatChangeOnceDecodeExactly() {
        Random r = new Random(8);
        for (int rep = 0; rep < 3_000; rep++) {
            int n = rep % 3 == 0 ? SeriesStore.CHUNK_SAMPLES : 1 + r.nextInt(SeriesStore.CHUNK_SAMPLES);
            int bits = r.nextInt(63);
            long step = bits == 0 ? 0 : (r.nextLong() >>> (64 - bits)) & Long.MAX_VALUE;
            int changeAt = rep % 2 == 0 ? -1 : 1 + r.nextInt(Math.max(1, n - 1));     // one step differs, or none
            long[] t = new long[n];
            double[] v = new double[n];
            t[0] = r.nextLong() >> 4;
            for (int i = 1; i < n; i++) {
                long s = i == changeAt ? (rep % 4 == 1 ? step + 1 : step ^ 0x80) & Long.MAX_VALUE : step;
                t[i] = t[i - 1] + s;
                if (t[i] < t[i - 1]) {
                    t[i] = t[i - 1];
                }
            }
            for (int i = 0; i < n; i++) {
                v[i] = r.nextGaussian();
            }
            byte[] data = ChunkCodec.encode(t, v, n);
            long[] times = new long[n];
            assertEquals(n, ChunkCodec.decodeTimes(data, times));
            assertArrayEquals(t, times, "rep " + rep + ", step " + step + ", changed at " + changeAt);
            assertEquals(data.length - 8 * n, ChunkCodec.valuesAt(data));
            Samples s = ChunkCodec.decode(data);
            assertArrayEquals(t, s.t());
            assertArrayEquals(v, s.v());
        }
    }

    @Test
    void everyTimeStepLengthRoundTrips() {
        Random r = new Random(3);
        for (int rep = 0; rep < 2_000; rep++) {
            int n = 1 + r.nextInt(SeriesStore.CHUNK_SAMPLES);
            long[] t = new long[n];
            double[] v = new double[n];
            t[0] = r.nextLong() >> (r.nextInt(64));
            int bits = r.nextInt(63);           // steps of up to this many bits: 1 to 9 varint bytes
            for (int i = 1; i < n; i++) {
                long step = bits == 0 ? 0 : (r.nextLong() >>> (64 - bits)) & Long.MAX_VALUE;
                t[i] = t[i - 1] + (r.nextInt(7) == 0 ? 0 : step);
                if (t[i] < t[i - 1]) {          // kept non-decreasing (as stored samples are)
                    t[i] = t[i - 1];
                }
                v[i] = r.nextInt(9) == 0 ? Double.NaN : r.nextGaussian();
            }
            byte[] data = ChunkCodec.encode(t, v, n);
            Samples s = ChunkCodec.decode(data);
            assertEquals(n, s.n());
            assertArrayEquals(t, s.t(), "rep " + rep + ", steps of " + bits + " bits");
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(s.v()[i]));
            }
        }
    }
}
