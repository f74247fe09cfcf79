package io.happysim.visual.store.internal.journal;

/**
 * A block's n-gram filter ({@code <prefix>_grams}): a 12,544-bit bloom filter of the lower-cased searchable text's
 * 3-grams (8192 bits), 2-grams (4096) and bytes (256). A search term can only occur in a block whose filter has
 * every bit of the term's grams; the search side is {@code SearchTerm#mayContain}.
 */
public final class Grams {
    static final int TRIGRAM_BITS = 8192;
    static final int BIGRAM_BITS = 4096;
    static final int BITS = TRIGRAM_BITS + BIGRAM_BITS + 256;

    private Grams() {
    }

    static long[] empty() {
        return new long[BITS / 64];
    }

    /** The bits of the grams of {@code b} (lower-cased bytes; with {@code foldAscii} upper-case ASCII is folded here). */
    static void add(long[] g, byte[] b, boolean foldAscii) {
        int p2 = 0;
        int p1 = 0;
        for (int i = 0; i < b.length; i++) {
            int x = b[i] & 0xFF;
            if (foldAscii && x >= 'A' && x <= 'Z') {
                x |= 0x20;
            }
            addAt(g, i, p2, p1, x);
            p2 = p1;
            p1 = x;
        }
    }

    /** {@link #add} over an ASCII string (case folded); tells whether it has upper case. */
    static boolean addAscii(long[] g, String s) {
        int p2 = 0;
        int p1 = 0;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            int x = s.charAt(i);
            if (x >= 'A' && x <= 'Z') {
                x |= 0x20;
                upper = true;
            }
            addAt(g, i, p2, p1, x);
            p2 = p1;
            p1 = x;
        }
        return upper;
    }

    private static void addAt(long[] g, int i, int p2, int p1, int x) {
        setBit(g, byteBit(x));
        if (i >= 1) {
            setBit(g, bigramBit(p1, x));
        }
        if (i >= 2) {
            setBit(g, trigramBit(p2, p1, x));
        }
    }

    /** The bits a string's grams set, in the order they are tested. */
    public static int[] bitsOf(byte[] q) {
        int[] bits = new int[q.length * 3];
        int k = 0;
        for (int i = 0; i < q.length; i++) {
            int x = q[i] & 0xFF;
            bits[k++] = byteBit(x);
            if (i >= 1) {
                bits[k++] = bigramBit(q[i - 1] & 0xFF, x);
            }
            if (i >= 2) {
                bits[k++] = trigramBit(q[i - 2] & 0xFF, q[i - 1] & 0xFF, x);
            }
        }
        return java.util.Arrays.copyOf(bits, k);
    }

    private static int byteBit(int x) {
        return TRIGRAM_BITS + BIGRAM_BITS + x;
    }

    private static int trigramBit(int a, int b, int c) {
        return (((a << 16) | (b << 8) | c) * 0x9E3779B1) >>> 19;           // 13 bits
    }

    private static int bigramBit(int a, int b) {
        return TRIGRAM_BITS + ((((a << 8) | b) * 0x85EBCA6B) >>> 20);      // 12 bits
    }

    private static void setBit(long[] g, int bit) {
        g[bit >>> 6] |= 1L << (bit & 63);
    }

    /** Whether a stored filter has the bit. */
    public static boolean hasBit(byte[] g, int bit) {
        return (g[bit >>> 3] & (1 << (bit & 7))) != 0;
    }

    /** The filter as stored: little-endian longs. */
    static byte[] toBytes(long[] g) {
        byte[] out = new byte[g.length * 8];
        for (int i = 0; i < g.length; i++) {
            long v = g[i];
            for (int j = 0; j < 8; j++) {
                out[i * 8 + j] = (byte) (v >>> (8 * j));
            }
        }
        return out;
    }
}
