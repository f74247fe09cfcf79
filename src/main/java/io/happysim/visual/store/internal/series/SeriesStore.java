package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.Tables;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Time series in chunks of {@value #CHUNK_SAMPLES} samples, the writer's side: one row of
 * {@code sample_chunks} per chunk with its summary and the packed samples ({@link ChunkCodec}); the open chunk is
 * rewritten by every append. Bucket series ({@link BucketSeries}) are materialised on demand and then maintained at
 * every append: a bucket closes when a later sample falls into a later bucket. Everything here changes under the
 * store's writer lock; readers get a {@link SeriesSnapshot} after each commit.
 */
public final class SeriesStore {
    /** Samples per chunk: one row of {@code sample_chunks}. */
    public static final int CHUNK_SAMPLES = 512;
    private final String sqlInsertSeries;
    private final String sqlInsertChunk;
    private final String sqlSaveOpenBucket;
    final String sqlInsertSummaries;

    private final ChunkReads chunks;
    private final BucketBackfill.Helper helper;
    private final int backfillRound;
    private int lastBackfillHelped;
    final Map<String, SeriesChunks> byName = new HashMap<>();
    final Map<Integer, SeriesChunks> byId = new HashMap<>();
    final Map<BucketKey, BucketSeries> buckets = new LinkedHashMap<>();
    final Map<Integer, List<BucketSeries>> bucketsByBase = new HashMap<>();
    int nextId = 1;
    /** Series whose chunk summaries a load rebuilt from chunk rows (stored before summaries were), from which chunk on. */
    final Map<SeriesChunks, Integer> rebuilt = new LinkedHashMap<>();
    /** {@code sample_chunks} rows the last load read. */
    private int chunkRowsRead;
    private SeriesSnapshot published = SeriesSnapshot.EMPTY;

    /**
     * @param chunks how the backfill of a new bucket series reads stored samples
     * @param helper        runs half of a backfill on a second thread with a connection of its own (null executor: none)
     * @param backfillRound sample chunks per round of a backfill
     */
    public SeriesStore(ChunkReads chunks, Executor helper, DataSource dataSource, int backfillRound) {
        this.chunks = chunks;
        this.backfillRound = backfillRound;
        this.helper = new BucketBackfill.Helper(helper, dataSource);
        Tables run = chunks.run();
        this.sqlInsertSeries = "INSERT INTO " + run.series() + "(id, name, base_id, transform, window_s) VALUES (?, ?, ?, ?, ?)";
        this.sqlInsertChunk = "INSERT OR REPLACE INTO " + run.sampleChunks() + "(id, series_id, chunk_no, n, t_first, t_last, "
                + "v_first, v_last, v_min, t_at_min, i_min, v_max, t_at_max, i_max, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        this.sqlSaveOpenBucket = "UPDATE " + run.series() + " SET open_idx = ?, open_from = ? WHERE id = ?";
        this.sqlInsertSummaries = "INSERT OR REPLACE INTO " + run.chunkSummaries() + "(id, data) VALUES (?, ?)";
    }

    /** What readers see as of the last {@link #publish}. */
    public SeriesSnapshot snapshot() {
        return published;
    }

    /** Checks a batch's samples against the stored ones before anything is written. */
    public void validate(Map<String, SampleRun> samples) {
        for (Map.Entry<String, SampleRun> e : samples.entrySet()) {
            SampleRun s = e.getValue();
            SeriesChunks ch = byName.get(e.getKey());
            long prev = ch == null ? Long.MIN_VALUE : ch.lastTime();
            for (int i = 0; i < s.size(); i++) {
                if (s.times()[i] < prev) {
                    throw new IllegalArgumentException("samples of series '" + e.getKey() + "' must come in non-decreasing time order ("
                            + s.times()[i] + " ns after " + prev + " ns)");
                }
                prev = s.times()[i];
            }
        }
    }

    /** Writes the samples of one append (and the buckets they close) inside its transaction. */
    public void append(Db db, Map<String, SampleRun> samples) throws SQLException {
        for (Map.Entry<String, SampleRun> e : samples.entrySet()) {
            SampleRun s = e.getValue();
            if (s.size() == 0) {
                continue;
            }
            SeriesChunks ch = byName.get(e.getKey());
            if (ch == null) {
                ch = create(db, e.getKey());
            }
            long firstIndex = ch.count();
            feed(db, ch, s.times(), s.values(), s.size());
            List<BucketSeries> ds = bucketsByBase.get(ch.id);
            if (ds != null) {
                for (BucketSeries d : ds) {
                    feedBuckets(db, d, s.times(), s.values(), s.size(), firstIndex);
                }
            }
        }
        for (BucketSeries d : buckets.values()) {
            if (d.stateChanged) {
                saveOpenBucket(db, d);
            }
        }
    }

    private SeriesChunks create(Db db, String name) throws SQLException {
        int id = nextId++;
        PreparedStatement p = db.ps(sqlInsertSeries);
        p.setInt(1, id);
        p.setString(2, name);
        p.setNull(3, Types.INTEGER);
        p.setNull(4, Types.VARCHAR);
        p.setNull(5, Types.REAL);
        p.executeUpdate();
        SeriesChunks ch = new SeriesChunks(id, name);
        register(ch);
        return ch;
    }

    void register(SeriesChunks ch) {
        byName.put(ch.name, ch);
        byId.put(ch.id, ch);
    }

    private void feed(Db db, SeriesChunks ch, long[] t, double[] v, int n) throws SQLException {
        ch.changed = true;
        int sealedBefore = ch.sealed;
        boolean dirty = false;
        for (int i = 0; i < n; i++) {
            ch.tt[ch.tn] = t[i];
            ch.tv[ch.tn] = v[i];
            ch.tn++;
            dirty = true;
            if (ch.tn == CHUNK_SAMPLES) {
                ch.addSealed(writeChunk(db, ch, ch.sealed, ch.tt, ch.tv, CHUNK_SAMPLES));
                ch.tt = new long[CHUNK_SAMPLES];    // readers' views own copies, but keep the old arrays untouched anyway
                ch.tv = new double[CHUNK_SAMPLES];
                ch.tn = 0;
                dirty = false;
            }
        }
        if (dirty) {
            writeChunk(db, ch, ch.sealed, ch.tt, ch.tv, ch.tn);
        }
        if (ch.sealed > sealedBefore) {
            ChunkSummaries.write(db, sqlInsertSummaries, ch, sealedBefore);
        }
    }

    private ChunkSummary writeChunk(Db db, SeriesChunks ch, long chunkNo, long[] t, double[] v, int n) throws SQLException {
        ChunkSummary s = ChunkSummary.of(t, v, n);
        PreparedStatement p = db.ps(sqlInsertChunk);
        p.setLong(1, ChunkCodec.rowId(ch.id, chunkNo));
        p.setInt(2, ch.id);
        p.setLong(3, chunkNo);
        p.setInt(4, n);
        p.setLong(5, s.tFirst());
        p.setLong(6, s.tLast());
        setReal(p, 7, s.vFirst());
        setReal(p, 8, s.vLast());
        setReal(p, 9, s.vMin());
        p.setLong(10, s.tAtMin());
        p.setInt(11, s.iMin());
        setReal(p, 12, s.vMax());
        p.setLong(13, s.tAtMax());
        p.setInt(14, s.iMax());
        p.setBytes(15, ChunkCodec.encode(t, v, n));
        p.executeUpdate();
        return s;
    }

    private static void setReal(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);   // SQLite stores NaN as NULL anyway; the packed data keeps the exact value
        } else {
            p.setDouble(i, v);
        }
    }

    private void feedBuckets(Db db, BucketSeries d, long[] t, double[] v, int n, long firstIndex) throws SQLException {
        SampleList closed = d.take(t, v, n, firstIndex);
        if (closed.size > 0) {
            feed(db, d.out, closed.times, closed.values, closed.size);
        }
    }

    private void saveOpenBucket(Db db, BucketSeries d) throws SQLException {
        PreparedStatement p = db.ps(sqlSaveOpenBucket);
        if (d.openIdx == BucketSeries.NO_BUCKET) {
            p.setNull(1, Types.INTEGER);
        } else {
            p.setLong(1, d.openIdx);
        }
        p.setLong(2, d.openFrom);
        p.setInt(3, d.out.id);
        p.executeUpdate();
        d.stateChanged = false;
    }

    /**
     * Creates and backfills a bucket series from every stored sample of its base (writer lock held, inside a
     * transaction); null when the base series does not exist (yet).
     */
    public BucketSeries materialise(Db db, BucketKey key) throws SQLException {
        BucketSeries existing = buckets.get(key);
        if (existing != null) {
            return existing;
        }
        SeriesChunks base = byName.get(key.base());
        if (base == null) {
            return null;
        }
        int id = nextId++;
        String name = key.seriesName();
        PreparedStatement p = db.ps(sqlInsertSeries);
        p.setInt(1, id);
        p.setString(2, name);
        p.setInt(3, base.id);
        p.setString(4, key.transform().wireName());
        p.setDouble(5, key.window());
        p.executeUpdate();
        SeriesChunks out = new SeriesChunks(id, name);
        byId.put(id, out);
        BucketSeries d = new BucketSeries(key, base, out);
        backfill(db, d, base.view());
        addBuckets(d);
        saveOpenBucket(db, d);
        return d;
    }

    /** Buckets every stored sample of the base series (on two threads when a helper is at hand), closed ones written in runs. */
    private void backfill(Db db, BucketSeries d, SeriesView bv) throws SQLException {
        BucketBackfill b = new BucketBackfill(chunks, helper, backfillRound);
        b.run(db, d, bv, closed -> {
            if (closed.size > 0) {
                feed(db, d.out, closed.times, closed.values, closed.size);
            }
        });
        lastBackfillHelped = b.helped;
    }

    /** Rounds of the last backfill whose second part the helper thread did. */
    public int lastBackfillHelped() {
        return lastBackfillHelped;
    }

    void addBuckets(BucketSeries d) {
        buckets.put(d.key, d);
        bucketsByBase.computeIfAbsent(d.base.id, k -> new ArrayList<>()).add(d);
    }

    /** Publishes views of everything changed since the last commit. */
    public void publish() {
        boolean any = false;
        Map<String, SeriesView> uv = new HashMap<>(published.series());
        for (SeriesChunks ch : byName.values()) {
            if (ch.changed || !uv.containsKey(ch.name)) {
                uv.put(ch.name, ch.view());
                ch.changed = false;
                any = true;
            }
        }
        Map<BucketKey, BucketSeriesView> dv = new HashMap<>(published.buckets());
        for (BucketSeries d : buckets.values()) {
            BucketSeriesView old = dv.get(d.key);
            if (old == null || d.out.changed || old.openIdx() != d.openIdx) {
                dv.put(d.key, d.view());
                d.out.changed = false;
                any = true;
            }
        }
        if (any || uv.size() != published.series().size()) {
            published = new SeriesSnapshot(Collections.unmodifiableMap(uv), Collections.unmodifiableMap(dv));
        }
    }

    public void clear() {
        rebuilt.clear();
        byName.clear();
        byId.clear();
        buckets.clear();
        bucketsByBase.clear();
        nextId = 1;
        published = SeriesSnapshot.EMPTY;
    }

    /** Rebuilds every summary and open bucket from the database. */
    public void load(Db db) throws SQLException {
        clear();
        SeriesLoader loader = new SeriesLoader(this, chunks);
        loader.load(db);
        chunkRowsRead = loader.chunkRowsRead;
        publish();
    }

    /** {@code sample_chunks} rows the last load read (the open chunks, unless summaries had to be rebuilt). */
    public int chunkRowsRead() {
        return chunkRowsRead;
    }

    /** Whether the last load rebuilt chunk summaries that are not stored yet. */
    public boolean hasRebuilt() {
        return !rebuilt.isEmpty();
    }

    /** Stores the summaries the last load rebuilt, inside the caller's write transaction, and forgets them. */
    public void storeRebuilt(Db db) throws SQLException {
        Map<SeriesChunks, Integer> todo = new LinkedHashMap<>(rebuilt);
        rebuilt.clear();
        for (Map.Entry<SeriesChunks, Integer> e : todo.entrySet()) {
            ChunkSummaries.write(db, sqlInsertSummaries, e.getKey(), e.getValue());
        }
    }
}
