package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.internal.schema.Codec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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

    /** Decodes only the times, into an array of at least the chunk's length; answers the samples. */
    static int decodeTimes(byte[] data, long[] t) {
        Codec.In in = new Codec.In(data);
        int n = (int) in.varint();
        t[0] = in.zigzag();
        int pos = in.pos;
        long prev = t[0];
        int end = data.length;
        for (int i = 1; i < n; i++) {
            long d;
            long word;
            long stops;
            if (pos + 8 <= end && (stops = ~(word = (long) LONG_LE.get(data, pos)) & 0x8080_8080_8080_8080L) != 0) {
                // the varint from 8 bytes read at once: its length from the first byte without a continuation bit, its
                // 7-bit groups gathered by shifts (no branch per byte: decoding a chunk's times was a third of a backfill)
                int len = (Long.numberOfTrailingZeros(stops) + 1) >>> 3;
                long x = len == 8 ? word : word & ((1L << (len << 3)) - 1);
                d = (x & 0x7FL) | ((x >>> 1) & 0x3F80L) | ((x >>> 2) & 0x1F_C000L) | ((x >>> 3) & 0xFE0_0000L)
                        | ((x >>> 4) & 0x7_F000_0000L) | ((x >>> 5) & 0x3F8_0000_0000L) | ((x >>> 6) & 0x1_FC00_0000_0000L)
                        | ((x >>> 7) & 0xFE_0000_0000_0000L);
                pos += len;
            } else {
                d = 0;
                int shift = 0;
                byte b;
                do {
                    b = data[pos++];
                    d |= (long) (b & 0x7F) << shift;
                    shift += 7;
                } while (b < 0);
            }
            prev += d;
            t[i] = prev;
        }
        return n;
    }

    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The row id of a chunk: series id in the high 32 bits, chunk number in the low ones. */
    static long rowId(int seriesId, long chunkNo) {
        return ((long) seriesId << 32) | chunkNo;
    }
}
