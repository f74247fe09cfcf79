package io.happysim.visual.store;

import java.util.Arrays;

/** Growable byte buffer and reader for the packed block formats (unsigned LEB128 varints, zigzag, little-endian doubles). */
final class Codec {
    private Codec() {
    }

    static final class Out {
        byte[] buf;
        int len;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void u8(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void f64(double d) {
            ensure(8);
            long v = Double.doubleToRawLongBits(d);
            for (int i = 0; i < 8; i++) {
                buf[len++] = (byte) (v >>> (8 * i));
            }
        }

        private int pendingBits;
        private int pendingBitCount;

        /** Appends one bit of a bitmap, least significant first; {@link #endBits} writes the last partial byte. */
        void bit(boolean set) {
            if (set) {
                pendingBits |= 1 << pendingBitCount;
            }
            if (++pendingBitCount == 8) {
                u8(pendingBits);
                pendingBits = 0;
                pendingBitCount = 0;
            }
        }

        void endBits() {
            if (pendingBitCount > 0) {
                u8(pendingBits);
                pendingBits = 0;
                pendingBitCount = 0;
            }
        }

        void bytes(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }

        void reset() {
            len = 0;
            pendingBits = 0;
            pendingBitCount = 0;
        }
    }

    static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int u8() {
            return buf[pos++] & 0xFF;
        }

        long varint() {
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

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        double f64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (buf[pos++] & 0xFF) << (8 * i);
            }
            return Double.longBitsToDouble(v);
        }
    }
}
