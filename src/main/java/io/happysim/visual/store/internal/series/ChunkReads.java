package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.internal.cache.BoundedCache;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.Tables;
import java.sql.SQLException;

/**
 * Samples of a series by index, decoded chunk by chunk. Sealed chunks never change (until a clear, which empties the
 * cache), so they go through the store's chunk cache, keyed by the writer's series object and the chunk number; the
 * open chunk is the view's own copy. Thread-safe (the cache is).
 */
public final class ChunkReads {
    final String sqlChunk;
    private final String sqlChunkRange;
    private final Tables run;
    private final BoundedCache<ChunkKey, Samples> cache;

    /**
     * @param run         whose chunks these are
     * @param cacheChunks how many decoded sealed chunks are kept at the most
     */
    public ChunkReads(Tables run, int cacheChunks) {
        this.run = run;
        this.sqlChunk = "SELECT data FROM " + run.sampleChunks() + " WHERE id = ?";
        this.sqlChunkRange = "SELECT data FROM " + run.sampleChunks() + " WHERE id >= ? AND id < ? ORDER BY id";
        this.cache = BoundedCache.ofBytes(cacheChunks * Samples.FULL_CHUNK_BYTES, BoundedCache.Admission.ON_FIRST_REQUEST);
    }

    public void clear() {
        cache.clear();
    }

    /** The run whose tables these chunks are read from. */
    public Tables run() {
        return run;
    }

    /** A chunk of a series: identity of the writer's series object (new after every clear) and chunk number. */
    private record ChunkKey(Object series, int chunk) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChunkKey k && k.series == series && k.chunk == chunk;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(series) * 31 + chunk;
        }
    }

    /** Chunk {@code c} of a series ({@code c >= sealed}: the open chunk). */
    Samples chunk(Db db, SeriesView v, int c) throws SQLException {
        if (c >= v.sealed()) {
            return new Samples(v.tailT(), v.tailV(), v.tailT().length);
        }
        ChunkKey key = new ChunkKey(v.owner(), c);
        Samples s = cache.get(key);
        if (s == null) {
            s = ChunkCodec.decode(db.blob(sqlChunk, ChunkCodec.rowId(v.id(), c)));
            cache.offer(key, s);
        }
        return s;
    }

    /** Receives the packed rows of a scan in order ({@link ChunkCodec}'s layout); answers whether to go on. */
    @FunctionalInterface
    interface PackedSink {
        boolean accept(int chunk, byte[] data) throws SQLException;
    }

    /**
     * The sealed chunks {@code [from, to)} packed as stored, in order, by one range query past the cache: a one-pass
     * reader that needs only part of each chunk (building a bucket series: the times, and the values only where its
     * transform needs them) decodes what it needs.
     */
    void scanPacked(Db db, SeriesView v, int from, int to, PackedSink sink) throws SQLException {
        if (from >= to) {
            return;
        }
        if (to > v.sealed()) {
            throw new IllegalArgumentException("chunk " + (to - 1) + " is not sealed");
        }
        java.sql.PreparedStatement p = db.ps(sqlChunkRange);
        p.setLong(1, ChunkCodec.rowId(v.id(), from));
        p.setLong(2, ChunkCodec.rowId(v.id(), to));
        int c = from;
        try (java.sql.ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                if (!sink.accept(c++, rs.getBytes(1))) {
                    return;
                }
            }
        }
        if (c != to) {
            throw new SQLException("series " + v.name() + ": chunk " + c + " is missing");
        }
    }

    /** The first sample index whose time is &gt;= tNs (count when none). */
    long indexAtOrAfter(Db db, SeriesView v, long tNs) throws SQLException {
        int lo = 0;
        int hi = v.sealed();    // first sealed chunk with tLast >= tNs
        long[] tLast = v.tLast();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tLast[mid] >= tNs) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo < v.sealed()) {
            if (v.tFirst()[lo] >= tNs) {
                return (long) lo * CHUNK_SAMPLES;
            }
            Samples s = chunk(db, v, lo);
            for (int i = 0; i < s.n(); i++) {
                if (s.t()[i] >= tNs) {
                    return (long) lo * CHUNK_SAMPLES + i;
                }
            }
            return (long) (lo + 1) * CHUNK_SAMPLES;
        }
        long[] tailT = v.tailT();
        for (int i = 0; i < tailT.length; i++) {
            if (tailT[i] >= tNs) {
                return (long) v.sealed() * CHUNK_SAMPLES + i;
            }
        }
        return v.count();
    }

    /** The samples with index in {@code range}. */
    Samples read(Db db, SeriesView v, IndexRange range) throws SQLException {
        return read(db, v, range.from(), range.to());
    }

    /** Samples with index in [from, to). */
    Samples read(Db db, SeriesView v, long from, long to) throws SQLException {
        int n = (int) Math.max(0, to - from);
        long[] t = new long[n];
        double[] val = new double[n];
        int k = 0;
        long i = from;
        while (i < to) {
            int c = (int) (i / CHUNK_SAMPLES);
            Samples s = chunk(db, v, c);
            int off = (int) (i - (long) c * CHUNK_SAMPLES);
            int take = (int) Math.min(s.n() - off, to - i);
            if (take <= 0) {
                break;
            }
            System.arraycopy(s.t(), off, t, k, take);
            System.arraycopy(s.v(), off, val, k, take);
            k += take;
            i += take;
        }
        return new Samples(t, val, k);
    }

    /** One sample's time. */
    long timeAt(Db db, SeriesView v, long index) throws SQLException {
        return read(db, v, index, index + 1).t()[0];
    }
}
