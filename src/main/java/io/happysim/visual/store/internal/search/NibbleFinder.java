package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.dictionary.DigitRuns;
import io.happysim.visual.store.internal.journal.ShapedTexts;

/**
 * Finds a digit string in packed digits (two per byte): occurrences starting at an even nibble are found by
 * searching for its digit pairs as bytes, those at an odd nibble for its pairs shifted by one, each then checked
 * at its ends; strings of one or two digits are looked for nibble by nibble. Immutable.
 */
final class NibbleFinder {
    private final byte[] d;
    private final String even;
    private final String odd;
    /** For one or two digits, per byte: 1 = they start at its high nibble, 2 = the first one is its low nibble. */
    private final byte[] table;

    NibbleFinder(String digits) {
        int l = digits.length();
        d = new byte[l];
        for (int i = 0; i < l; i++) {
            d[i] = (byte) (digits.charAt(i) - '0');
        }
        char[] e = new char[l / 2];
        for (int j = 0; j < e.length; j++) {
            e[j] = (char) (d[2 * j] << 4 | d[2 * j + 1]);
        }
        char[] o = new char[(l - 1) / 2];
        for (int j = 0; j < o.length; j++) {
            o[j] = (char) (d[1 + 2 * j] << 4 | d[2 + 2 * j]);
        }
        even = new String(e);
        odd = new String(o);
        table = new byte[256];
        for (int x = 0; x < 256; x++) {
            int hi = x >>> 4;
            int lo = x & 0xF;
            boolean atHigh = l == 1 ? hi == d[0] : l == 2 && hi == d[0] && lo == d[1];
            boolean atLow = l >= 1 && lo == d[0];
            table[x] = (byte) ((atHigh ? 1 : 0) | (atLow ? 2 : 0));
        }
    }

    /** The first nibble position >= from where the digits occur (before the block's nibbles end), or -1. */
    int next(ShapedTexts tx, int from) {
        if (d.length <= 2) {
            return nextShort(tx.data(), from, tx.nibbles());
        }
        int e = nextEven(tx, from);
        int o = nextOdd(tx, from);
        return e < 0 ? o : o < 0 ? e : Math.min(e, o);
    }

    /** One or two digits: byte by byte, with a table of the bytes that hold (or start) them. */
    private int nextShort(byte[] b, int from, int nib) {
        int l = d.length;
        if (from >= nib) {
            return -1;
        }
        int i = from >>> 1;
        if ((from & 1) == 1) {
            // only the low nibble of the first byte
            if ((b[i] & 0xF) == d[0] && (l == 1 || from + 1 < nib && ((b[i + 1] >>> 4) & 0xF) == d[1])) {
                return from;
            }
            i++;
        }
        int end = (nib + 1) >>> 1;
        byte[] tab = table;
        for (; i < end; i++) {
            int x = b[i] & 0xFF;
            int t = tab[x];
            if (t == 0) {
                continue;
            }
            int p = 2 * i;
            if ((t & 1) != 0 && p + l <= nib) {
                return p;                           // at the high nibble (for two digits: the whole byte)
            }
            if ((t & 2) != 0 && p + 1 + l <= nib && (l == 1 || ((b[i + 1] >>> 4) & 0xF) == d[1])) {
                return p + 1;                       // at the low nibble (and the next byte's high one)
            }
        }
        return -1;
    }

    private int nextEven(ShapedTexts tx, int from) {
        String hay = tx.hay();
        byte[] b = tx.data();
        int nibbles = tx.nibbles();
        int l = d.length;
        int i = (from + 1) / 2;
        while (true) {
            int k = hay.indexOf(even, i);
            if (k < 0) {
                return -1;
            }
            int p = 2 * k;
            if (p + l > nibbles) {
                return -1;
            }
            if ((l & 1) == 0 || DigitRuns.nibble(b, p + l - 1) == d[l - 1]) {
                return p;
            }
            i = k + 1;
        }
    }

    private int nextOdd(ShapedTexts tx, int from) {
        String hay = tx.hay();
        byte[] b = tx.data();
        int nibbles = tx.nibbles();
        int l = d.length;
        int i = Math.max(1, from / 2 + 1);     // the first full pair byte of an occurrence at nibble 2(i-1)+1 >= from
        while (true) {
            int k = hay.indexOf(odd, i);
            if (k < 0) {
                return -1;
            }
            int p = 2 * k - 1;
            if (p + l > nibbles) {
                return -1;
            }
            if ((b[k - 1] & 0xF) == d[0] && ((l & 1) == 1 || DigitRuns.nibble(b, p + l - 1) == d[l - 1])) {
                return p;
            }
            i = k + 1;
        }
    }
}
