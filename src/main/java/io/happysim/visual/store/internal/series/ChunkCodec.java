package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.internal.schema.Codec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** {@code sample_chunks.data}: n, zigzag(first time), n−1 time deltas (varints), n little-endian doubles. */
final class ChunkCodec {
    private ChunkCodec() {
    }

    static byte[] encode(long[] t, double[] v, int n) {
        Codec.Out out = new Codec.Out(n * 10 + 16);
        out.varint(n);
        out.zigzag(t[0]);
        for (int i = 1; i < n; i++) {
            out.varint(t[i] - t[i - 1]);
        }
        out.ensure(n * 8);
        ByteBuffer.wrap(out.buf, out.len, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(v, 0, n);
        out.len += n * 8;
        return out.toArray();
    }

    static Samples decode(byte[] data) {
        if (data == null) {
            return Samples.NONE;
        }
        int n = (int) new Codec.In(data).varint();
        long[] t = new long[n];
        double[] v = new double[n];
        decodeInto(data, t, v);
        return new Samples(t, v, n);
    }

    /** Decodes into arrays of at least the chunk's length (a one-pass read reuses them); answers the samples decoded. */
    static int decodeInto(byte[] data, long[] t, double[] v) {
        int n = decodeTimes(data, t);
        int at = data.length - 8 * n;
        for (int i = 0; i < n; i++) {
            v[i] = (double) DOUBLE_LE.get(data, at + 8 * i);
        }
        return n;
    }

    /** The byte where a packed chunk's first value starts (the values are its last 8·n bytes). */
    static int valuesAt(byte[] data) {
        return data.length - 8 * (int) new Codec.In(data).varint();
    }

    /**
     * Decodes only the times, into an array of at least the chunk's length; answers the samples. The steps are read 8
     * bytes at a time, every step that ends within them taken from the word by shifts (no branch per byte, and one load
     * per word rather than per step: decoding the times is most of what building a count's buckets costs beside the
     * read), a step longer than the rest of the word or of the data byte by byte.
     */
    static int decodeTimes(byte[] data, long[] t) {
        Codec.In in = new Codec.In(data);
        int n = (int) in.varint();
        t[0] = in.zigzag();
        int pos = in.pos;
        long prev = t[0];
        int end = data.length;
        if (n > 2) {
            // a series sampled at a fixed step (a probe) stores one step n−1 times: the same bytes over and over, which a
            // comparison of the steps with themselves one step on finds (vectorised) far faster than decoding them
            int len = 1;
            while (data[pos + len - 1] < 0) {
                len++;
            }
            int steps = end - 8 * n - pos;
            if (steps == (n - 1) * len && Arrays.equals(data, pos, pos + steps - len, data, pos + len, pos + steps)) {
                long d = 0;
                for (int k = 0; k < len; k++) {
                    d |= (long) (data[pos + k] & 0x7F) << (7 * k);
                }
                for (int i = 1; i < n; i++) {
                    prev += d;
                    t[i] = prev;
                }
                return n;
            }
        }
        int i = 1;
        while (i < n) {
            long word;
            long stops;
            if (pos + 8 <= end && (stops = ~(word = (long) LONG_LE.get(data, pos)) & 0x8080_8080_8080_8080L) != 0) {
                int bits = 0;       // of the word taken so far
                do {
                    int len = Long.numberOfTrailingZeros(stops) + 1;       // the step's bits: 8, 16, … 64
                    long x = len == 64 ? word : word & ((1L << len) - 1);
                    prev += groups(x);
                    t[i++] = prev;
                    bits += len;
                    if (len == 64) {
                        break;
                    }
                    word >>>= len;
                    stops >>>= len;
                } while (stops != 0 && i < n);
                pos += bits >>> 3;
            } else {
                long d = 0;
                int shift = 0;
                byte b;
                do {
                    b = data[pos++];
                    d |= (long) (b & 0x7F) << shift;
                    shift += 7;
                } while (b < 0);
                prev += d;
                t[i++] = prev;
            }
        }
        return n;
    }

    /** The value of a varint's bytes (up to 8, the first in the low byte): their 7-bit groups packed pairwise, three times. */
    private static long groups(long x) {
        x = (x & 0x007F_007F_007F_007FL) | ((x >>> 1) & 0x3F80_3F80_3F80_3F80L);
        x = (x & 0x0000_3FFF_0000_3FFFL) | ((x >>> 2) & 0x0FFF_C000_0FFF_C000L);
        return (x & 0x0000_0000_0FFF_FFFFL) | ((x >>> 4) & 0x00FF_FFFF_F000_0000L);
    }

    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The row id of a chunk: series id in the high 32 bits, chunk number in the low ones. */
    static long rowId(int seriesId, long chunkNo) {
        return ((long) seriesId << 32) | chunkNo;
    }
}
