package io.happysim.visual.store.internal.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A chunk decodes to exactly the samples encoded, for time steps of every varint length (read 8 bytes at once). */
class ChunkCodecTest {
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
