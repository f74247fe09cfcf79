package io.happysim.visual.store.internal.search;

import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_SHAPE;

import io.happysim.visual.store.internal.dictionary.DigitRuns;
import io.happysim.visual.store.internal.dictionary.Kinds;
import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.Grams;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.journal.ShapedTexts;
import io.happysim.visual.store.internal.journal.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A compiled {@link FieldCriterion}: a context field's exact value ({@code request_id=42}), decided as far as possible
 * per context shape, so that it costs what a text search of the same digits costs and often less.
 *
 * <p>A shape is the context with its digit runs as slots, so the field's place and kind of value are the same in every
 * context of a shape. Per shape the term is {@link #NO} (no such field, or a value of another shape: {@code "42"} for
 * {@code 42}), {@link #YES} (the value has no digit and equals), {@link #ROWS} (it equals if the row's digit runs in
 * the value's slots — and in the keys' — are the wanted ones: {@code "request_id":0} needs run 3 to be {@code 42}) or
 * {@link #PARSE} (escapes and digits together: the row's text is re-assembled and read). Contexts stored verbatim are
 * read. A block is read only if its n-gram filter admits the literal {@code "request_id":42} that a matching context
 * holds; in it the wanted digits are searched in the packed digits (as a text search's are) and only the entries
 * found are checked. Immutable but for the digit finder, made on first use.
 */
public final class FieldTerm implements SearchTerm {
    static final byte NO = 0;
    static final byte YES = 1;
    static final byte ROWS = 2;
    static final byte PARSE = 3;

    /** The digit runs one way of matching needs in its slots (slot indexes ascending in the shape). */
    private record Needs(int[] slots, byte[][] digits) {
        int maxSlot() {
            return slots.length == 0 ? -1 : slots[slots.length - 1];
        }
    }

    private final String[] path;
    private final String value;
    private final byte[] shapeState;
    private final Needs[][] ways;
    private final boolean[] kindHit;
    private final boolean[] textKind;
    /** Kinds whose rows are read as text (verbatim contexts, {@link #PARSE} shapes): no n-gram pruning for their blocks. */
    private final boolean[] readKind;
    /** The n-gram bits every {@link #ROWS} match holds; null when no shape is decided by digits. */
    private final int[] gramBits;
    private final String needle;
    private final boolean anyRows;
    private final boolean anyParse;
    private NibbleFinder finder;

    private FieldTerm(String[] path, String value, byte[] shapeState, Needs[][] ways, boolean[] kindHit, boolean[] textKind,
                      boolean[] readKind, int[] gramBits, String needle) {
        this.path = path;
        this.value = value;
        this.shapeState = shapeState;
        this.ways = ways;
        this.kindHit = kindHit;
        this.textKind = textKind;
        this.readKind = readKind;
        this.gramBits = gramBits;
        this.needle = needle;
        boolean rows = false;
        boolean parse = false;
        for (byte b : shapeState) {
            rows |= b == ROWS;
            parse |= b == PARSE;
        }
        this.anyRows = rows;
        this.anyParse = parse;
    }

    /** Compiles a field criterion against the event kinds and context shapes of one snapshot. */
    public static FieldTerm compile(FieldCriterion f, Shapes.View shapes, Kinds.View kinds) {
        String[] path = f.path().toArray(new String[0]);
        String value = f.value();
        int ns = shapes.count();
        byte[] state = new byte[ns];
        Needs[][] ways = new Needs[ns][];
        int[] gram = null;
        boolean anyLiteral = false;
        for (int s = 2; s < ns; s++) {
            ShapeAnalysis a = new ShapeAnalysis(shapes.shapes()[s], path, value);
            a.run();
            state[s] = a.state();
            if (state[s] == ROWS) {
                ways[s] = a.ways.toArray(new Needs[0]);
                for (String literal : a.literals) {
                    int[] bits = Grams.bitsOf(literal.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                    gram = anyLiteral ? intersect(gram, bits) : bits;
                    anyLiteral = true;
                }
            }
        }
        int nk = kinds.count();
        boolean[] hit = new boolean[nk];
        boolean[] text = new boolean[nk];
        boolean[] read = new boolean[nk];
        for (int k = 0; k < nk; k++) {
            int shape = kinds.get(EVENT_SHAPE, k);
            byte st = shape >= 2 && shape < ns ? state[shape] : NO;
            hit[k] = st == YES;
            read[k] = shape == Shapes.RAW || st == PARSE;
            text[k] = read[k] || st == ROWS;
        }
        return new FieldTerm(path, value, state, ways, hit, text, read, anyLiteral ? gram : null, longestRun(path, value));
    }

    private static int[] intersect(int[] a, int[] b) {
        int[] x = a.clone();
        Arrays.sort(x);
        int[] out = new int[Math.min(a.length, b.length)];
        int k = 0;
        for (int bit : b) {
            if (Arrays.binarySearch(x, bit) >= 0) {
                out[k++] = bit;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The longest digit run of the value and the path's keys: a {@link #ROWS} match holds it among its runs. */
    private static String longestRun(String[] path, String value) {
        String best = DigitRuns.longestDigitRun(value);
        for (String key : path) {
            String r = DigitRuns.longestDigitRun(key);
            if (r.length() > best.length()) {
                best = r;
            }
        }
        return best.isEmpty() ? null : best;
    }

    /** Whether every row of this kind matches (decided by its shape): then the term is a kind filter there. */
    @Override
    public boolean kindHit(int kind) {
        return kind >= 0 && kind < kindHit.length && kindHit[kind];
    }

    @Override
    public int kinds() {
        return kindHit.length;
    }

    @Override
    public boolean textKind(int kind) {
        return kind >= 0 && kind < textKind.length && textKind[kind];
    }

    /** Whether no row needs reading: every kind is decided by its shape (then the query is a kind filter). */
    public boolean decidedByKinds() {
        for (boolean t : textKind) {
            if (t) {
                return false;
            }
        }
        return true;
    }

    @Override
    public DigitMatcher digits() {
        return null;
    }

    @Override
    public boolean pureDigits() {
        return false;
    }

    @Override
    public boolean mayContain(byte[] grams, int[] blockKinds) {
        boolean rowsHere = false;
        for (int kind : blockKinds) {
            if (kind >= 0 && kind < readKind.length) {
                if (readKind[kind]) {
                    return true;
                }
                rowsHere |= textKind[kind];
            }
        }
        if (!rowsHere) {
            return false;
        }
        if (grams == null || gramBits == null) {
            return true;
        }
        for (int b : gramBits) {
            if (!Grams.hasBit(grams, b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long[] matches(JournalFormat format, BlockSummary info, int n, Texts texts, int[] rowKinds, long firstId) {
        long[] bits = new long[(n + 63) >>> 6];
        if (texts instanceof ShapedTexts tx) {
            return shapedMatches(tx, bits);
        }
        for (int r = 0; r < n; r++) {
            if (JsonScan.hasValue(texts.text(r, 0), path, value)) {
                bits[r >>> 6] |= 1L << (r & 63);
            }
        }
        return bits;
    }

    private long[] shapedMatches(ShapedTexts tx, long[] bits) {
        int entries = tx.entries();
        if (entries == 0) {
            return bits;
        }
        byte[] marks = new byte[entries];
        int marked = 0;
        if (anyRows) {
            if (needle != null && tx.nibbles() > 0) {
                NibbleFinder f = finder();
                int from = 0;
                int e = 0;
                while (true) {
                    int hit = f.next(tx, from);
                    if (hit < 0) {
                        break;
                    }
                    e = tx.entryAt(hit, e);
                    if (marks[e] == 0 && rowsMatch(tx, e)) {
                        marks[e] = 1;
                        marked++;
                    }
                    from = tx.end(e);
                }
            } else {
                for (int e = 0; e < entries; e++) {
                    if (rowsMatch(tx, e)) {
                        marks[e] = 1;
                        marked++;
                    }
                }
            }
        }
        if (anyParse) {
            for (int e = 0; e < entries; e++) {
                int sh = tx.shape(e);
                if (sh >= 2 && sh < shapeState.length && shapeState[sh] == PARSE && JsonScan.hasValue(tx.entryText(e), path, value)) {
                    marks[e] = 1;
                    marked++;
                }
            }
        }
        for (int i = 0; i < tx.verbatimCount(); i++) {
            if (JsonScan.hasValue(tx.verbatimText(i), path, value)) {
                marks[tx.verbatimEntry(i)] = 1;
                marked++;
            }
        }
        tx.rowBits(marks, marked, bits);
        return bits;
    }

    private NibbleFinder finder() {
        NibbleFinder f = finder;
        if (f == null) {
            f = new NibbleFinder(needle);
            finder = f;
        }
        return f;
    }

    /** Whether entry e's shape is decided by digits and its runs are the ones some way of matching needs. */
    private boolean rowsMatch(ShapedTexts tx, int e) {
        int sh = tx.shape(e);
        if (sh < 2 || sh >= shapeState.length || shapeState[sh] != ROWS) {
            return false;
        }
        Needs[] options = ways[sh];
        int maxSlot = -1;
        for (Needs w : options) {
            maxSlot = Math.max(maxSlot, w.maxSlot());
        }
        int[] runStart = new int[maxSlot + 1];
        byte[] data = tx.data();
        int pos = tx.start(e);
        int end = tx.end(e);
        for (int k = 0; k <= maxSlot; k++) {
            if (pos >= end) {
                return false;
            }
            runStart[k] = pos;
            while (pos < end && DigitRuns.nibble(data, pos) != DigitRuns.NIB_SEP) {
                pos++;
            }
            pos++;
        }
        for (Needs w : options) {
            if (holds(data, runStart, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(byte[] data, int[] runStart, Needs w) {
        for (int j = 0; j < w.slots.length; j++) {
            int p = runStart[w.slots[j]];
            byte[] d = w.digits[j];
            for (byte digit : d) {
                if (DigitRuns.nibble(data, p++) != digit) {
                    return false;
                }
            }
            if (DigitRuns.nibble(data, p) != DigitRuns.NIB_SEP) {
                return false;
            }
        }
        return true;
    }

    /** Where the field is in one shape and what its slots must hold. */
    private static final class ShapeAnalysis {
        private final String shape;
        private final String[] path;
        private final String value;
        final List<Needs> ways = new ArrayList<>();
        final List<String> literals = new ArrayList<>();
        private boolean yes;
        private boolean parse;

        ShapeAnalysis(String shape, String[] path, String value) {
            this.shape = shape;
            this.path = path;
            this.value = value;
        }

        void run() {
            int start = JsonScan.wholeObject(shape);
            if (start >= 0) {
                walk(start, 0, new ArrayList<>(), new ArrayList<>(), false);
            }
        }

        byte state() {
            if (yes) {
                return YES;
            }
            if (parse) {
                return PARSE;
            }
            return ways.isEmpty() ? NO : ROWS;
        }

        private void walk(int objStart, int level, List<Integer> slots, List<String> runs, boolean needsParse) {
            JsonScan.members(shape, objStart, (kf, kt, vf, vt) -> {
                Region key = region(kf, kt, path[level], true);
                if (key == null) {
                    return;
                }
                List<Integer> s2 = new ArrayList<>(slots);
                List<String> r2 = new ArrayList<>(runs);
                key.addTo(s2, r2);
                boolean p2 = needsParse || key.parse;
                if (level + 1 < path.length) {
                    if (shape.charAt(vf) == '{') {
                        walk(vf, level + 1, s2, r2, p2);
                    }
                    return;
                }
                Region v = shape.charAt(vf) == '"' ? region(vf + 1, vt - 1, value, true) : region(vf, vt, value, false);
                if (v == null) {
                    return;
                }
                v.addTo(s2, r2);
                if (p2 || v.parse) {
                    parse = true;
                } else if (s2.isEmpty()) {
                    yes = true;
                } else {
                    ways.add(needs(s2, r2));
                    int from = kf - 1;
                    int to = vt;
                    // with the comma or brace on each side, as a context holds it: "request_id":42 alone is also in
                    // blocks that hold only 420, 4200, …; ,"request_id":42, is not (the text search's literal)
                    from -= isLiteral(from - 1) ? 1 : 0;
                    to += isLiteral(to) ? 1 : 0;
                    literals.add(literal(from, to, s2, r2));
                }
            });
        }

        /** How a key's or a value's text in the shape meets the wanted text: null = never. */
        private Region region(int from, int to, String wanted, boolean string) {
            boolean slotted = shape.indexOf('0', from) >= 0 && shape.indexOf('0', from) < to;
            if (string && shape.indexOf('\\', from) >= 0 && shape.indexOf('\\', from) < to) {
                if (slotted) {
                    return Region.PARSE;
                }
                return wanted.equals(JsonScan.unescape(shape, from, to)) ? Region.NONE : null;
            }
            String wantedShape = DigitRuns.shapeOf(wanted);
            if (wantedShape == null || wantedShape.length() != to - from || !shape.regionMatches(from, wantedShape, 0, to - from)) {
                return null;
            }
            if (!slotted) {
                return Region.NONE;
            }
            int slot = 0;
            for (int i = 0; i < from; i++) {
                if (shape.charAt(i) == '0') {
                    slot++;
                }
            }
            List<Integer> slots = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (shape.charAt(i) == '0') {
                    slots.add(slot++);
                }
            }
            return new Region(slots, runs(wanted), false);
        }

        /** Whether the shape's character at {@code i} exists and is punctuation every context of the shape holds. */
        private boolean isLiteral(int i) {
            return i >= 0 && i < shape.length() && (shape.charAt(i) == ',' || shape.charAt(i) == '{' || shape.charAt(i) == '}');
        }

        /** The text from the field's key to the end of its value with the slots filled in: what a matching context holds. */
        private String literal(int from, int to, List<Integer> slots, List<String> runs) {
            int slot = 0;
            for (int i = 0; i < from; i++) {
                if (shape.charAt(i) == '0') {
                    slot++;
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < to; i++) {
                char c = shape.charAt(i);
                if (c == '0') {
                    int at = slots.indexOf(slot++);
                    sb.append(at >= 0 ? runs.get(at) : "");
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private static Needs needs(List<Integer> slots, List<String> runs) {
            Integer[] order = new Integer[slots.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(slots.get(a), slots.get(b)));
            int[] s = new int[order.length];
            byte[][] d = new byte[order.length][];
            for (int i = 0; i < order.length; i++) {
                s[i] = slots.get(order[i]);
                String run = runs.get(order[i]);
                d[i] = new byte[run.length()];
                for (int k = 0; k < run.length(); k++) {
                    d[i][k] = (byte) (run.charAt(k) - '0');
                }
            }
            return new Needs(s, d);
        }

        private static List<String> runs(String s) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                if (DigitRuns.isDigit(s.charAt(i))) {
                    int j = i;
                    while (j < s.length() && DigitRuns.isDigit(s.charAt(j))) {
                        j++;
                    }
                    out.add(s.substring(i, j));
                    i = j;
                } else {
                    i++;
                }
            }
            return out;
        }
    }

    /** A region's contribution: slots and the runs they must hold, or "read the row's text". */
    private record Region(List<Integer> slots, List<String> runs, boolean parse) {
        static final Region NONE = new Region(List.of(), List.of(), false);
        static final Region PARSE = new Region(List.of(), List.of(), true);

        void addTo(List<Integer> s, List<String> r) {
            s.addAll(slots);
            r.addAll(runs);
        }
    }
}
