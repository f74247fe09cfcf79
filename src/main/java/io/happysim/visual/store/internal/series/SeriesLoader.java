package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a {@link SeriesStore}'s state from the file: every series, its sealed chunks' summaries from
 * {@code chunk_summaries} (no packed sample is read), the {@code sample_chunks} rows after them (the open chunk, decoded;
 * chunks sealed by a version that did not store summaries are summed here and left for {@link SeriesStore#storeRebuilt}),
 * and each bucket series' open bucket (re-read from the base series' samples).
 */
final class SeriesLoader {

    /** A bucket series' row of {@code series}, kept until every series is known. */
    private record BucketRow(SeriesChunks out, int baseId, String transform, double window, long openIdx, long openFrom) {
    }

    private final SeriesStore store;
    private final ChunkReads chunks;

    private final String sqlSeries;
    private final String sqlSummaries;
    private final String sqlChunksFrom;
    /** {@code sample_chunks} rows read by the last load (tests: a reopen does not read every chunk). */
    int chunkRowsRead;

    SeriesLoader(SeriesStore store, ChunkReads chunks) {
        this.store = store;
        this.chunks = chunks;
        this.sqlSeries = "SELECT id, name, base_id, transform, window_s, open_idx, open_from FROM " + chunks.run().series() + " ORDER BY id";
        this.sqlSummaries = "SELECT id, data FROM " + chunks.run().chunkSummaries() + " ORDER BY id";
        this.sqlChunksFrom = "SELECT chunk_no, n, t_first, t_last, v_first, v_last, v_min, t_at_min, i_min, "
                + "v_max, t_at_max, i_max FROM " + chunks.run().sampleChunks() + " WHERE id >= ? AND id < ? ORDER BY id";
    }

    void load(Db db) throws SQLException {
        List<BucketRow> bucketRows = loadSeries(db);
        loadStoredSummaries(db);
        for (SeriesChunks ch : store.byId.values()) {
            loadChunksAfterSummaries(db, ch);
            ch.changed = true;
        }
        for (BucketRow r : bucketRows) {
            SeriesChunks base = store.byId.get(r.baseId());
            if (base == null) {
                continue;
            }
            BucketKey key = new BucketKey(base.name, Transform.parse(r.transform()), r.window());
            BucketSeries d = new BucketSeries(key, base, r.out());
            d.openIdx = r.openIdx();
            d.openFrom = r.openFrom();
            if (d.openIdx != BucketSeries.NO_BUCKET) {
                SeriesView bv = base.view();
                Samples s = chunks.read(db, bv, d.openFrom, bv.count());
                d.open.add(s.v(), 0, s.n());
            }
            store.addBuckets(d);
        }
    }

    /** Every series; the user ones registered, the bucket ones returned for later. */
    private List<BucketRow> loadSeries(Db db) throws SQLException {
        List<BucketRow> bucketRows = new ArrayList<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sqlSeries)) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String name = rs.getString(2);
                store.nextId = Math.max(store.nextId, id + 1);
                SeriesChunks ch = new SeriesChunks(id, name);
                int baseId = rs.getInt(3);
                if (rs.wasNull()) {
                    store.register(ch);
                } else {
                    store.byId.put(id, ch);
                    long openIdx = rs.getLong(6);
                    if (rs.wasNull()) {
                        openIdx = BucketSeries.NO_BUCKET;
                    }
                    bucketRows.add(new BucketRow(ch, baseId, rs.getString(4), rs.getDouble(5), openIdx, rs.getLong(7)));
                }
            }
        }
        return bucketRows;
    }

    /** The stored summary groups, each series' from its first on as long as they follow each other. */
    private void loadStoredSummaries(Db db) throws SQLException {
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sqlSummaries)) {
            while (rs.next()) {
                long id = rs.getLong(1);
                SeriesChunks ch = store.byId.get((int) (id >>> 32));
                long group = id & 0xFFFF_FFFFL;
                if (ch == null || ch.sealed != group * ChunkSummaries.GROUP) {
                    continue;   // a series no longer listed, or a group after a gap: the chunk rows say what is stored
                }
                ChunkSummaries.read(rs.getBytes(2), ch);
            }
        }
    }

    /** The {@code sample_chunks} rows after a series' stored summaries: normally its open chunk only. */
    private void loadChunksAfterSummaries(Db db, SeriesChunks ch) throws SQLException {
        int covered = ch.sealed;
        PreparedStatement p = db.ps(sqlChunksFrom);
        p.setLong(1, ChunkCodec.rowId(ch.id, covered));
        p.setLong(2, ChunkCodec.rowId(ch.id + 1, 0));
        boolean open = false;
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                chunkRowsRead++;
                long chunkNo = rs.getLong(1);
                int n = rs.getInt(2);
                if (chunkNo != ch.sealed || open) {
                    throw new StoreException("series '" + ch.name + "' is damaged: chunk " + ch.sealed + " is missing", null);
                }
                if (n == CHUNK_SAMPLES) {
                    ch.addSealed(new ChunkSummary(rs.getLong(3), rs.getLong(4), realOrNaN(rs, 5), realOrNaN(rs, 6), realOrNaN(rs, 7),
                            rs.getLong(8), rs.getInt(9), realOrNaN(rs, 10), rs.getLong(11), rs.getInt(12)));
                } else {
                    open = true;
                }
            }
        }
        if (ch.sealed > covered) {
            store.rebuilt.put(ch, covered);
        }
        if (open) {
            Samples s = ChunkCodec.decode(db.blob(chunks.sqlChunk, ChunkCodec.rowId(ch.id, ch.sealed)));
            System.arraycopy(s.t(), 0, ch.tt, 0, s.n());
            System.arraycopy(s.v(), 0, ch.tv, 0, s.n());
            ch.tn = s.n();
        }
    }

    private static double realOrNaN(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }
}
