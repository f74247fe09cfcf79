package io.happysim.visual.store.internal.journal;

/** Counting and selecting bits of the little-endian bitmaps in a shaped block's row index. */
final class Bitmaps {
    private Bitmaps() {
    }

    static int popcount(byte[] b, int pos, int len) {
        int c = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            c += Long.bitCount(le64(b, pos + i));
        }
        for (; i < len; i++) {
            c += Integer.bitCount(b[pos + i] & 0xFF);
        }
        return c;
    }

    /** The position of the k-th (0-based) set bit — or clear bit, {@code zeros} — of a bitmap, or -1. */
    static int select(byte[] b, int pos, int len, int k, boolean zeros) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = le64(b, pos + i);
            if (zeros) {
                w = ~w;
            }
            int c = Long.bitCount(w);
            if (k < c) {
                for (int j = 0; j < k; j++) {
                    w &= w - 1;
                }
                return i * 8 + Long.numberOfTrailingZeros(w);
            }
            k -= c;
        }
        for (; i < len; i++) {
            int w = b[pos + i] & 0xFF;
            if (zeros) {
                w = ~w & 0xFF;
            }
            int c = Integer.bitCount(w);
            if (k < c) {
                for (int j = 0; j < k; j++) {
                    w &= w - 1;
                }
                return i * 8 + Integer.numberOfTrailingZeros(w);
            }
            k -= c;
        }
        return -1;
    }

    private static long le64(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48 | (b[p + 7] & 0xFFL) << 56;
    }
}
