package io.happysim.visual.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dictionary of text <em>shapes</em> (event contexts): a text with every maximal run of ASCII digits replaced by a
 * single {@code 0}, e.g. {@code {"id":"0","created_at":0.0,"request_id":0,"metadata":{}}}. Literals between the slots
 * hold no digit, so a {@code 0} in a shape is always a slot and a text is exactly its shape plus its digit runs.
 *
 * <p>Shape ids: 0 = no text, 1 = {@link #RAW} (stored verbatim: not pure ASCII, longer than {@link #MAX_LEN}, or the
 * dictionary is full), 2… = entries. The shape is part of an event's kind, so a search term without a digit is
 * resolved once per shape (a term that has no digit can only lie inside one literal) and then counted from the
 * per-block kind counts, like a type filter; only terms with digits look at the digit runs.
 *
 * <p>Same staging/publication discipline as {@link Names}: the writer stages, commits or rolls back; readers use the
 * published arrays and never read past the count they were given.
 */
final class Shapes {
    static final int NONE = 0;
    static final int RAW = 1;
    static final int MAX_SHAPES = 4_096;
    /** The dictionary size in force (tests lower it to fill the dictionary). */
    static volatile int maxShapes = MAX_SHAPES;
    static final int MAX_LEN = 2_048;
    static final long MAX_CHARS = 1L << 20;
    /** Terminates every digit run (before packing: see {@link #pack}). */
    static final byte SEP = ',';

    private String[] byId = new String[64];
    private String[] lowerById = new String[64];
    private int[] slotsById = new int[64];
    private int size = 2;
    private int committed = 2;
    private long chars;
    private long committedChars;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> staged = new ArrayList<>();

    /** The shape of an ASCII text no longer than {@link #MAX_LEN}, else null (then the text is stored verbatim). */
    static String shapeOf(String s) {
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
    static void digitsOf(String s, Codec.Out out) {
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

    /** Nibble of a digit run's end in packed digits; 0xF pads the last byte. */
    static final int NIB_SEP = 0xA;

    /** Packs digits ('0'..'9') and {@link #SEP} from {@code sym[0, len)} two per byte (high nibble first) into {@code out}. */
    static void pack(byte[] sym, int len, Codec.Out out) {
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

    static int nibble(byte[] b, int pos) {
        int x = b[pos >>> 1];
        return (pos & 1) == 0 ? (x >>> 4) & 0xF : x & 0xF;
    }

    /** The text of {@code shape} with its slots filled from packed digits starting at nibble {@code pos}. */
    static String expandPacked(String shape, byte[] packed, int pos) {
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

    static int slots(String shape) {
        int k = 0;
        for (int i = 0; i < shape.length(); i++) {
            if (shape.charAt(i) == '0') {
                k++;
            }
        }
        return k;
    }

    /** Writer: the shape id of a text (0 for null), adding the shape (staged) when new and there is room. */
    int idFor(String text) {
        if (text == null) {
            return NONE;
        }
        String shape = shapeOf(text);
        if (shape == null) {
            return RAW;
        }
        Integer id = ids.get(shape);
        if (id != null) {
            return id;
        }
        if (size >= maxShapes || chars + shape.length() > MAX_CHARS) {
            return RAW;
        }
        if (size == byId.length) {
            byId = Arrays.copyOf(byId, size * 2);
            lowerById = Arrays.copyOf(lowerById, size * 2);
            slotsById = Arrays.copyOf(slotsById, size * 2);
        }
        int nid = size++;
        byId[nid] = shape;
        lowerById[nid] = shape.toLowerCase(Locale.ROOT);
        slotsById[nid] = slots(shape);
        chars += shape.length();
        ids.put(shape, nid);
        staged.add(shape);
        return nid;
    }

    void write(Connection c) throws SQLException {
        if (staged.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO shapes(id, shape) VALUES (?, ?)")) {
            int id = committed;
            for (String s : staged) {
                p.setInt(1, id++);
                p.setString(2, s);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    void commit() {
        staged.clear();
        committed = size;
        committedChars = chars;
    }

    void rollback() {
        for (int i = committed; i < size; i++) {
            ids.remove(byId[i]);
            byId[i] = null;
            lowerById[i] = null;
        }
        size = committed;
        chars = committedChars;
        staged.clear();
    }

    /** Loading on open, in id order. */
    void load(int id, String shape) {
        while (id >= byId.length) {
            byId = Arrays.copyOf(byId, byId.length * 2);
            lowerById = Arrays.copyOf(lowerById, lowerById.length * 2);
            slotsById = Arrays.copyOf(slotsById, slotsById.length * 2);
        }
        byId[id] = shape;
        lowerById[id] = shape.toLowerCase(Locale.ROOT);
        slotsById[id] = slots(shape);
        ids.put(shape, id);
        size = Math.max(size, id + 1);
        committed = size;
        chars += shape.length();
        committedChars = chars;
    }

    void clear() {
        byId = new String[64];
        lowerById = new String[64];
        slotsById = new int[64];
        size = 2;
        committed = 2;
        chars = 0;
        committedChars = 0;
        ids.clear();
        staged.clear();
    }

    View view() {
        return new View(byId, lowerById, slotsById, committed);
    }

    /** The committed shapes as a reader sees them. */
    record View(String[] shapes, String[] lower, int[] slots, int count) {
        /**
         * How a (lower-cased) search term meets each shape: {@code literal[s]}: every text of shape s contains it (a term
         * without digits inside one literal); {@code digits[s]}: texts of shape s may contain it, depending on their
         * digit runs (a term with digits whose non-digit parts all occur in the shape).
         */
        Match match(String q) {
            boolean[] literal = new boolean[count];
            boolean[] byDigits = new boolean[count];
            List<String> parts = new ArrayList<>();
            boolean hasDigit = false;
            int i = 0;
            while (i < q.length()) {
                int j = i;
                boolean d = isDigit(q.charAt(i));
                while (j < q.length() && isDigit(q.charAt(j)) == d) {
                    j++;
                }
                if (d) {
                    hasDigit = true;
                } else {
                    parts.add(q.substring(i, j));
                }
                i = j;
            }
            for (int s = 2; s < count; s++) {
                if (!hasDigit) {
                    literal[s] = lower[s].contains(q);
                } else if (slots[s] > 0) {
                    boolean all = true;
                    for (String p : parts) {
                        if (!lower[s].contains(p)) {
                            all = false;
                            break;
                        }
                    }
                    byDigits[s] = all;
                }
            }
            return new Match(hasDigit, literal, byDigits);
        }
    }

    record Match(boolean hasDigit, boolean[] literal, boolean[] byDigits) {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
