package io.happysim.visual.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time series in chunks of {@link #C} samples: one row of {@code sample_chunks} per chunk with its summary
 * (first, last, min, max with their times and offsets) and the packed samples. Chunk summaries of every series
 * are also kept in memory (≈ 90 bytes per chunk), so M4 over any range merges whole chunks that fall inside one
 * slice and decodes only the chunks cut by a slice boundary (at most slices + 1).
 *
 * <p>Bucket series ({@link Transform}s over a window) are materialised on demand as ordinary stored series whose
 * "time" is the bucket index; they are maintained at every append (a bucket closes when a later sample falls
 * into a later bucket) and answer bucket queries over any range exactly: interior buckets from the
 * materialised series, the two edge buckets (cut by the range) and the still-open last bucket from raw samples.
 */
final class SeriesStore {
    static final int C = 512;
    static final long NONE = Long.MIN_VALUE;

    static String ddl() {
        return "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, base_id INTEGER, "
                + "transform TEXT, window_s REAL, open_idx INTEGER, open_from INTEGER);\n"
                + "CREATE TABLE IF NOT EXISTS sample_chunks (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, chunk_no INTEGER NOT NULL, "
                + "n INTEGER NOT NULL, t_first INTEGER NOT NULL, t_last INTEGER NOT NULL, v_first REAL, v_last REAL, "
                + "v_min REAL, t_at_min INTEGER NOT NULL, i_min INTEGER NOT NULL, v_max REAL, t_at_max INTEGER NOT NULL, i_max INTEGER NOT NULL, data BLOB NOT NULL);\n";
    }

    static long rowId(int seriesId, long chunkNo) {
        return ((long) seriesId << 32) | chunkNo;
    }

    // =====================================================================================================
    // State
    // =====================================================================================================

    /** Writer-side state of one stored series. Summary arrays are append-only; readers get {@link View}s. */
    static final class Chunks {
        final int id;
        final String name;
        long[] tFirst = new long[16];
        long[] tLast = new long[16];
        long[] tAtMin = new long[16];
        long[] tAtMax = new long[16];
        double[] vFirst = new double[16];
        double[] vLast = new double[16];
        double[] vMin = new double[16];
        double[] vMax = new double[16];
        int[] iMin = new int[16];
        int[] iMax = new int[16];
        int sealed;
        long[] tt = new long[C];
        double[] tv = new double[C];
        int tn;
        boolean changed;

        Chunks(int id, String name) {
            this.id = id;
            this.name = name;
        }

        long count() {
            return (long) sealed * C + tn;
        }

        long lastTime() {
            if (tn > 0) {
                return tt[tn - 1];
            }
            return sealed > 0 ? tLast[sealed - 1] : Long.MIN_VALUE;
        }

        void addSealed(long[] t, double[] v, int n) {
            if (sealed == tFirst.length) {
                int cap = sealed * 2;
                tFirst = Arrays.copyOf(tFirst, cap);
                tLast = Arrays.copyOf(tLast, cap);
                tAtMin = Arrays.copyOf(tAtMin, cap);
                tAtMax = Arrays.copyOf(tAtMax, cap);
                vFirst = Arrays.copyOf(vFirst, cap);
                vLast = Arrays.copyOf(vLast, cap);
                vMin = Arrays.copyOf(vMin, cap);
                vMax = Arrays.copyOf(vMax, cap);
                iMin = Arrays.copyOf(iMin, cap);
                iMax = Arrays.copyOf(iMax, cap);
            }
            int s = sealed;
            tFirst[s] = t[0];
            tLast[s] = t[n - 1];
            vFirst[s] = v[0];
            vLast[s] = v[n - 1];
            int mn = 0;
            int mx = 0;
            for (int i = 1; i < n; i++) {
                if (v[i] < v[mn]) {
                    mn = i;
                }
                if (v[i] > v[mx]) {
                    mx = i;
                }
            }
            iMin[s] = mn;
            iMax[s] = mx;
            vMin[s] = v[mn];
            vMax[s] = v[mx];
            tAtMin[s] = t[mn];
            tAtMax[s] = t[mx];
            sealed = s + 1;     // the arrays' slot s is written before a view exposing it is published
        }

        View view() {
            return new View(this, sealed, Arrays.copyOf(tt, tn), Arrays.copyOf(tv, tn));
        }
    }

    /** An immutable reader's view of one series at one commit. */
    static final class View {
        final int id;
        final String name;
        final Chunks arrays;     // only indexes < sealed are read
        final int sealed;
        final long[] tailT;
        final double[] tailV;
        final long count;
        // summary array references captured at publication (the writer may reallocate later)
        final long[] tFirst;
        final long[] tLast;
        final long[] tAtMin;
        final long[] tAtMax;
        final double[] vFirst;
        final double[] vLast;
        final double[] vMin;
        final double[] vMax;
        final int[] iMin;
        final int[] iMax;

        View(Chunks c, int sealed, long[] tailT, double[] tailV) {
            this.id = c.id;
            this.name = c.name;
            this.arrays = c;
            this.sealed = sealed;
            this.tailT = tailT;
            this.tailV = tailV;
            this.count = (long) sealed * C + tailT.length;
            this.tFirst = c.tFirst;
            this.tLast = c.tLast;
            this.tAtMin = c.tAtMin;
            this.tAtMax = c.tAtMax;
            this.vFirst = c.vFirst;
            this.vLast = c.vLast;
            this.vMin = c.vMin;
            this.vMax = c.vMax;
            this.iMin = c.iMin;
            this.iMax = c.iMax;
        }

        long time(int chunk, boolean first) {
            return first ? tFirst[chunk] : tLast[chunk];
        }
    }

    record DerivedKey(String base, Transform transform, double window) {
    }

    /** A materialised bucket series and the state of its open (last) bucket. */
    static final class Derived {
        final DerivedKey key;
        final Chunks base;
        final Chunks out;
        long openIdx = NONE;
        long openFrom;
        final BucketMath.Doubles open = new BucketMath.Doubles();
        boolean stateChanged;

        Derived(DerivedKey key, Chunks base, Chunks out) {
            this.key = key;
            this.base = base;
            this.out = out;
        }
    }

    /** Readers' view of a materialised bucket series. */
    record DerivedView(View series, long openIdx) {
    }

    private final Map<String, Chunks> byName = new HashMap<>();
    private final Map<Integer, Chunks> byId = new HashMap<>();
    private final Map<DerivedKey, Derived> derived = new LinkedHashMap<>();
    private final Map<Integer, List<Derived>> derivedByBase = new HashMap<>();
    private int nextId = 1;

    // published
    private Map<String, View> userViews = Map.of();
    private Map<DerivedKey, DerivedView> derivedViews = Map.of();

    Map<String, View> userViews() {
        return userViews;
    }

    Map<DerivedKey, DerivedView> derivedViews() {
        return derivedViews;
    }

    // =====================================================================================================
    // Writing
    // =====================================================================================================

    /** Checks a batch's samples against the stored ones before anything is written. */
    void validate(Map<String, Batch.Samples> samples) {
        for (Map.Entry<String, Batch.Samples> e : samples.entrySet()) {
            Batch.Samples s = e.getValue();
            Chunks ch = byName.get(e.getKey());
            long prev = ch == null ? Long.MIN_VALUE : ch.lastTime();
            for (int i = 0; i < s.size; i++) {
                if (s.times[i] < prev) {
                    throw new IllegalArgumentException("samples of series '" + e.getKey() + "' must come in non-decreasing time order ("
                            + s.times[i] + " ns after " + prev + " ns)");
                }
                prev = s.times[i];
            }
        }
    }

    void append(Db db, Map<String, Batch.Samples> samples) throws SQLException {
        for (Map.Entry<String, Batch.Samples> e : samples.entrySet()) {
            Batch.Samples s = e.getValue();
            if (s.size == 0) {
                continue;
            }
            Chunks ch = byName.get(e.getKey());
            if (ch == null) {
                ch = create(db, e.getKey(), null);
            }
            long firstIndex = ch.count();
            feed(db, ch, s.times, s.values, s.size);
            List<Derived> ds = derivedByBase.get(ch.id);
            if (ds != null) {
                for (Derived d : ds) {
                    feedDerived(db, d, s.times, s.values, s.size, firstIndex);
                }
            }
        }
        for (Derived d : derived.values()) {
            if (d.stateChanged) {
                PreparedStatement p = db.ps("UPDATE series SET open_idx = ?, open_from = ? WHERE id = ?");
                if (d.openIdx == NONE) {
                    p.setNull(1, Types.INTEGER);
                } else {
                    p.setLong(1, d.openIdx);
                }
                p.setLong(2, d.openFrom);
                p.setInt(3, d.out.id);
                p.executeUpdate();
                d.stateChanged = false;
            }
        }
    }

    private Chunks create(Db db, String name, Derived spec) throws SQLException {
        int id = nextId++;
        PreparedStatement p = db.ps("INSERT INTO series(id, name, base_id, transform, window_s) VALUES (?, ?, ?, ?, ?)");
        p.setInt(1, id);
        p.setString(2, name);
        p.setNull(3, Types.INTEGER);
        p.setNull(4, Types.VARCHAR);
        p.setNull(5, Types.REAL);
        p.executeUpdate();
        Chunks ch = new Chunks(id, name);
        register(ch);
        return ch;
    }

    private void register(Chunks ch) {
        byName.put(ch.name, ch);
        byId.put(ch.id, ch);
    }

    private void feed(Db db, Chunks ch, long[] t, double[] v, int n) throws SQLException {
        ch.changed = true;
        boolean dirty = false;
        for (int i = 0; i < n; i++) {
            ch.tt[ch.tn] = t[i];
            ch.tv[ch.tn] = v[i];
            ch.tn++;
            dirty = true;
            if (ch.tn == C) {
                writeChunk(db, ch, ch.sealed, ch.tt, ch.tv, C);
                ch.addSealed(ch.tt, ch.tv, C);
                ch.tt = new long[C];    // readers' views own copies, but keep the old arrays untouched anyway
                ch.tv = new double[C];
                ch.tn = 0;
                dirty = false;
            }
        }
        if (dirty) {
            writeChunk(db, ch, ch.sealed, ch.tt, ch.tv, ch.tn);
        }
    }

    private void writeChunk(Db db, Chunks ch, long chunkNo, long[] t, double[] v, int n) throws SQLException {
        Codec.Out out = new Codec.Out(n * 10 + 16);
        out.varint(n);
        out.zigzag(t[0]);
        for (int i = 1; i < n; i++) {
            out.varint(t[i] - t[i - 1]);
        }
        out.ensure(n * 8);
        java.nio.ByteBuffer.wrap(out.buf, out.len, n * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(v, 0, n);
        out.len += n * 8;
        int mn = 0;
        int mx = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] < v[mn]) {
                mn = i;
            }
            if (v[i] > v[mx]) {
                mx = i;
            }
        }
        PreparedStatement p = db.ps("INSERT OR REPLACE INTO sample_chunks(id, series_id, chunk_no, n, t_first, t_last, v_first, v_last, "
                + "v_min, t_at_min, i_min, v_max, t_at_max, i_max, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        p.setLong(1, rowId(ch.id, chunkNo));
        p.setInt(2, ch.id);
        p.setLong(3, chunkNo);
        p.setInt(4, n);
        p.setLong(5, t[0]);
        p.setLong(6, t[n - 1]);
        setReal(p, 7, v[0]);
        setReal(p, 8, v[n - 1]);
        setReal(p, 9, v[mn]);
        p.setLong(10, t[mn]);
        p.setInt(11, mn);
        setReal(p, 12, v[mx]);
        p.setLong(13, t[mx]);
        p.setInt(14, mx);
        p.setBytes(15, out.toArray());
        p.executeUpdate();
    }

    private static void setReal(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);   // SQLite stores NaN as NULL anyway; the packed data keeps the exact value
        } else {
            p.setDouble(i, v);
        }
    }

    private void feedDerived(Db db, Derived d, long[] t, double[] v, int n, long firstIndex) throws SQLException {
        long[] outT = new long[16];
        double[] outV = new double[16];
        int k = 0;
        double w = d.key.window();
        for (int i = 0; i < n; i++) {
            long b = BucketMath.bucketIndex(t[i], w);
            if (d.openIdx == NONE) {
                d.openIdx = b;
                d.openFrom = firstIndex + i;
            } else if (b != d.openIdx) {
                if (k == outT.length) {
                    outT = Arrays.copyOf(outT, k * 2);
                    outV = Arrays.copyOf(outV, k * 2);
                }
                outT[k] = d.openIdx;
                outV[k] = BucketMath.aggregate(d.key.transform(), d.open.a, d.open.n, w);
                k++;
                d.open.clear();
                d.openIdx = b;
                d.openFrom = firstIndex + i;
            }
            d.open.add(v[i]);
        }
        d.stateChanged = true;
        if (k > 0) {
            feed(db, d.out, outT, outV, k);
        }
    }

    /** Creates and backfills a bucket series (writer lock held, inside a transaction). */
    Derived materialise(Db db, DerivedKey key) throws SQLException {
        Derived existing = derived.get(key);
        if (existing != null) {
            return existing;
        }
        Chunks base = byName.get(key.base());
        if (base == null) {
            return null;
        }
        int id = nextId++;
        String name = "bucket:" + key.transform().wireName() + ":" + key.window() + ":" + key.base();
        PreparedStatement p = db.ps("INSERT INTO series(id, name, base_id, transform, window_s) VALUES (?, ?, ?, ?, ?)");
        p.setInt(1, id);
        p.setString(2, name);
        p.setInt(3, base.id);
        p.setString(4, key.transform().wireName());
        p.setDouble(5, key.window());
        p.executeUpdate();
        Chunks out = new Chunks(id, name);
        byId.put(id, out);
        Derived d = new Derived(key, base, out);
        // backfill from every stored sample of the base series, chunk by chunk
        View bv = base.view();
        long idx = 0;
        for (int c = 0; c <= bv.sealed; c++) {
            long[] ct;
            double[] cv;
            int cn;
            if (c < bv.sealed) {
                Sample s = chunk(db, bv, c);
                ct = s.t;
                cv = s.v;
                cn = s.n;
            } else {
                ct = bv.tailT;
                cv = bv.tailV;
                cn = bv.tailT.length;
            }
            if (cn > 0) {
                feedDerived(db, d, ct, cv, cn, idx);
                idx += cn;
            }
        }
        derived.put(key, d);
        derivedByBase.computeIfAbsent(base.id, k -> new ArrayList<>()).add(d);
        PreparedStatement u = db.ps("UPDATE series SET open_idx = ?, open_from = ? WHERE id = ?");
        if (d.openIdx == NONE) {
            u.setNull(1, Types.INTEGER);
        } else {
            u.setLong(1, d.openIdx);
        }
        u.setLong(2, d.openFrom);
        u.setInt(3, d.out.id);
        u.executeUpdate();
        d.stateChanged = false;
        return d;
    }

    /** Publishes views of everything changed since the last commit. */
    void publish() {
        boolean any = false;
        Map<String, View> uv = new HashMap<>(userViews);
        for (Chunks ch : byName.values()) {
            if (ch.changed || !uv.containsKey(ch.name)) {
                uv.put(ch.name, ch.view());
                ch.changed = false;
                any = true;
            }
        }
        Map<DerivedKey, DerivedView> dv = new HashMap<>(derivedViews);
        for (Derived d : derived.values()) {
            DerivedView old = dv.get(d.key);
            if (old == null || d.out.changed || old.openIdx() != d.openIdx) {
                dv.put(d.key, new DerivedView(d.out.view(), d.openIdx));
                d.out.changed = false;
                any = true;
            }
        }
        if (any || uv.size() != userViews.size()) {
            userViews = Collections.unmodifiableMap(uv);
            derivedViews = Collections.unmodifiableMap(dv);
        }
    }

    void clear() {
        byName.clear();
        byId.clear();
        derived.clear();
        derivedByBase.clear();
        nextId = 1;
        userViews = Map.of();
        derivedViews = Map.of();
    }

    /** Rebuilds every summary and open bucket from the database. */
    void load(Db db) throws SQLException {
        clear();
        List<Object[]> derivedRows = new ArrayList<>();
        try (Statement s = db.c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, base_id, transform, window_s, open_idx, open_from FROM series ORDER BY id")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String name = rs.getString(2);
                nextId = Math.max(nextId, id + 1);
                Chunks ch = new Chunks(id, name);
                rs.getInt(3);
                if (rs.wasNull()) {
                    register(ch);
                } else {
                    byId.put(id, ch);
                    long openIdx = rs.getLong(6);
                    if (rs.wasNull()) {
                        openIdx = NONE;
                    }
                    derivedRows.add(new Object[] {ch, rs.getInt(3), rs.getString(4), rs.getDouble(5), openIdx, rs.getLong(7)});
                }
            }
        }
        try (Statement s = db.c.createStatement();
             ResultSet rs = s.executeQuery("SELECT series_id, chunk_no, n, t_first, t_last, v_first, v_last, v_min, t_at_min, i_min, "
                     + "v_max, t_at_max, i_max FROM sample_chunks ORDER BY id")) {
            while (rs.next()) {
                Chunks ch = byId.get(rs.getInt(1));
                if (ch == null) {
                    continue;
                }
                long chunkNo = rs.getLong(2);
                int n = rs.getInt(3);
                if (chunkNo != ch.sealed) {
                    throw new StoreException("series '" + ch.name + "' is damaged: chunk " + ch.sealed + " is missing", null);
                }
                if (n == C) {
                    ch.addSealed(new long[] {rs.getLong(4)}, new double[] {0}, 1);  // placeholder, overwritten below
                    int x = ch.sealed - 1;
                    ch.tFirst[x] = rs.getLong(4);
                    ch.tLast[x] = rs.getLong(5);
                    ch.vFirst[x] = realOrNaN(rs, 6);
                    ch.vLast[x] = realOrNaN(rs, 7);
                    ch.vMin[x] = realOrNaN(rs, 8);
                    ch.tAtMin[x] = rs.getLong(9);
                    ch.iMin[x] = rs.getInt(10);
                    ch.vMax[x] = realOrNaN(rs, 11);
                    ch.tAtMax[x] = rs.getLong(12);
                    ch.iMax[x] = rs.getInt(13);
                } else {
                    ch.tn = -1;     // tail: decoded below
                }
            }
        }
        for (Chunks ch : byId.values()) {
            if (ch.tn == -1) {
                Sample s = decodeChunk(db.blob("SELECT data FROM sample_chunks WHERE id = ?", rowId(ch.id, ch.sealed)));
                System.arraycopy(s.t, 0, ch.tt, 0, s.n);
                System.arraycopy(s.v, 0, ch.tv, 0, s.n);
                ch.tn = s.n;
            }
            ch.changed = true;
        }
        for (Object[] r : derivedRows) {
            Chunks out = (Chunks) r[0];
            Chunks base = byId.get((Integer) r[1]);
            if (base == null) {
                continue;
            }
            DerivedKey key = new DerivedKey(base.name, Transform.parse((String) r[2]), (Double) r[3]);
            Derived d = new Derived(key, base, out);
            d.openIdx = (Long) r[4];
            d.openFrom = (Long) r[5];
            if (d.openIdx != NONE) {
                View bv = base.view();
                Sample s = read(db, bv, d.openFrom, bv.count);
                for (int i = 0; i < s.n; i++) {
                    d.open.add(s.v[i]);
                }
            }
            derived.put(key, d);
            derivedByBase.computeIfAbsent(base.id, k -> new ArrayList<>()).add(d);
        }
        publish();
    }

    private static double realOrNaN(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    long totalUserSamples() {
        long n = 0;
        for (View v : userViews.values()) {
            n += v.count;
        }
        return n;
    }

    // =====================================================================================================
    // Reading
    // =====================================================================================================

    /** Decoded samples. */
    static final class Sample {
        final long[] t;
        final double[] v;
        final int n;

        Sample(long[] t, double[] v, int n) {
            this.t = t;
            this.v = v;
            this.n = n;
        }
    }

    static Sample decodeChunk(byte[] data) {
        if (data == null) {
            return new Sample(new long[0], new double[0], 0);
        }
        Codec.In in = new Codec.In(data);
        int n = (int) in.varint();
        long[] t = new long[n];
        double[] v = new double[n];
        t[0] = in.zigzag();
        for (int i = 1; i < n; i++) {
            t[i] = t[i - 1] + in.varint();
        }
        java.nio.ByteBuffer.wrap(data, in.pos, n * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return new Sample(t, v, n);
    }

    static Sample chunk(Db db, View v, int c) throws SQLException {
        if (c >= v.sealed) {
            return new Sample(v.tailT, v.tailV, v.tailT.length);
        }
        // sealed chunks never change (until clear, which empties the cache); keyed by the series view's identity
        ChunkKey key = new ChunkKey(v.arrays, c);
        Sample s;
        synchronized (CHUNKS) {
            s = CHUNKS.get(key);
        }
        if (s == null) {
            s = decodeChunk(db.blob("SELECT data FROM sample_chunks WHERE id = ?", rowId(v.id, c)));
            synchronized (CHUNKS) {
                CHUNKS.put(key, s);
            }
        }
        return s;
    }

    private record ChunkKey(Chunks series, int chunk) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChunkKey k && k.series == series && k.chunk == chunk;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(series) * 31 + chunk;
        }
    }

    /** Decoded sealed chunks (≈ 8 KiB each), least recently used out: 4096 chunks ≈ 32 MiB. */
    private static final Map<ChunkKey, Sample> CHUNKS = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChunkKey, Sample> e) {
            return size() > 4096;
        }
    };

    /** The first sample index whose time is &gt;= tNs (count when none). */
    static long indexAtOrAfter(Db db, View v, long tNs) throws SQLException {
        int lo = 0;
        int hi = v.sealed;    // first sealed chunk with tLast >= tNs
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v.tLast[mid] >= tNs) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo < v.sealed) {
            if (v.tFirst[lo] >= tNs) {
                return (long) lo * C;
            }
            Sample s = chunk(db, v, lo);
            for (int i = 0; i < s.n; i++) {
                if (s.t[i] >= tNs) {
                    return (long) lo * C + i;
                }
            }
            return (long) (lo + 1) * C;
        }
        for (int i = 0; i < v.tailT.length; i++) {
            if (v.tailT[i] >= tNs) {
                return (long) v.sealed * C + i;
            }
        }
        return v.count;
    }

    /** Samples with index in [from, to). */
    static Sample read(Db db, View v, long from, long to) throws SQLException {
        int n = (int) Math.max(0, to - from);
        long[] t = new long[n];
        double[] val = new double[n];
        int k = 0;
        long i = from;
        while (i < to) {
            int c = (int) (i / C);
            Sample s = chunk(db, v, c);
            int off = (int) (i - (long) c * C);
            int take = (int) Math.min(s.n - off, to - i);
            if (take <= 0) {
                break;
            }
            System.arraycopy(s.t, off, t, k, take);
            System.arraycopy(s.v, off, val, k, take);
            k += take;
            i += take;
        }
        return new Sample(t, val, k);
    }

    /** Feeds samples [i0, i1) into the accumulator, merging whole chunks that lie inside one slice. */
    static void m4(Db db, View v, long i0, long i1, M4 acc) throws SQLException {
        if (i0 >= i1) {
            return;
        }
        int c0 = (int) (i0 / C);
        int c1 = (int) ((i1 - 1) / C);
        for (int c = c0; c <= c1; c++) {
            long g = (long) c * C;
            if (c < v.sealed && g >= i0 && g + C <= i1) {
                int s0 = acc.slice(v.tFirst[c]);
                if (s0 == acc.slice(v.tLast[c])) {
                    acc.addSummary(s0, g, v.tFirst[c], v.vFirst[c], g + C - 1, v.tLast[c], v.vLast[c],
                            g + v.iMin[c], v.tAtMin[c], v.vMin[c], g + v.iMax[c], v.tAtMax[c], v.vMax[c]);
                    continue;
                }
            }
            Sample s = chunk(db, v, c);
            int from = (int) Math.max(0, i0 - g);
            int to = (int) Math.min(s.n, i1 - g);
            addRuns(acc, g, s.t, s.v, from, to);
        }
    }

    /**
     * Adds samples [from, to) (time-ordered) as runs that each fall into one slice: the run's end is found by binary
     * search and the run is merged as a summary — the same result as adding its samples one by one.
     */
    static void addRuns(M4 acc, long g, long[] t, double[] v, int from, int to) {
        int i = from;
        while (i < to) {
            int sl = acc.slice(t[i]);
            int lo = i + 1;
            int hi = to;         // first index in (i, to] whose slice differs
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (acc.slice(t[mid]) == sl) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int j = lo;
            int mn = i;
            int mx = i;
            double vmn = v[i];
            double vmx = v[i];
            for (int k = i + 1; k < j; k++) {
                double x = v[k];
                if (x < vmn) {
                    vmn = x;
                    mn = k;
                }
                if (x > vmx) {
                    vmx = x;
                    mx = k;
                }
            }
            acc.addSummary(sl, g + i, t[i], v[i], g + j - 1, t[j - 1], v[j - 1], g + mn, t[mn], v[mn], g + mx, t[mx], v[mx]);
            i = j;
        }
    }
}
