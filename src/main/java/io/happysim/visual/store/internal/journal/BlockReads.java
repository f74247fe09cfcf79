package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.cache.BoundedCache;
import io.happysim.visual.store.internal.cache.Weighed;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The blocks one query decodes, each at most once per query. Sealed blocks never change within a generation of the
 * file, so they also go through the store's block cache (keyed by generation, block and part); the tail block is
 * always read afresh, truncated to the rows the query's snapshot knows. One query's thread only.
 */
public final class BlockReads {
    private static final int KINDS_AND_TIMES = 0;
    private static final int TEXTS = 1;

    private final JournalView view;
    private final Db db;
    private final long generation;
    private final BoundedCache<Long, Weighed> cache;
    private final Map<Integer, DecodedBlock> blocks = new HashMap<>();
    private final Map<Integer, Texts> texts = new HashMap<>();
    private final Decoder<DecodedBlock> kindsAndTimes;
    private final Decoder<Texts> textsOf;

    public BlockReads(JournalView view, Db db, long generation, BoundedCache<Long, Weighed> cache) {
        this.view = view;
        this.db = db;
        this.generation = generation;
        this.cache = cache;
        this.kindsAndTimes = bi -> BlockDecoder.decode(db, view.format(), bi, bi.n());
        this.textsOf = bi -> BlockDecoder.readTexts(db, view.format(), bi, bi.n(), view.shapes());
    }

    public JournalView view() {
        return view;
    }

    public Db db() {
        return db;
    }

    public long generation() {
        return generation;
    }

    /** Block i's kinds and times, or null when it was cleared underneath the query. */
    public DecodedBlock block(int i) throws SQLException {
        return read(i, KINDS_AND_TIMES, blocks, kindsAndTimes);
    }

    /** Block i's texts. */
    public Texts texts(int i) throws SQLException {
        return read(i, TEXTS, texts, textsOf);
    }

    /** Reads one part of a block: from this query's, from the cache (sealed blocks), else decoded (null: gone). */
    private <T extends Weighed> T read(int i, int part, Map<Integer, T> seen, Decoder<T> decoder) throws SQLException {
        T v = seen.get(i);
        if (v == null) {
            BlockSummary bi = view.block(i);
            boolean sealed = view.isSealed(i);
            long key = key(bi.blockNo(), part);
            @SuppressWarnings("unchecked")
            T cached = sealed ? (T) cache.get(key) : null;
            v = cached;
            if (v == null) {
                v = decoder.decode(bi);
                if (v == null) {
                    return null;
                }
                if (sealed) {
                    cache.offer(key, v);
                }
            }
            seen.put(i, v);
        }
        return v;
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(BlockSummary block) throws SQLException;
    }

    /** The n-gram filters of blocks {@code from..to} (inclusive). */
    public byte[][] grams(int from, int to) throws SQLException {
        return BlockDecoder.grams(db, view.format(), from, to);
    }

    private long key(int blockNo, int part) {
        return (generation << 40) ^ ((long) blockNo << 1) ^ part;
    }
}
