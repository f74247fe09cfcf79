package io.happysim.visual.store.internal.dictionary;

import io.happysim.visual.store.internal.schema.Codec;

/**
 * A text as its <em>shape</em> plus its <em>digit runs</em>: the shape is the text with every maximal run of ASCII digits
 * replaced by a single {@code 0} (e.g. {@code {"id":"0","created_at":0.0,"request_id":0,"metadata":{}}}); the runs are
 * packed as nibbles, two digits per byte, each run ended by the nibble {@link #NIB_SEP}. Literals between the slots
 * hold no digit, so a {@code 0} in a shape is always a slot and a text is exactly its shape with its runs put back.
 */
public final class DigitRuns {
    /** Longer texts are stored verbatim. */
    public static final int MAX_LEN = 2_048;
    /** Terminates every digit run (before packing: see {@link #pack}). */
    static final byte SEP = ',';
    /** Nibble of a digit run's end in packed digits; 0xF pads the last byte. */
    public static final int NIB_SEP = 0xA;

    private DigitRuns() {
    }

    /** The shape of an ASCII text no longer than {@link #MAX_LEN}, else null (then the text is stored verbatim). */
    public static String shapeOf(String s) {
        int n = s.length();
        if (n > MAX_LEN) {
            return null;
        }
        StringBuilder sb = null;
        boolean inRun = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c >= '0' && c <= '9') {
                if (sb == null) {
                    sb = new StringBuilder(n);
                    sb.append(s, 0, i);
                }
                if (!inRun) {
                    sb.append('0');
                    inRun = true;
                }
            } else {
                inRun = false;
                if (sb != null) {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Appends the digit runs of {@code s}, each followed by {@link #SEP}. */
    public static void digitsOf(String s, Codec.Out out) {
        int n = s.length();
        out.ensure(n + n / 2 + 1);
        byte[] b = out.buf;
        int len = out.len;
        boolean inRun = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b[len++] = (byte) c;
                inRun = true;
            } else if (inRun) {
                b[len++] = SEP;
                inRun = false;
            }
        }
        if (inRun) {
            b[len++] = SEP;
        }
        out.len = len;
    }

    /** Packs digits ('0'..'9') and {@link #SEP} from {@code sym[0, len)} two per byte (high nibble first) into {@code out}. */
    public static void pack(byte[] sym, int len, Codec.Out out) {
        out.ensure((len + 1) / 2);
        byte[] b = out.buf;
        int o = out.len;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            b[o++] = (byte) (nib(sym[i]) << 4 | nib(sym[i + 1]));
        }
        if (i < len) {
            b[o++] = (byte) (nib(sym[i]) << 4 | 0xF);
        }
        out.len = o;
    }

    private static int nib(byte c) {
        return c == SEP ? NIB_SEP : c - '0';
    }

    public static int nibble(byte[] b, int pos) {
        int x = b[pos >>> 1];
        return (pos & 1) == 0 ? (x >>> 4) & 0xF : x & 0xF;
    }

    /** The text of {@code shape} with its slots filled from packed digits starting at nibble {@code pos}. */
    public static String expandPacked(String shape, byte[] packed, int pos) {
        int n = shape.length();
        StringBuilder sb = new StringBuilder(n + 24);
        for (int i = 0; i < n; i++) {
            char c = shape.charAt(i);
            if (c == '0') {
                int d;
                while ((d = nibble(packed, pos++)) < 10) {
                    sb.append((char) ('0' + d));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** How many slots (digit runs) a shape has. */
    static int slots(String shape) {
        int k = 0;
        for (int i = 0; i < shape.length(); i++) {
            if (shape.charAt(i) == '0') {
                k++;
            }
        }
        return k;
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The longest run of digits in {@code s} (the first of equal ones), "" if it has none: the needle a digit search looks for. */
    public static String longestDigitRun(String s) {
        String best = "";
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && isDigit(s.charAt(j))) {
                j++;
            }
            if (j - i > best.length()) {
                best = s.substring(i, j);
            }
            i = Math.max(j, i + 1);
        }
        return best;
    }
}
