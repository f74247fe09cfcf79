package io.happysim.visual.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * An append-only, id-keyed history (events or logs) packed into blocks of {@link #B} rows.
 *
 * <p>Row ids are 1-based and gap-free, so row {@code id} lives in block {@code (id-1)/B} at offset {@code (id-1)%B}.
 * Each block is one row of {@code <p>_blocks} (summary + packed kind ids and times), one of {@code <p>_text}
 * (the row texts: for logs UTF-8 with lengths; for events, with {@link Shapes}, the block's distinct contexts as
 * packed digit runs — their shape is in the row's kind — see {@link ShapedText}) and one of {@code <p>_grams} (a bloom
 * filter of the lower-cased searchable text's 1-, 2- and 3-grams). The last, partial block is rewritten on every append.
 *
 * <p>Every block's summary — row count, time range, and its <em>palette</em>: how many rows of each kind — is
 * also kept in memory. A filter on kinds and time counts whole blocks from palettes and decodes only the
 * (at most two) blocks cut by the time range; pages skip blocks with no match. Text search reads the texts of the
 * blocks that hold kinds the text may match by text and whose grams can contain it — on the calling thread and a
 * helper thread — and caches per-block match counts of sealed blocks.
 */
final class Journal {
    static final long NULL_TIME = Long.MIN_VALUE;
    static final int FLAG_ASCII = 1;
    static final int FLAG_UPPER = 2;
    /** Events: the block has verbatim (not shaped) texts. */
    static final int FLAG_RAW = 4;
    private static final int GRAM_BITS = 8192 + 4096 + 256;

    final String prefix;
    int B;
    final int nText;
    final boolean[] searchable;
    /** Events: texts are stored as shape (in the row's kind) + digit runs, deduplicated per block; null for logs. */
    final Shapes shapes;
    private final String sqlCols;
    private final String sqlText;
    private final String sqlTextRange;
    private final String sqlGramsRange;

    // ---- writer state (guarded by the store's writer lock) ----
    private BlockInfo[] sealed = new BlockInfo[64];
    private int sealedCount;
    private Tail tail = new Tail(16, 1);
    private BlockInfo tailInfo;
    private Stage stage;
    private final Map<String, SearchCounts> searchCache = new LinkedHashMap<>(16, 0.75f, true);

    Journal(String prefix, int blockSize, int nText, boolean[] searchable) {
        this(prefix, blockSize, nText, searchable, null);
    }

    Journal(String prefix, int blockSize, int nText, boolean[] searchable, Shapes shapes) {
        this.prefix = prefix;
        this.shapes = shapes;
        this.B = blockSize;
        this.SEG = Math.max(2, Math.min(64, blockSize / 16));
        this.nText = nText;
        this.searchable = searchable;
        this.tail = new Tail(16, nText);
        this.sqlCols = "SELECT cols FROM " + prefix + "_blocks WHERE block_no = ?";
        this.sqlText = "SELECT offsets, text FROM " + prefix + "_text WHERE block_no = ?";
        this.sqlTextRange = "SELECT block_no, offsets, text FROM " + prefix + "_text WHERE block_no >= ? AND block_no <= ? ORDER BY block_no";
        this.sqlGramsRange = "SELECT block_no, grams FROM " + prefix + "_grams WHERE block_no >= ? AND block_no <= ? ORDER BY block_no";
    }

    static String ddl(String p) {
        return "CREATE TABLE IF NOT EXISTS " + p + "_blocks (block_no INTEGER PRIMARY KEY, first_id INTEGER NOT NULL, n INTEGER NOT NULL, "
                + "t_min INTEGER, t_max INTEGER, nulls INTEGER NOT NULL, flags INTEGER NOT NULL, palette TEXT NOT NULL, cols BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_text (block_no INTEGER PRIMARY KEY, offsets BLOB NOT NULL, text BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_grams (block_no INTEGER PRIMARY KEY, grams BLOB NOT NULL);\n";
    }

    // =====================================================================================================
    // In-memory summaries
    // =====================================================================================================

    /** Immutable summary of one block. {@code kinds[i]} occurs {@code counts[i]} times; i is the local palette index. */
    static final class BlockInfo {
        final int blockNo;
        final int n;
        final long tMin;
        final long tMax;
        final int nulls;
        final int flags;
        final int[] kinds;
        final int[] counts;

        BlockInfo(int blockNo, int n, long tMin, long tMax, int nulls, int flags, int[] kinds, int[] counts) {
            this.blockNo = blockNo;
            this.n = n;
            this.tMin = tMin;
            this.tMax = tMax;
            this.nulls = nulls;
            this.flags = flags;
            this.kinds = kinds;
            this.counts = counts;
        }

        String paletteJson() {
            StringBuilder sb = new StringBuilder(kinds.length * 10 + 2).append('[');
            for (int i = 0; i < kinds.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('[').append(kinds[i]).append(',').append(counts[i]).append(']');
            }
            return sb.append(']').toString();
        }

        static int[][] parsePalette(String json) {
            List<Integer> ks = new ArrayList<>();
            List<Integer> cs = new ArrayList<>();
            int i = 0;
            int len = json.length();
            long[] nums = new long[2];
            int k = 0;
            long cur = -1;
            for (; i < len; i++) {
                char ch = json.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    cur = (cur < 0 ? 0 : cur * 10) + (ch - '0');
                } else {
                    if (cur >= 0) {
                        nums[k++] = cur;
                        cur = -1;
                        if (k == 2) {
                            ks.add((int) nums[0]);
                            cs.add((int) nums[1]);
                            k = 0;
                        }
                    }
                }
            }
            return new int[][] {ks.stream().mapToInt(x -> x).toArray(), cs.stream().mapToInt(x -> x).toArray()};
        }
    }

    /** What readers see of this journal: the sealed blocks and the tail at one commit. */
    static final class View {
        final BlockInfo[] sealed;
        final int sealedCount;
        final BlockInfo tail;
        final long rows;
        final Segment[] segments;
        final int segCount;
        final Shapes.View shapes;

        View(BlockInfo[] sealed, int sealedCount, BlockInfo tail, long rows, Segment[] segments, int segCount, Shapes.View shapes) {
            this.shapes = shapes;
            this.sealed = sealed;
            this.sealedCount = sealedCount;
            this.tail = tail;
            this.rows = rows;
            this.segments = segments;
            this.segCount = segCount;
        }

        int blockCount() {
            return sealedCount + (tail == null ? 0 : 1);
        }

        BlockInfo block(int i) {
            return i < sealedCount ? sealed[i] : tail;
        }
    }

    /** The block size of the file being opened (before {@link #load}). */
    void blockSize(int b) {
        this.B = b;
        this.SEG = Math.max(2, Math.min(64, b / 16));
    }

    View view() {
        long rows = (long) sealedCount * B + (tailInfo == null ? 0 : tailInfo.n);
        return new View(sealed, sealedCount, tailInfo, rows, segments, segCount, shapes == null ? null : shapes.view());
    }

    /**
     * Blocks per segment: per-kind row counts of every SEG sealed blocks (in memory only), so that totals cost
     * O(segments + edge blocks). 64 for 4096-row blocks; smaller with the small blocks tests use.
     */
    private int SEG = 64;

    /** Immutable per-kind counts and time range of {@link #SEG} consecutive sealed blocks. */
    static final class Segment {
        final int[] kindCounts;    // index = kind id
        final long tMin;
        final long tMax;
        final int nulls;
        final long rows;

        Segment(BlockInfo[] blocks, int from, int SEG) {
            int maxKind = 0;
            long lo = NULL_TIME;
            long hi = NULL_TIME;
            int nl = 0;
            long n = 0;
            for (int i = from; i < from + SEG; i++) {
                BlockInfo b = blocks[i];
                for (int k : b.kinds) {
                    maxKind = Math.max(maxKind, k);
                }
                if (b.tMin != NULL_TIME && (lo == NULL_TIME || b.tMin < lo)) {
                    lo = b.tMin;
                }
                if (b.tMax != NULL_TIME && (hi == NULL_TIME || b.tMax > hi)) {
                    hi = b.tMax;
                }
                nl += b.nulls;
                n += b.n;
            }
            int[] kc = new int[maxKind + 1];
            for (int i = from; i < from + SEG; i++) {
                BlockInfo b = blocks[i];
                for (int k = 0; k < b.kinds.length; k++) {
                    kc[b.kinds[k]] += b.counts[k];
                }
            }
            this.kindCounts = kc;
            this.tMin = lo;
            this.tMax = hi;
            this.nulls = nl;
            this.rows = n;
        }
    }

    private Segment[] segments = new Segment[16];
    private int segCount;

    private void buildSegments() {
        while ((segCount + 1) * SEG <= sealedCount) {
            if (segCount == segments.length) {
                segments = Arrays.copyOf(segments, segCount * 2);
            }
            segments[segCount] = new Segment(sealed, segCount * SEG, SEG);
            segCount++;
        }
    }

    long lastId() {
        return (long) sealedCount * B + tail.n;
    }

    // =====================================================================================================
    // Writing
    // =====================================================================================================

    /** Rows of the open (partial) block, kept decoded by the writer. */
    static final class Tail {
        long[] times;
        int[] kinds;
        int[] shapeIds;
        String[] texts;
        int n;
        final int nText;

        Tail(int cap, int nText) {
            this.nText = nText;
            times = new long[cap];
            kinds = new int[cap];
            shapeIds = new int[cap];
            texts = new String[cap * nText];
        }

        Tail copy() {
            Tail t = new Tail(Math.max(16, n), nText);
            System.arraycopy(times, 0, t.times, 0, n);
            System.arraycopy(kinds, 0, t.kinds, 0, n);
            System.arraycopy(shapeIds, 0, t.shapeIds, 0, n);
            System.arraycopy(texts, 0, t.texts, 0, n * nText);
            t.n = n;
            return t;
        }

        void add(long time, int kind, String t0, String t1, int shape) {
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                kinds = Arrays.copyOf(kinds, n * 2);
                shapeIds = Arrays.copyOf(shapeIds, n * 2);
                texts = Arrays.copyOf(texts, n * 2 * nText);
            }
            times[n] = time;
            kinds[n] = kind;
            shapeIds[n] = shape;
            texts[n * nText] = t0;
            if (nText > 1) {
                texts[n * nText + 1] = t1;
            }
            n++;
        }
    }

    /** The changes of one append, applied to memory only on {@link #commit()}. */
    final class Stage {
        final Db db;
        Tail t;
        final int sealedStart;
        int newSealed;
        BlockInfo newTailInfo;
        boolean dirty;
        private PreparedStatement insBlock;
        private PreparedStatement insText;
        private PreparedStatement insGrams;
        private final Codec.Out cols = new Codec.Out(1 << 14);
        private final Codec.Out offs = new Codec.Out(1 << 13);
        private final Codec.Out text = new Codec.Out(1 << 16);
        private final HashMap<String, Integer> entryOf = new HashMap<>(4096);
        private final HashMap<Integer, Integer> localShapes = new HashMap<>();
        private final Codec.Out sym = new Codec.Out(1 << 16);
        private final Codec.Out raw = new Codec.Out(1 << 8);
        private final Codec.Out rawList = new Codec.Out(1 << 6);
        private int[] rowRef = new int[0];
        private int[] entShape = new int[256];
        private int[] entEnd = new int[256];
        private int[] localOf = new int[64];

        Stage(Db db) {
            this.db = db;
            this.t = tail.copy();
            this.sealedStart = sealedCount;
            this.newSealed = sealedCount;
            this.newTailInfo = tailInfo;
            Arrays.fill(localOf, -1);
        }

        void add(long time, int kind, String t0, String t1) throws SQLException {
            add(time, kind, t0, t1, 0);
        }

        /** {@code shape}: the text's {@link Shapes} id (events). */
        void add(long time, int kind, String t0, String t1, int shape) throws SQLException {
            t.add(time, kind, t0, t1, shape);
            dirty = true;
            if (t.n == B) {
                BlockInfo bi = write(newSealed, t);
                if (newSealed == sealed.length) {
                    sealed = Arrays.copyOf(sealed, sealed.length * 2);
                }
                sealed[newSealed++] = bi;   // beyond the published count: invisible until commit
                t = new Tail(Math.min(B, 1024), nText);
                newTailInfo = null;
                dirty = false;
            }
        }

        void finish() throws SQLException {
            if (dirty && t.n > 0) {
                newTailInfo = write(newSealed, t);
            }
        }

        private BlockInfo write(int blockNo, Tail r) throws SQLException {
            int n = r.n;
            // palette, in order of first appearance
            int[] pk = new int[8];
            int[] pc = new int[8];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int kind = r.kinds[i];
                if (kind >= localOf.length) {
                    int old = localOf.length;
                    localOf = Arrays.copyOf(localOf, Math.max(kind + 1, old * 2));
                    Arrays.fill(localOf, old, localOf.length, -1);
                }
                int l = localOf[kind];
                if (l < 0) {
                    if (k == pk.length) {
                        pk = Arrays.copyOf(pk, k * 2);
                        pc = Arrays.copyOf(pc, k * 2);
                    }
                    l = k++;
                    localOf[kind] = l;
                    pk[l] = kind;
                }
                pc[l]++;
            }
            boolean wide = k > 256;
            cols.reset();
            cols.varint(n);
            cols.u8(wide ? 2 : 1);
            for (int i = 0; i < n; i++) {
                int l = localOf[r.kinds[i]];
                if (wide) {
                    cols.u8(l & 0xFF);
                    cols.u8(l >>> 8);
                } else {
                    cols.u8(l);
                }
            }
            for (int i = 0; i < k; i++) {
                localOf[pk[i]] = -1;
            }
            long tMin = NULL_TIME;
            long tMax = NULL_TIME;
            int nulls = 0;
            long prev = 0;
            for (int i = 0; i < n; i++) {
                long tm = r.times[i];
                if (tm == NULL_TIME) {
                    nulls++;
                    cols.varint(0);
                } else {
                    cols.varint(((tm - prev) << 1 ^ ((tm - prev) >> 63)) + 1);
                    prev = tm;
                    if (tMin == NULL_TIME || tm < tMin) {
                        tMin = tm;
                    }
                    if (tMax == NULL_TIME || tm > tMax) {
                        tMax = tm;
                    }
                }
            }
            // texts + flags + grams
            offs.reset();
            text.reset();
            long[] grams = new long[GRAM_BITS / 64];
            boolean ascii = true;
            boolean upper = false;
            int rawFlag = 0;
            if (shapes != null) {
                int fl = writeShaped(r, grams);
                ascii = (fl & FLAG_ASCII) != 0;
                upper = (fl & FLAG_UPPER) != 0;
                rawFlag = fl & FLAG_RAW;
            }
            for (int i = 0; i < n && shapes == null; i++) {
                for (int f = 0; f < nText; f++) {
                    String s = r.texts[i * nText + f];
                    if (s == null) {
                        offs.varint(0);
                        continue;
                    }
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    offs.varint(b.length + 1L);
                    text.bytes(b, 0, b.length);
                    boolean rowAscii = true;
                    for (byte x : b) {
                        if (x < 0) {
                            rowAscii = false;
                        } else if (x >= 'A' && x <= 'Z') {
                            upper = true;
                        }
                    }
                    ascii &= rowAscii;
                    if (searchable[f]) {
                        byte[] low = rowAscii ? b : s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                        addGrams(grams, low, rowAscii);
                    }
                }
            }
            int flags = (ascii ? FLAG_ASCII : 0) | (upper ? FLAG_UPPER : 0) | rawFlag;
            BlockInfo bi = new BlockInfo(blockNo, n, tMin, tMax, nulls, flags, Arrays.copyOf(pk, k), Arrays.copyOf(pc, k));
            if (insBlock == null) {
                insBlock = db.ps("INSERT OR REPLACE INTO " + prefix + "_blocks(block_no, first_id, n, t_min, t_max, nulls, flags, palette, cols) VALUES (?,?,?,?,?,?,?,?,?)");
                insText = db.ps("INSERT OR REPLACE INTO " + prefix + "_text(block_no, offsets, text) VALUES (?,?,?)");
                insGrams = db.ps("INSERT OR REPLACE INTO " + prefix + "_grams(block_no, grams) VALUES (?,?)");
            }
            insBlock.setInt(1, blockNo);
            insBlock.setLong(2, (long) blockNo * B + 1);
            insBlock.setInt(3, n);
            setTime(insBlock, 4, tMin);
            setTime(insBlock, 5, tMax);
            insBlock.setInt(6, nulls);
            insBlock.setInt(7, flags);
            insBlock.setString(8, bi.paletteJson());
            insBlock.setBytes(9, cols.toArray());
            insBlock.executeUpdate();
            insText.setInt(1, blockNo);
            insText.setBytes(2, offs.toArray());
            insText.setBytes(3, text.toArray());
            insText.executeUpdate();
            insGrams.setInt(1, blockNo);
            insGrams.setBytes(2, longsToBytes(grams));
            insGrams.executeUpdate();
            return bi;
        }

        /**
         * The texts of a shaped block (see {@link ShapedText} for the layout). Entries are the distinct texts of the
         * block in order of first appearance. Returns the flags.
         */
        private int writeShaped(Tail r, long[] grams) {
            int n = r.n;
            entryOf.clear();
            sym.reset();
            raw.reset();
            rawList.reset();
            int e = 0;
            int rawCount = 0;
            int withText = 0;
            int repeats = 0;
            boolean ascii = true;
            boolean upper = false;
            if (rowRef.length < n) {
                rowRef = new int[Math.max(n, B)];
            }
            for (int i = 0; i < n; i++) {
                String s = r.texts[i * nText];
                if (s == null) {
                    rowRef[i] = -1;
                    continue;
                }
                withText++;
                Integer known = entryOf.putIfAbsent(s, e);
                if (known != null) {
                    rowRef[i] = known;
                    repeats++;
                    continue;
                }
                rowRef[i] = e;
                if (e == entShape.length) {
                    entShape = Arrays.copyOf(entShape, e * 2);
                    entEnd = Arrays.copyOf(entEnd, e * 2);
                }
                int shape = r.shapeIds[i];
                entShape[e] = shape;
                if (shape == Shapes.RAW) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    raw.bytes(b, 0, b.length);
                    rawList.varint(e);
                    rawList.varint(b.length);
                    rawCount++;
                    boolean rowAscii = b.length == s.length();
                    ascii &= rowAscii;
                    String low = s.toLowerCase(Locale.ROOT);
                    upper |= !low.equals(s);
                    addGrams(grams, rowAscii ? b : low.getBytes(StandardCharsets.UTF_8), rowAscii);
                } else {
                    Shapes.digitsOf(s, sym);
                    upper |= addGramsAscii(grams, s);
                }
                entEnd[e] = sym.len;
                e++;
            }
            // local shape list
            int nLocal = 0;
            localShapes.clear();
            for (int k = 0; k < e; k++) {
                if (localShapes.putIfAbsent(entShape[k], nLocal) == null) {
                    nLocal++;
                }
            }
            int shapeWidth = nLocal <= 256 ? 1 : 2;
            int endWidth = sym.len < 65_536 ? 2 : 4;
            int repWidth = e <= 256 ? 1 : 2;
            offs.varint(n);
            offs.varint(e);
            offs.varint(nLocal);
            int[] order = new int[nLocal];
            for (var en : localShapes.entrySet()) {
                order[en.getValue()] = en.getKey();
            }
            for (int k = 0; k < nLocal; k++) {
                offs.varint(order[k]);
            }
            offs.u8(shapeWidth);
            offs.u8(endWidth);
            offs.u8(repWidth);
            offs.ensure(e * (shapeWidth + endWidth) + (n + 7) / 8 + (withText + 7) / 8 + repWidth * repeats + rawList.len + 16);
            byte[] o = offs.buf;
            int p = offs.len;
            for (int k = 0; k < e; k++) {
                int l = localShapes.get(entShape[k]);
                o[p++] = (byte) l;
                if (shapeWidth == 2) {
                    o[p++] = (byte) (l >>> 8);
                }
            }
            for (int k = 0; k < e; k++) {
                int end = entEnd[k];
                o[p++] = (byte) end;
                o[p++] = (byte) (end >>> 8);
                if (endWidth == 4) {
                    o[p++] = (byte) (end >>> 16);
                    o[p++] = (byte) (end >>> 24);
                }
            }
            offs.len = p;
            offs.varint(rawCount);
            offs.bytes(rawList.buf, 0, rawList.len);
            // rows: a bitmap of rows with a text, then over those a bitmap of first appearances (the row holds the
            // next new entry), then the entries of the other (repeating) rows
            for (int i = 0; i < n; i++) {
                offs.bit(rowRef[i] >= 0);
            }
            offs.endBits();
            int next = 0;
            for (int i = 0; i < n; i++) {
                int ref = rowRef[i];
                if (ref >= 0) {
                    boolean first = ref == next;
                    offs.bit(first);
                    if (first) {
                        next++;
                    }
                }
            }
            offs.endBits();
            p = offs.len;
            o = offs.buf;
            next = 0;
            for (int i = 0; i < n; i++) {
                int ref = rowRef[i];
                if (ref < 0) {
                    continue;
                }
                if (ref == next) {
                    next++;
                } else {
                    o[p++] = (byte) ref;
                    if (repWidth == 2) {
                        o[p++] = (byte) (ref >>> 8);
                    }
                }
            }
            offs.len = p;
            Shapes.pack(sym.buf, sym.len, text);
            text.bytes(raw.buf, 0, raw.len);
            entryOf.clear();
            return (ascii ? FLAG_ASCII : 0) | (upper ? FLAG_UPPER : 0) | (rawCount > 0 ? FLAG_RAW : 0);
        }
    }

    /** {@link #addGrams} over an ASCII string (case folded); tells whether it has upper case. */
    static boolean addGramsAscii(long[] g, String s) {
        int n = s.length();
        int p2 = 0;
        int p1 = 0;
        boolean upper = false;
        for (int i = 0; i < n; i++) {
            int x = s.charAt(i);
            if (x >= 'A' && x <= 'Z') {
                x |= 0x20;
                upper = true;
            }
            setBit(g, 8192 + 4096 + x);
            if (i >= 1) {
                setBit(g, 8192 + bigram(p1, x));
            }
            if (i >= 2) {
                setBit(g, trigram(p2, p1, x));
            }
            p2 = p1;
            p1 = x;
        }
        return upper;
    }

    private static void setTime(PreparedStatement p, int i, long t) throws SQLException {
        if (t == NULL_TIME) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, t);
        }
    }

    static void addGrams(long[] g, byte[] b, boolean foldAscii) {
        int n = b.length;
        int p2 = 0;
        int p1 = 0;
        for (int i = 0; i < n; i++) {
            int x = b[i] & 0xFF;
            if (foldAscii && x >= 'A' && x <= 'Z') {
                x |= 0x20;
            }
            setBit(g, 8192 + 4096 + x);
            if (i >= 1) {
                setBit(g, 8192 + bigram(p1, x));
            }
            if (i >= 2) {
                setBit(g, trigram(p2, p1, x));
            }
            p2 = p1;
            p1 = x;
        }
    }

    static int trigram(int a, int b, int c) {
        return (((a << 16) | (b << 8) | c) * 0x9E3779B1) >>> 19;           // 13 bits
    }

    static int bigram(int a, int b) {
        return (((a << 8) | b) * 0x85EBCA6B) >>> 20;                        // 12 bits
    }

    static void setBit(long[] g, int bit) {
        g[bit >>> 6] |= 1L << (bit & 63);
    }

    static boolean hasBit(byte[] g, int bit) {
        return (g[bit >>> 3] & (1 << (bit & 7))) != 0;
    }

    private static byte[] longsToBytes(long[] g) {
        byte[] out = new byte[g.length * 8];
        for (int i = 0; i < g.length; i++) {
            long v = g[i];
            for (int j = 0; j < 8; j++) {
                out[i * 8 + j] = (byte) (v >>> (8 * j));
            }
        }
        return out;
    }

    Stage begin(Db db) {
        stage = new Stage(db);
        return stage;
    }

    /** Publishes the staged append (call after the database commit succeeded). */
    void commit() {
        if (stage == null) {
            return;
        }
        tail = stage.t;
        sealedCount = stage.newSealed;
        tailInfo = tail.n == 0 ? null : stage.newTailInfo;
        stage = null;
        buildSegments();
    }

    void rollback() {
        stage = null;   // sealed slots beyond sealedCount are simply overwritten later
    }

    void clear() {
        sealed = new BlockInfo[64];
        sealedCount = 0;
        segments = new Segment[16];
        segCount = 0;
        tail = new Tail(16, nText);
        tailInfo = null;
        stage = null;
        synchronized (searchCache) {
            searchCache.clear();
        }
        synchronized (cache) {
            cache.clear();
            cacheBytes = 0;
            Arrays.fill(askedOnce, 0);
        }
    }

    /** Rebuilds the in-memory summaries and the writer's tail from the database. */
    void load(Db db) throws SQLException {
        clear();
        List<BlockInfo> infos = new ArrayList<>();
        try (ResultSet rs = db.c.createStatement().executeQuery(
                "SELECT block_no, n, t_min, t_max, nulls, flags, palette FROM " + prefix + "_blocks ORDER BY block_no")) {
            while (rs.next()) {
                long tMin = rs.getLong(3);
                if (rs.wasNull()) {
                    tMin = NULL_TIME;
                }
                long tMax = rs.getLong(4);
                if (rs.wasNull()) {
                    tMax = NULL_TIME;
                }
                int[][] pal = BlockInfo.parsePalette(rs.getString(7));
                infos.add(new BlockInfo(rs.getInt(1), rs.getInt(2), tMin, tMax, rs.getInt(5), rs.getInt(6), pal[0], pal[1]));
            }
        }
        for (int i = 0; i < infos.size(); i++) {
            BlockInfo bi = infos.get(i);
            if (bi.blockNo != i) {
                throw new StoreException("the " + prefix + " history is damaged: block " + i + " is missing", null);
            }
            boolean last = i == infos.size() - 1;
            if (!last && bi.n != B) {
                throw new StoreException("the " + prefix + " history is damaged: block " + i + " is partial", null);
            }
            if (last && bi.n < B) {
                Block b = decode(db, bi, bi.n);
                Texts tx = readText(db, bi, bi.n, shapes == null ? null : shapes.view());
                Tail t = new Tail(Math.max(16, bi.n), nText);
                for (int r = 0; r < bi.n; r++) {
                    int shape = tx instanceof ShapedText st ? st.shapeOfRow(r) : 0;
                    t.add(b.times[r], b.kinds[r], tx.text(r, 0), nText > 1 ? tx.text(r, 1) : null, shape);
                }
                tail = t;
                tailInfo = bi;
            } else {
                if (sealedCount == sealed.length) {
                    sealed = Arrays.copyOf(sealed, sealed.length * 2);
                }
                sealed[sealedCount++] = bi;
            }
        }
        buildSegments();
    }

    // =====================================================================================================
    // Reading
    // =====================================================================================================

    /** A decoded block's kinds and times (the first {@code n} rows as of the reader's snapshot). Immutable. */
    static final class Block {
        final BlockInfo info;
        final int n;
        final long firstId;
        final long[] times;
        final int[] kinds;

        Block(BlockInfo info, int n, long firstId, long[] times, int[] kinds) {
            this.info = info;
            this.n = n;
            this.firstId = firstId;
            this.times = times;
            this.kinds = kinds;
        }

        long bytes() {
            return 64 + n * 12L;
        }
    }

    /** A decoded block's texts. Immutable. */
    interface Texts {
        /** The text of a row's field, or null. */
        String text(int row, int field);

        long bytes();
    }

    /** A decoded block's texts: UTF-8 bytes and per-cell (row * nText + field) start/length; start -1 = null. Immutable. */
    static final class Text implements Texts {
        final byte[] bytes;
        final int[] start;
        final int[] len;
        final int nText;
        final int[] cells;      // the non-null cells, in order
        final int nCells;

        Text(byte[] bytes, int[] start, int[] len, int nText) {
            this.bytes = bytes;
            this.start = start;
            this.len = len;
            this.nText = nText;
            int[] c = new int[start.length];
            int k = 0;
            for (int i = 0; i < start.length; i++) {
                if (start[i] >= 0) {
                    c[k++] = i;
                }
            }
            this.cells = c;
            this.nCells = k;
        }

        @Override
        public String text(int row, int field) {
            int s = start[row * nText + field];
            return s < 0 ? null : new String(bytes, s, len[row * nText + field], StandardCharsets.UTF_8);
        }

        @Override
        public long bytes() {
            return 64 + bytes.length + start.length * 8L;
        }
    }

    /**
     * A shaped block's texts (events, one text per row), read lazily from its two blobs.
     *
     * <p>{@code offsets}: n, E (entries: the distinct texts, in order of first appearance), L and the block's L shape
     * ids, the widths w (1|2), v (2|4), u (1|2); E × w: each entry's index in the shape list; E × v: where each entry's
     * digits end (in nibbles, cumulative); R and R × (entry, byte length) for the verbatim ({@link Shapes#RAW})
     * entries; a bitmap of the n rows that have a text; over those rows a bitmap of first appearances (the row holds
     * the next new entry); the entry of every other row with a text (u bytes). {@code text}: the digit runs of the
     * shaped entries, each run followed by the nibble A, packed two digits per byte (high nibble first, F pads), then
     * the verbatim entries' UTF-8.
     */
    static final class ShapedText implements Texts {
        final int n;
        final int entries;
        final byte[] ent;
        final byte[] data;
        final int[] local;
        final int shapeWidth;
        final int endWidth;
        final int repWidth;
        final int shapesPos;
        final int endsPos;
        final int rowsPos;
        final int storedN;
        final int nibbles;
        final int packedLen;
        final int[] rawEntry;
        final int[] rawStart;
        final int[] rawLen;
        final Shapes.View shapes;
        private int[] rowEntry;
        private String hay;

        ShapedText(int n, byte[] ent, byte[] data, Shapes.View shapes) {
            this.n = n;
            this.ent = ent;
            this.data = data;
            this.shapes = shapes;
            if (ent == null) {
                storedN = entries = nibbles = packedLen = 0;
                local = rawEntry = rawStart = rawLen = new int[0];
                shapeWidth = repWidth = 1;
                endWidth = 2;
                shapesPos = endsPos = rowsPos = 0;
                return;
            }
            Codec.In in = new Codec.In(ent);
            storedN = (int) in.varint();
            entries = (int) in.varint();
            int nl = (int) in.varint();
            local = new int[nl];
            for (int i = 0; i < nl; i++) {
                local[i] = (int) in.varint();
            }
            shapeWidth = in.u8();
            endWidth = in.u8();
            repWidth = in.u8();
            shapesPos = in.pos;
            endsPos = shapesPos + entries * shapeWidth;
            in.pos = endsPos + entries * endWidth;
            nibbles = entries == 0 ? 0 : end(entries - 1);
            packedLen = (nibbles + 1) / 2;
            int r = (int) in.varint();
            rawEntry = new int[r];
            rawStart = new int[r];
            rawLen = new int[r];
            int at = packedLen;
            for (int i = 0; i < r; i++) {
                rawEntry[i] = (int) in.varint();
                rawLen[i] = (int) in.varint();
                rawStart[i] = at;
                at += rawLen[i];
            }
            rowsPos = in.pos;
        }

        int shape(int e) {
            int p = shapesPos + e * shapeWidth;
            int l = shapeWidth == 1 ? ent[p] & 0xFF : (ent[p] & 0xFF) | (ent[p + 1] & 0xFF) << 8;
            return local[l];
        }

        /** Where entry e's digits end, in nibbles. */
        int end(int e) {
            int p = endsPos + e * endWidth;
            int v = (ent[p] & 0xFF) | (ent[p + 1] & 0xFF) << 8;
            if (endWidth == 4) {
                v |= (ent[p + 2] & 0xFF) << 16 | (ent[p + 3] & 0xFF) << 24;
            }
            return v;
        }

        int start(int e) {
            return e == 0 ? 0 : end(e - 1);
        }

        /** The entry whose digits hold nibble {@code pos}, searching from entry {@code from} on. */
        int entryAt(int pos, int from) {
            int lo = from;
            for (int k = 0; k < 4 && lo < entries - 1; k++) {
                if (end(lo) > pos) {
                    return lo;
                }
                lo++;
            }
            int hi = entries - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (end(mid) <= pos) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Per row (of the reader's n): its entry, or -1. */
        int[] rows() {
            int[] re = rowEntry;
            if (re != null) {
                return re;
            }
            re = new int[n];
            Arrays.fill(re, -1);
            if (ent != null) {
                int hasPos = rowsPos;
                int hasLen = (storedN + 7) / 8;
                int withText = popcount(ent, hasPos, hasLen);
                int newPos = hasPos + hasLen;
                int repPos = newPos + (withText + 7) / 8;
                int t = 0;
                int next = 0;
                for (int i = 0; i < n; i++) {
                    if ((ent[hasPos + (i >>> 3)] & (1 << (i & 7))) == 0) {
                        continue;
                    }
                    if ((ent[newPos + (t >>> 3)] & (1 << (t & 7))) != 0) {
                        re[i] = next++;
                    } else {
                        re[i] = repWidth == 1 ? ent[repPos] & 0xFF : (ent[repPos] & 0xFF) | (ent[repPos + 1] & 0xFF) << 8;
                        repPos += repWidth;
                    }
                    t++;
                }
            }
            rowEntry = re;
            return re;
        }

        /** The reader's rows (of n) whose entry is marked in {@code state}, as a bit set (ORed into {@code bits}). */
        void rowBits(byte[] state, int marked, long[] bits) {
            if (ent == null || marked == 0) {
                return;
            }
            if (rowEntry != null || marked * 8 > entries) {
                int[] re = rows();
                for (int r = 0; r < n; r++) {
                    int e = re[r];
                    if (e >= 0 && state[e] != 0) {
                        bits[r >>> 6] |= 1L << (r & 63);
                    }
                }
                return;
            }
            // few entries: find their rows by select over the bitmaps instead of decoding every row
            int hasPos = rowsPos;
            int hasLen = (storedN + 7) / 8;
            int withText = popcount(ent, hasPos, hasLen);
            int newPos = hasPos + hasLen;
            int newLen = (withText + 7) / 8;
            int repPos = newPos + newLen;
            int news = popcount(ent, newPos, newLen);
            int repeats = withText - news;
            for (int e = 0; e < entries && e < news; e++) {
                if (state[e] != 0) {
                    int t = select(ent, newPos, newLen, e, false);
                    mark(bits, select(ent, hasPos, hasLen, t, false));
                }
            }
            for (int j = 0; j < repeats; j++) {
                int p = repPos + j * repWidth;
                int e = repWidth == 1 ? ent[p] & 0xFF : (ent[p] & 0xFF) | (ent[p + 1] & 0xFF) << 8;
                if (e < entries && state[e] != 0) {
                    int t = select(ent, newPos, newLen, j, true);
                    if (t >= 0 && t < withText) {
                        mark(bits, select(ent, hasPos, hasLen, t, false));
                    }
                }
            }
        }

        private void mark(long[] bits, int r) {
            if (r >= 0 && r < n) {
                bits[r >>> 6] |= 1L << (r & 63);
            }
        }

        private static int popcount(byte[] b, int pos, int len) {
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
        private static int select(byte[] b, int pos, int len, int k, boolean zeros) {
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

        int shapeOfRow(int row) {
            int e = rows()[row];
            return e < 0 ? Shapes.NONE : shape(e);
        }

        private int rawIndex(int e) {
            int i = Arrays.binarySearch(rawEntry, e);     // verbatim entries are listed in entry order
            if (i < 0) {
                throw new IllegalStateException("entry " + e + " is not verbatim");
            }
            return i;
        }

        /** The i-th verbatim entry's text, lower-cased. */
        String lowerRawText(int i) {
            return new String(data, rawStart[i], rawLen[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }

        String entryText(int e) {
            int sh = shape(e);
            if (sh == Shapes.RAW) {
                int i = rawIndex(e);
                return new String(data, rawStart[i], rawLen[i], StandardCharsets.UTF_8);
            }
            return Shapes.expandPacked(shapes.shapes()[sh], data, start(e));
        }

        String lowerEntryText(int e) {
            int sh = shape(e);
            if (sh == Shapes.RAW) {
                return entryText(e).toLowerCase(Locale.ROOT);
            }
            return Shapes.expandPacked(shapes.lower()[sh], data, start(e));
        }

        /** The packed digits as one Latin-1 string (made once per decoded block). */
        String hay() {
            String h = hay;
            if (h == null) {
                h = new String(data, 0, packedLen, StandardCharsets.ISO_8859_1);
                hay = h;
            }
            return h;
        }

        @Override
        public String text(int row, int field) {
            int e = rows()[row];
            return e < 0 ? null : entryText(e);
        }

        @Override
        public long bytes() {
            return 96 + data.length + packedLen + (ent == null ? 0 : ent.length) + n * 4L;
        }
    }

    /**
     * Finds a digit string in packed digits (two per byte): occurrences starting at an even nibble are found by
     * searching for its digit pairs as bytes, those at an odd nibble for its pairs shifted by one, each then checked
     * at its ends; strings of one or two digits are looked for nibble by nibble.
     */
    static final class NibbleFinder {
        final byte[] d;
        final String even;
        final String odd;

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

        /** For one or two digits, per byte: 1 = they start at its high nibble, 2 = the first one is its low nibble. */
        private final byte[] table;

        /** The first nibble position >= from where the digits occur (before {@code nibbles}), or -1. */
        int next(ShapedText tx, int from) {
            int l = d.length;
            int nib = tx.nibbles;
            if (l <= 2) {
                return nextShort(tx.data, from, nib);
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

        private int nextEven(ShapedText tx, int from) {
            String hay = tx.hay();
            byte[] b = tx.data;
            int l = d.length;
            int i = (from + 1) / 2;
            while (true) {
                int k = hay.indexOf(even, i);
                if (k < 0) {
                    return -1;
                }
                int p = 2 * k;
                if (p + l > tx.nibbles) {
                    return -1;
                }
                if ((l & 1) == 0 || Shapes.nibble(b, p + l - 1) == d[l - 1]) {
                    return p;
                }
                i = k + 1;
            }
        }

        private int nextOdd(ShapedText tx, int from) {
            String hay = tx.hay();
            byte[] b = tx.data;
            int l = d.length;
            int i = Math.max(1, from / 2 + 1);     // the first full pair byte of an occurrence at nibble 2(i-1)+1 >= from
            while (true) {
                int k = hay.indexOf(odd, i);
                if (k < 0) {
                    return -1;
                }
                int p = 2 * k - 1;
                if (p + l > tx.nibbles) {
                    return -1;
                }
                if ((b[k - 1] & 0xF) == d[0] && ((l & 1) == 1 || Shapes.nibble(b, p + l - 1) == d[l - 1])) {
                    return p;
                }
                i = k + 1;
            }
        }
    }

    /** Decoded sealed blocks shared by all readers (they never change), least recently used first out. */
    private final Map<Long, Object> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cacheBytes;
    static volatile long cacheLimit = 48L << 20;

    private Object cached(long key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    /**
     * Keys asked for once lately (key + 1; 0 = empty slot). A block enters the cache on its second request: paging
     * through a block hits it from then on, while a block read once (a jump, a first search's one-pass scan) would
     * only push out what is useful and give the collector medium-lived garbage to copy.
     */
    private final long[] askedOnce = new long[4096];

    private void remember(long key, Object v, long bytes) {
        synchronized (cache) {
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 52);
            if (askedOnce[slot] != key + 1) {
                askedOnce[slot] = key + 1;
                return;
            }
            if (cache.put(key, v) == null) {
                cacheBytes += bytes;
            }
            var it = cache.entrySet().iterator();
            while (cacheBytes > cacheLimit && it.hasNext()) {
                Object old = it.next().getValue();
                cacheBytes -= old instanceof Block ob ? ob.bytes() : ((Texts) old).bytes();
                it.remove();
            }
        }
    }

    private static long cacheKey(long generation, int blockNo, int part) {
        return (generation << 40) ^ ((long) blockNo << 1) ^ part;
    }

    /**
     * Decodes the first {@code n} rows of a block. The stored row may hold more rows than the reader's snapshot
     * knows (the tail block is rewritten by later appends); its header says how many, and local kind indexes of
     * the first rows never change because palettes are in order of first appearance.
     */
    Block decode(Db db, BlockInfo bi, int n) throws SQLException {
        byte[] cols = db.blob(sqlCols, bi.blockNo);
        if (cols == null) {
            return null;    // cleared underneath us
        }
        Codec.In in = new Codec.In(cols);
        int storedN = (int) in.varint();
        int width = in.u8();
        if (storedN < n) {
            return null;
        }
        int base = in.pos;
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            int l = width == 2 ? (cols[base + 2 * i] & 0xFF) | ((cols[base + 2 * i + 1] & 0xFF) << 8) : cols[base + i] & 0xFF;
            kinds[i] = l < bi.kinds.length ? bi.kinds[l] : -1;
        }
        in.pos = base + width * storedN;
        long[] times = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long v = in.varint();
            if (v == 0) {
                times[i] = NULL_TIME;
            } else {
                long z = v - 1;
                prev += (z >>> 1) ^ -(z & 1);
                times[i] = prev;
            }
        }
        return new Block(bi, n, (long) bi.blockNo * B + 1, times, kinds);
    }

    Texts readText(Db db, BlockInfo bi, int n, Shapes.View sv) throws SQLException {
        PreparedStatement p = db.ps(sqlText);
        p.setInt(1, bi.blockNo);
        byte[] offsets;
        byte[] text;
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                if (shapes != null) {
                    return new ShapedText(n, null, new byte[0], sv);
                }
                int[] start = new int[n * nText];
                Arrays.fill(start, -1);
                return new Text(new byte[0], start, new int[n * nText], nText);
            }
            offsets = rs.getBytes(1);
            text = rs.getBytes(2);
        }
        return textsOf(bi, n, offsets, text, sv);
    }

    Texts textsOf(BlockInfo bi, int n, byte[] offsets, byte[] text, Shapes.View sv) {
        if (shapes != null) {
            return new ShapedText(n, offsets, text, sv);
        }
        Codec.In in = new Codec.In(offsets);
        int[] start = new int[n * nText];
        int[] len = new int[n * nText];
        int pos = 0;
        for (int i = 0; i < n * nText; i++) {
            long v = in.varint();
            if (v == 0) {
                start[i] = -1;
            } else {
                start[i] = pos;
                len[i] = (int) (v - 1);
                pos += (int) (v - 1);
            }
        }
        return new Text(text, start, len, nText);
    }

    // ---- filters ----

    /** A compiled filter: kinds allowed, time range (inclusive, ns) and an optional text search. */
    static final class Filter {
        boolean[] kindOk;        // null = every kind
        boolean timed;
        long tLo = Long.MIN_VALUE;
        long tHi = Long.MAX_VALUE;
        Search search;
        String cacheKey;

        boolean kindOk(int kind) {
            return kindOk == null || (kind >= 0 && kind < kindOk.length && kindOk[kind]);
        }

        boolean timeOk(long t) {
            return !timed || (t != NULL_TIME && t >= tLo && t <= tHi);
        }
    }

    /** A case-insensitive substring search. */
    static final class Search {
        final String lower;
        final byte[] q;
        final String qLatin;
        boolean[] kindHit;       // kinds whose names (or, events, whose context shape) contain the text
        DigitMatcher digits;     // for ids in decimal (events), or null
        final int[] gramBits;
        /** Events: kinds whose rows may match by their context text (verbatim, or shape + digits); null = every kind. */
        boolean[] textKind;
        /** Events: how the text meets each shape. */
        Shapes.Match shapeMatch;
        /** Events: the longest digit run of the text (what the digit runs of a block are searched for), and whether it is all of it. */
        String digitNeedle;
        boolean pureDigits;

        Search(String text) {
            this.lower = text.toLowerCase(Locale.ROOT);
            this.q = lower.getBytes(StandardCharsets.UTF_8);
            this.qLatin = new String(q, StandardCharsets.ISO_8859_1);
            int[] bits = new int[Math.max(0, q.length) * 3];
            int k = 0;
            for (int i = 0; i < q.length; i++) {
                int x = q[i] & 0xFF;
                bits[k++] = 8192 + 4096 + x;
                if (i >= 1) {
                    bits[k++] = 8192 + bigram(q[i - 1] & 0xFF, x);
                }
                if (i >= 2) {
                    bits[k++] = trigram(q[i - 2] & 0xFF, q[i - 1] & 0xFF, x);
                }
            }
            this.gramBits = Arrays.copyOf(bits, k);
        }

        boolean kindHit(int kind) {
            return kind >= 0 && kind < kindHit.length && kindHit[kind];
        }

        /** Whether rows of this kind may match by text. */
        boolean textKind(int kind) {
            return textKind == null || kind >= 0 && kind < textKind.length && textKind[kind];
        }

        private NibbleFinder finder;

        NibbleFinder finder() {
            NibbleFinder f = finder;
            if (f == null) {
                f = new NibbleFinder(digitNeedle);
                finder = f;
            }
            return f;
        }

        void shapes(Shapes.Match m) {
            this.shapeMatch = m;
            String best = "";
            int i = 0;
            while (i < lower.length()) {
                int j = i;
                while (j < lower.length() && Shapes.isDigit(lower.charAt(j))) {
                    j++;
                }
                if (j - i > best.length()) {
                    best = lower.substring(i, j);
                }
                i = Math.max(j, i + 1);
            }
            this.digitNeedle = best;
            this.pureDigits = !best.isEmpty() && best.length() == lower.length();
        }

        boolean mayContain(byte[] grams) {
            if (grams == null) {
                return true;
            }
            for (int b : gramBits) {
                if (!hasBit(grams, b)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The rows of block {@code b} whose searchable text contains the search text, as a bit set. */
    long[] textMatches(Block b, Texts tx, Search s) {
        return textMatches(b.info, b.n, tx, s);
    }

    long[] textMatches(BlockInfo info, int n, Texts texts, Search s) {
        long[] bits = new long[(n + 63) >>> 6];
        if (s.q.length == 0) {
            Arrays.fill(bits, -1L);
            return bits;
        }
        if (texts instanceof ShapedText st) {
            return shapedMatches(st, n, s, bits);
        }
        Text tx = (Text) texts;
        int flags = info.flags;
        if ((flags & FLAG_ASCII) != 0) {
            byte[] txt = tx.bytes;
            if ((flags & FLAG_UPPER) != 0) {
                txt = txt.clone();
                for (int i = 0; i < txt.length; i++) {
                    byte x = txt[i];
                    if (x >= 'A' && x <= 'Z') {
                        txt[i] = (byte) (x | 0x20);
                    }
                }
            }
            String hay = new String(txt, StandardCharsets.ISO_8859_1);
            int qn = s.q.length;
            int[] cl = tx.cells;
            int limit = n * nText;
            int nc = tx.nCells;
            int p = 0;
            int from = 0;
            while (true) {
                int hit = hay.indexOf(s.qLatin, from);
                if (hit < 0) {
                    break;
                }
                // hits only move forward: advance to the first non-null cell ending after the hit
                while (p < nc && tx.start[cl[p]] + tx.len[cl[p]] <= hit) {
                    p++;
                }
                if (p >= nc || cl[p] >= limit) {
                    break;
                }
                int cell = cl[p];
                int st = tx.start[cell];
                int r = cell / nText;
                if (st <= hit && hit + qn <= st + tx.len[cell] && searchable[cell % nText]) {
                    bits[r >>> 6] |= 1L << (r & 63);
                    // the row matched: continue with the next row's first text
                    int nextCell = (r + 1) * nText;
                    while (p < nc && cl[p] < nextCell) {
                        p++;
                    }
                    if (p >= nc || cl[p] >= limit) {
                        break;
                    }
                    from = tx.start[cl[p]];
                } else {
                    from = hit + 1;
                }
            }
            return bits;
        }
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < nText; f++) {
                if (searchable[f]) {
                    String t = tx.text(r, f);
                    if (t != null && t.toLowerCase(Locale.ROOT).contains(s.lower)) {
                        bits[r >>> 6] |= 1L << (r & 63);
                        break;
                    }
                }
            }
        }
        return bits;
    }

    /**
     * Shaped texts: an entry whose shape may hold the text through its digits is found by searching the block's digit
     * runs for the text's longest digit run; it matches if the text is all digits, else if its whole (lower-cased,
     * re-assembled) text contains the search text. Verbatim entries are lower-cased and searched. Terms without a
     * digit never reach here for shaped entries: they are decided per shape (the row's kind).
     */
    private static long[] shapedMatches(ShapedText tx, int n, Search s, long[] bits) {
        byte[] state = null;
        int marked = 0;
        Shapes.Match m = s.shapeMatch;
        int entries = tx.entries;
        if (entries == 0) {
            return bits;
        }
        boolean hasDigit = m != null && m.hasDigit();
        if (hasDigit && tx.nibbles > 0) {
            NibbleFinder finder = s.finder();
            boolean[] byDigits = m.byDigits();
            int from = 0;
            int e = 0;
            while (true) {
                int hit = finder.next(tx, from);
                if (hit < 0) {
                    break;
                }
                e = tx.entryAt(hit, e);
                int sh = tx.shape(e);
                if (sh < byDigits.length && byDigits[sh] && (s.pureDigits || tx.lowerEntryText(e).contains(s.lower))) {
                    if (state == null) {
                        state = new byte[entries];
                    }
                    state[e] = 1;
                    marked++;
                }
                from = tx.end(e);
            }
        }
        for (int i = 0; i < tx.rawEntry.length; i++) {
            int e = tx.rawEntry[i];
            if (tx.lowerRawText(i).contains(s.lower)) {
                if (state == null) {
                    state = new byte[entries];
                }
                state[e] = 1;
                marked++;
            }
        }
        if (state != null) {
            tx.rowBits(state, marked, bits);
        }
        return bits;
    }

    // ---- counting ----

    /** Per-query reader: the view, the database, and decoded blocks of this query. */
    final class Reader {
        final View view;
        final Db db;
        final Filter filter;
        private final Map<Integer, Block> blocks = new HashMap<>();
        private final Map<Integer, Texts> texts = new HashMap<>();
        private final Map<Integer, long[]> textHits = new HashMap<>();
        private final java.util.BitSet noText = new java.util.BitSet();
        final long generation;
        int[] counts;           // exact matches per block
        long total;

        Reader(View view, Db db, Filter filter, long generation) {
            this.view = view;
            this.db = db;
            this.filter = filter;
            this.generation = generation;
        }

        Block block(int i) throws SQLException {
            Block b = blocks.get(i);
            if (b == null) {
                BlockInfo bi = view.block(i);
                boolean sealedBlock = i < view.sealedCount;
                long key = cacheKey(generation, bi.blockNo, 0);
                b = sealedBlock ? (Block) cached(key) : null;
                if (b == null) {
                    b = decode(db, bi, bi.n);
                    if (b == null) {
                        return null;
                    }
                    if (sealedBlock) {
                        remember(key, b, b.bytes());
                    }
                }
                blocks.put(i, b);
            }
            return b;
        }

        Texts text(int i) throws SQLException {
            Texts t = texts.get(i);
            if (t == null) {
                BlockInfo bi = view.block(i);
                boolean sealedBlock = i < view.sealedCount;
                long key = cacheKey(generation, bi.blockNo, 1);
                t = sealedBlock ? (Texts) cached(key) : null;
                if (t == null) {
                    t = readText(db, bi, bi.n, view.shapes);
                    if (sealedBlock) {
                        remember(key, t, t.bytes());
                    }
                }
                texts.put(i, t);
            }
            return t;
        }

        boolean rowMatches(Block b, int r) throws SQLException {
            int kind = b.kinds[r];
            if (!filter.kindOk(kind) || !filter.timeOk(b.times[r])) {
                return false;
            }
            Search s = filter.search;
            if (s == null || s.kindHit(kind)) {
                return true;
            }
            if (s.digits != null && s.digits.matches(b.firstId + r)) {
                return true;
            }
            long[] hits;
            if (lastHitsBlock == b.info.blockNo) {
                hits = lastHits;
            } else {
                if (noText.get(b.info.blockNo)) {
                    return false;
                }
                hits = hitsOf(b.info.blockNo);
                lastHitsBlock = b.info.blockNo;
                lastHits = hits;
            }
            return (hits[r >>> 6] & (1L << (r & 63))) != 0;
        }

        private int[] memo;          // per-block match counts computed lazily (-1 = not yet), filters without search
        private int lastHitsBlock = -1;
        private long[] lastHits;

        /** Computes the total; for a search also exact per-block match counts (cached per search for sealed blocks). */
        void count() throws SQLException {
            int nb = view.blockCount();
            if (filter.search == null) {
                memo = new int[nb];
                Arrays.fill(memo, -1);
                long sum = 0;
                int i = 0;
                while (i < nb) {
                    if (i % SEG == 0 && i / SEG < view.segCount) {
                        long c = segmentMatches(i / SEG);
                        if (c >= 0) {
                            sum += c;
                            i += SEG;
                            continue;
                        }
                    }
                    sum += blockMatches(i);
                    i++;
                }
                total = sum;
                return;
            }
            counts = new int[nb];
            SearchCounts cached;
            synchronized (searchCache) {
                cached = searchCache.get(filter.cacheKey);
            }
            int cachedUpTo = cached == null ? 0 : Math.min(cached.counts.length, view.sealedCount);
            if (cached != null) {
                noText.or(cached.noText().get(0, cachedUpTo));
            }
            // the n-gram filters cannot rule out a string of digits (every block has most digit trigrams): not read then
            boolean useGrams = !(shapes != null && filter.search.pureDigits);
            byte[][] grams = cachedUpTo < nb && useGrams ? loadGrams(cachedUpTo, nb - 1) : null;
            if (cachedUpTo < view.sealedCount) {
                prefetch(cachedUpTo, view.sealedCount, grams);
            }
            long sum = 0;
            for (int i = 0; i < nb; i++) {
                int c = i < cachedUpTo ? cached.counts[i] : countBlock(i, grams == null ? null : grams[i - cachedUpTo]);
                counts[i] = c;
                sum += c;
            }
            total = sum;
            if (view.sealedCount > cachedUpTo) {
                SearchCounts fresh = new SearchCounts(Arrays.copyOf(counts, view.sealedCount), noText.get(0, view.sealedCount));
                synchronized (searchCache) {
                    searchCache.put(filter.cacheKey, fresh);
                    while (searchCache.size() > 32) {
                        searchCache.remove(searchCache.keySet().iterator().next());
                    }
                }
            }
        }

        private byte[] kindFlags;
        private boolean anyHit;

        /**
         * Per kind id: {@link #KF_OK} (passes the filter), {@link #KF_HIT} (its names or shape match), {@link #KF_TEXT}
         * (may match by text); null without kind filter and search.
         */
        private byte[] kindFlags() {
            byte[] kf = kindFlags;
            if (kf == null) {
                Filter f = filter;
                if (f.search == null && f.kindOk == null) {
                    return null;    // every kind passes
                }
                kf = new byte[f.search != null ? f.search.kindHit.length : f.kindOk.length];
                int max = kf.length;
                for (int k = 0; k < max; k++) {
                    int fl = f.kindOk(k) ? KF_OK : 0;
                    if (f.search == null) {
                        fl |= KF_HIT;
                    } else if (f.search.kindHit(k)) {
                        fl |= KF_HIT;
                    } else if (f.search.textKind(k)) {
                        fl |= KF_TEXT;
                    }
                    kf[k] = (byte) fl;
                    anyHit |= (fl & KF_HIT) != 0;
                }
                kindFlags = kf;
            }
            return kf;
        }

        /** The rows of block i whose text matches the search, as a bit set (computed once per reader). */
        long[] hitsOf(int i) throws SQLException {
            BlockInfo bi = view.block(i);
            long[] hits = textHits.get(bi.blockNo);
            if (hits == null) {
                hits = textMatches(bi, bi.n, text(i), filter.search);
                textHits.put(bi.blockNo, hits);
            }
            return hits;
        }

        /** Whether counting block i needs its texts (mirrors {@link #countBlock}). */
        private boolean needsText(int i, byte[] grams) {
            BlockInfo bi = view.block(i);
            Filter f = filter;
            if (f.timed && (bi.tMax == NULL_TIME || bi.tMax < f.tLo || bi.tMin > f.tHi)) {
                return false;
            }
            boolean textKinds = false;
            byte[] kf = kindFlags();
            for (int kind : bi.kinds) {
                if (kind >= 0 && kind < kf.length && (kf[kind] & (KF_OK | KF_HIT | KF_TEXT)) == (KF_OK | KF_TEXT)) {
                    textKinds = true;
                    break;
                }
            }
            return textKinds && f.search.mayContain(grams);
        }

        /**
         * Computes the text matches of the sealed blocks in [from, to) that {@link #countBlock} will need, in chunks
         * shared by this thread (on its connection) and the store's scan helper (on a connection of its own, in a read
         * transaction of the same generation: sealed blocks never change within one). Whatever the helper did not
         * finish is done here, so a busy or failing helper only costs time.
         */
        private void prefetch(int from, int to, byte[][] grams) throws SQLException {
            DataSource ds = scanSource;
            if (ds == null || to - from < PREFETCH_MIN) {
                return;
            }
            int[] need = new int[to - from];
            int k = 0;
            for (int i = from; i < to; i++) {
                if (!textHits.containsKey(view.block(i).blockNo) && needsText(i, grams == null ? null : grams[i - from])) {
                    need[k++] = i;
                }
            }
            if (k < PREFETCH_MIN) {
                return;
            }
            int chunks = (k + PREFETCH_CHUNK - 1) / PREFETCH_CHUNK;
            Scan scan = new Scan(Arrays.copyOf(need, k), chunks);
            SCAN_POOL.execute(() -> scan.help(ds, this));
            int c;
            while ((c = scan.claim()) >= 0) {
                try {
                    scan.run(c, db, this);
                } finally {
                    scan.release();
                }
            }
            scan.finish();
            for (int ch = 0; ch < chunks; ch++) {
                if (!scan.done[ch]) {
                    scan.run(ch, db, this);
                }
            }
            for (int j = 0; j < k; j++) {
                if (scan.out[j] != null) {
                    textHits.put(view.block(scan.need[j]).blockNo, scan.out[j]);
                }
            }
        }

        /** Matches in a whole segment from its kind counts, or -1 when the time range cuts it. */
        private long segmentMatches(int sIdx) {
            Segment sg = view.segments[sIdx];
            Filter f = filter;
            if (f.timed) {
                if (sg.tMax == NULL_TIME || sg.tMax < f.tLo || sg.tMin > f.tHi) {
                    return 0;
                }
                if (sg.nulls > 0 || sg.tMin < f.tLo || sg.tMax > f.tHi) {
                    return -1;
                }
            }
            if (f.kindOk == null) {
                return sg.rows;
            }
            long c = 0;
            int[] kc = sg.kindCounts;
            int n = Math.min(kc.length, f.kindOk.length);
            for (int k = 0; k < n; k++) {
                if (f.kindOk[k]) {
                    c += kc[k];
                }
            }
            return c;
        }

        private int blockMatches(int i) throws SQLException {
            if (counts != null) {
                return counts[i];
            }
            int c = memo[i];
            if (c < 0) {
                c = countBlock(i, null);
                memo[i] = c;
            }
            return c;
        }

        private byte[][] loadGrams(int from, int to) throws SQLException {
            byte[][] out = new byte[to - from + 1][];
            PreparedStatement p = db.ps(sqlGramsRange);
            p.setInt(1, from);
            p.setInt(2, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int bn = rs.getInt(1);
                    if (bn >= from && bn <= to) {
                        out[bn - from] = rs.getBytes(2);
                    }
                }
            }
            return out;
        }

        private int countBlock(int i, byte[] grams) throws SQLException {
            BlockInfo bi = view.block(i);
            Filter f = filter;
            if (f.timed && (bi.tMax == NULL_TIME || bi.tMax < f.tLo || bi.tMin > f.tHi)) {
                return 0;
            }
            int kindMatches = 0;
            int nameMatches = 0;
            boolean textKinds = false;
            byte[] kf = kindFlags();
            int[] kinds = bi.kinds;
            int[] counts = bi.counts;
            if (kf != null && f.kindOk == null && !anyHit) {
                // every row passes, none by its kind: only whether some kind may match by text
                kindMatches = bi.n;
                for (int kind : kinds) {
                    if (kind >= 0 && kind < kf.length && (kf[kind] & KF_TEXT) != 0) {
                        textKinds = true;
                        break;
                    }
                }
            } else {
                for (int k = 0; k < kinds.length; k++) {
                    int kind = kinds[k];
                    int fl = kf == null ? KF_OK | KF_HIT : kind >= 0 && kind < kf.length ? kf[kind] : 0;
                    if ((fl & KF_OK) != 0) {
                        kindMatches += counts[k];
                        if ((fl & KF_HIT) != 0) {
                            nameMatches += counts[k];
                        } else if ((fl & KF_TEXT) != 0) {
                            textKinds = true;
                        }
                    }
                }
            }
            if (kindMatches == 0) {
                return 0;
            }
            boolean wholeTime = !f.timed || (bi.nulls == 0 && bi.tMin >= f.tLo && bi.tMax <= f.tHi);
            boolean textPossible = f.search == null || textKinds && f.search.mayContain(grams);
            if (!textPossible) {
                noText.set(bi.blockNo);
            }
            if (wholeTime) {
                if (f.search == null || nameMatches == kindMatches) {
                    return kindMatches;
                }
                if (!textPossible && f.search.digits == null) {
                    return nameMatches;
                }
                if (f.kindOk == null && nameMatches == 0) {
                    // only text (and the id) can match: no need for the block's kinds and times
                    int n = bi.n;
                    long[] hits = textPossible ? hitsOf(i) : new long[(n + 63) >>> 6];
                    long[] any = hits;
                    if (f.search.digits != null) {
                        any = hits.clone();
                        f.search.digits.orInto((long) bi.blockNo * B + 1, n, any);
                    }
                    int c = 0;
                    for (long w : any) {
                        c += Long.bitCount(w);
                    }
                    return c;
                }
            }
            Block b = block(i);
            if (b == null) {
                return 0;
            }
            int c = 0;
            if (f.search == null) {
                for (int r = 0; r < b.n; r++) {
                    if (f.kindOk(b.kinds[r]) && f.timeOk(b.times[r])) {
                        c++;
                    }
                }
                return c;
            }
            long[] hits = null;
            Search se = f.search;
            for (int r = 0; r < b.n; r++) {
                int kind = b.kinds[r];
                if (!f.kindOk(kind) || !f.timeOk(b.times[r])) {
                    continue;
                }
                if (se.kindHit(kind) || se.digits != null && se.digits.matches(b.firstId + r)) {
                    c++;
                    continue;
                }
                if (!textPossible) {
                    continue;
                }
                if (hits == null) {
                    hits = hitsOf(i);
                }
                if ((hits[r >>> 6] & (1L << (r & 63))) != 0) {
                    c++;
                }
            }
            return c;
        }

        /**
         * Up to {@code limit} matching row ids starting at {@code startId} (inclusive) in the given direction.
         * {@code more[0]} tells whether another match lies beyond the last one returned. Needs {@link #count()}.
         */
        List<long[]> collect(long startId, boolean ascending, int limit, boolean[] more) throws SQLException {
            List<long[]> out = new ArrayList<>();   // {id, blockIndex, row}
            more[0] = false;
            long last = view.rows;
            if (last == 0 || startId < 1 || startId > last) {
                return out;
            }
            int bi = (int) ((startId - 1) / B);
            int step = ascending ? 1 : -1;
            int nb = view.blockCount();
            for (int i = bi; i >= 0 && i < nb; i += step) {
                if (counts == null && i != bi && i / SEG < view.segCount
                        && (ascending ? i % SEG == 0 : i % SEG == SEG - 1) && segmentMatches(i / SEG) == 0) {
                    i += step * (SEG - 1);      // a whole segment without a match
                    continue;
                }
                if (blockMatches(i) == 0) {
                    continue;
                }
                Block b = block(i);
                if (b == null) {
                    return out;
                }
                int r0 = i == bi ? (int) ((startId - 1) % B) : (ascending ? 0 : b.n - 1);
                for (int r = r0; r >= 0 && r < b.n; r += step) {
                    if (rowMatches(b, r)) {
                        if (out.size() == limit) {
                            more[0] = true;
                            return out;
                        }
                        out.add(new long[] {b.firstId + r, i, r});
                    }
                }
            }
            return out;
        }

        /** The first row id (ignoring the filter) whose time is at or after {@code tNs}, or -1. */
        long firstIdAtOrAfter(long tNs) throws SQLException {
            int nb = view.blockCount();
            for (int i = 0; i < nb; i++) {
                BlockInfo bi = view.block(i);
                if (bi.tMax == NULL_TIME || bi.tMax < tNs) {
                    continue;
                }
                Block b = block(i);
                if (b == null) {
                    return -1;
                }
                for (int r = 0; r < b.n; r++) {
                    if (b.times[r] != NULL_TIME && b.times[r] >= tNs) {
                        return b.firstId + r;
                    }
                }
            }
            return -1;
        }

        Block blockOfRow(long[] ref) throws SQLException {
            return block((int) ref[1]);
        }

        Texts textOfRow(long[] ref) throws SQLException {
            return text((int) ref[1]);
        }
    }

    static final int KF_OK = 1;
    static final int KF_HIT = 2;
    static final int KF_TEXT = 4;
    static final int PREFETCH_MIN = 24;
    static final int PREFETCH_CHUNK = 32;
    /** Set by the store: where the scan helper gets its connection; null = no parallel scanning. */
    volatile DataSource scanSource;

    /** One helper thread for all stores: scans share the machine's cores with the caller (and never hold the writer's lock). */
    private static final ThreadPoolExecutor SCAN_POOL = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "happysim-store-scan");
                t.setDaemon(true);
                return t;
            });

    static {
        SCAN_POOL.allowCoreThreadTimeOut(true);
    }

    /** The chunks of one parallel text scan. */
    private final class Scan {
        final int[] need;
        final long[][] out;
        final boolean[] done;
        final int chunks;
        private int next;
        private int busy;
        private boolean stopped;

        Scan(int[] need, int chunks) {
            this.need = need;
            this.out = new long[need.length][];
            this.done = new boolean[chunks];
            this.chunks = chunks;
        }

        synchronized int claim() {
            if (stopped || next >= chunks) {
                return -1;
            }
            busy++;
            return next++;
        }

        synchronized void release() {
            busy--;
            notifyAll();
        }

        /** Stops handing out chunks and waits for the one the helper may be working on. */
        synchronized void finish() {
            stopped = true;
            while (busy > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void help(DataSource ds, Reader reader) {
            if (isOver()) {
                return;     // the reader has done everything already
            }
            // the connection first: a chunk is claimed only when it can be worked on at once
            try (Db hdb = new Db(ds.getConnection(), true)) {
                if (hdb.generation() != reader.generation) {
                    return;     // cleared since: leave the rest to the reader
                }
                int c;
                while ((c = claim()) >= 0) {
                    try {
                        run(c, hdb, reader);
                    } finally {
                        release();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // the reader does what is left
            }
        }

        synchronized boolean isOver() {
            return stopped || next >= chunks;
        }

        /** Computes one chunk (its results are published by the scan's lock). */
        void run(int c, Db d, Reader reader) throws SQLException {
            int a = c * PREFETCH_CHUNK;
            int b = Math.min(need.length, a + PREFETCH_CHUNK);
            View v = reader.view;
            int lo = v.block(need[a]).blockNo;
            int hi = v.block(need[b - 1]).blockNo;
            if (hi - lo + 1 <= 2 * (b - a)) {
                PreparedStatement p = d.ps(sqlTextRange);
                p.setInt(1, lo);
                p.setInt(2, hi);
                int j = a;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next() && j < b) {
                        int bn = rs.getInt(1);
                        while (j < b && v.block(need[j]).blockNo < bn) {
                            j++;
                        }
                        if (j < b && v.block(need[j]).blockNo == bn) {
                            BlockInfo bi = v.block(need[j]);
                            Texts tx = textsOf(bi, bi.n, rs.getBytes(2), rs.getBytes(3), v.shapes);
                            out[j] = textMatches(bi, bi.n, tx, reader.filter.search);
                            j++;
                        }
                    }
                }
            } else {
                for (int j = a; j < b; j++) {
                    BlockInfo bi = v.block(need[j]);
                    out[j] = textMatches(bi, bi.n, readText(d, bi, bi.n, v.shapes), reader.filter.search);
                }
            }
            done[c] = true;
        }
    }

    /** Per sealed block: matches, and whether its grams admit the search text. */
    private record SearchCounts(int[] counts, java.util.BitSet noText) {
    }
}
