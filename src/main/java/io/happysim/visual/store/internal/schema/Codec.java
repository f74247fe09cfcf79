package io.happysim.visual.store.internal.schema;

import java.util.Arrays;

/**
 * The byte-level vocabulary of the packed columns (block columns, context entries, sample chunks): unsigned LEB128
 * varints, zigzag, bytes and little-endian bitmaps. The buffer's {@code buf} and {@code len} are open to the block
 * writers, which fill fixed-width runs in place in their hottest loops.
 */
public final class Codec {
    private Codec() {
    }

    /** A growable output buffer. */
    public static final class Out {
        public byte[] buf;
        public int len;
        private int pendingBits;
        private int pendingBitCount;

        public Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        public void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        public void u8(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        public void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        public void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        /** Appends one bit of a bitmap, least significant first; {@link #endBits} writes the last partial byte. */
        public void bit(boolean set) {
            if (set) {
                pendingBits |= 1 << pendingBitCount;
            }
            if (++pendingBitCount == 8) {
                u8(pendingBits);
                pendingBits = 0;
                pendingBitCount = 0;
            }
        }

        public void endBits() {
            if (pendingBitCount > 0) {
                u8(pendingBits);
                pendingBits = 0;
                pendingBitCount = 0;
            }
        }

        public void bytes(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        public byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }

        public void reset() {
            len = 0;
            pendingBits = 0;
            pendingBitCount = 0;
        }
    }

    /** A reader over packed bytes; {@code pos} is open so that a decoder can skip a fixed-width run it reads in place. */
    public static final class In {
        private final byte[] buf;
        public int pos;

        public In(byte[] buf) {
            this.buf = buf;
        }

        public int u8() {
            return buf[pos++] & 0xFF;
        }

        public long varint() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        public long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }
    }
}
