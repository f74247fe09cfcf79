package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a {@link SeriesStore}'s state from the file: every series, its sealed chunks' summaries (no packed sample is
 * read), its open chunk's samples, and each bucket series' open bucket (re-read from the base series' samples).
 */
final class SeriesLoader {

    /** A bucket series' row of {@code series}, kept until every series is known. */
    private record BucketRow(SeriesChunks out, int baseId, String transform, double window, long openIdx, long openFrom) {
    }

    private final SeriesStore store;
    private final ChunkReads chunks;

    private final String sqlSeries;
    private final String sqlChunks;

    SeriesLoader(SeriesStore store, ChunkReads chunks) {
        this.store = store;
        this.chunks = chunks;
        this.sqlSeries = "SELECT id, name, base_id, transform, window_s, open_idx, open_from FROM " + chunks.run().series() + " ORDER BY id";
        this.sqlChunks = "SELECT series_id, chunk_no, n, t_first, t_last, v_first, v_last, v_min, t_at_min, i_min, "
                + "v_max, t_at_max, i_max FROM " + chunks.run().sampleChunks() + " ORDER BY id";
    }

    void load(Db db) throws SQLException {
        List<BucketRow> bucketRows = loadSeries(db);
        List<SeriesChunks> withOpenChunk = loadChunkSummaries(db);
        for (SeriesChunks ch : withOpenChunk) {
            Samples s = ChunkCodec.decode(db.blob(chunks.sqlChunk, ChunkCodec.rowId(ch.id, ch.sealed)));
            System.arraycopy(s.t(), 0, ch.tt, 0, s.n());
            System.arraycopy(s.v(), 0, ch.tv, 0, s.n());
            ch.tn = s.n();
        }
        for (SeriesChunks ch : store.byId.values()) {
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
                for (int i = 0; i < s.n(); i++) {
                    d.open.add(s.v()[i]);
                }
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

    /** The summaries of every sealed chunk; answers the series whose last chunk is open (to be decoded). */
    private List<SeriesChunks> loadChunkSummaries(Db db) throws SQLException {
        List<SeriesChunks> withOpenChunk = new ArrayList<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sqlChunks)) {
            while (rs.next()) {
                SeriesChunks ch = store.byId.get(rs.getInt(1));
                if (ch == null) {
                    continue;
                }
                long chunkNo = rs.getLong(2);
                int n = rs.getInt(3);
                if (chunkNo != ch.sealed) {
                    throw new StoreException("series '" + ch.name + "' is damaged: chunk " + ch.sealed + " is missing", null);
                }
                if (n == CHUNK_SAMPLES) {
                    ch.addSealed(new ChunkSummary(rs.getLong(4), rs.getLong(5), realOrNaN(rs, 6), realOrNaN(rs, 7), realOrNaN(rs, 8),
                            rs.getLong(9), rs.getInt(10), realOrNaN(rs, 11), rs.getLong(12), rs.getInt(13)));
                } else {
                    withOpenChunk.add(ch);
                }
            }
        }
        return withOpenChunk;
    }

    private static double realOrNaN(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }
}
