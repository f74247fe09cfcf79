package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.internal.schema.Codec;
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
        Codec.In in = new Codec.In(data);
        int n = (int) in.varint();
        long[] t = new long[n];
        double[] v = new double[n];
        t[0] = in.zigzag();
        for (int i = 1; i < n; i++) {
            t[i] = t[i - 1] + in.varint();
        }
        ByteBuffer.wrap(data, in.pos, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return new Samples(t, v, n);
    }

    /** The row id of a chunk: series id in the high 32 bits, chunk number in the low ones. */
    static long rowId(int seriesId, long chunkNo) {
        return ((long) seriesId << 32) | chunkNo;
    }
}
