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
    /** The palettes of a complete segment (keyed by its number, not a block's). */
    private static final int PALETTES = 2;

    private final JournalView view;
    private final Db db;
    private final long generation;
    private final BoundedCache<Long, Weighed> cache;
    private final Map<Integer, DecodedBlock> blocks = new HashMap<>();
    private final Map<Integer, Texts> texts = new HashMap<>();
    private final Map<Integer, SegmentPalettes> palettes = new HashMap<>();
    private final Map<Integer, int[]> segmentKinds = new HashMap<>();
    private final Decoder<DecodedBlock> kindsAndTimes;
    private final Decoder<Texts> textsOf;

    public BlockReads(JournalView view, Db db, long generation, BoundedCache<Long, Weighed> cache) {
        this.view = view;
        this.db = db;
        this.generation = generation;
        this.cache = cache;
        this.kindsAndTimes = bi -> {
            Palette p = palette(bi.blockNo());
            return p == null ? null : BlockDecoder.decode(db, view.format(), bi, p, bi.n());
        };
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

    /**
     * Block i's palette (its kinds and their row counts): from the view, else with its segment's palettes (this query's,
     * the cache's, else read); null when the segment is gone (cleared underneath the query).
     */
    public Palette palette(int i) throws SQLException {
        Palette p = view.paletteInMemory(i);
        if (p != null) {
            return p;
        }
        int seg = view.segmentOf(i);
        SegmentPalettes sp = palettes.get(seg);
        if (sp == null) {
            long key = key(seg, PALETTES);
            sp = (SegmentPalettes) cache.get(key);
            if (sp == null) {
                sp = SegmentRows.palettes(db, view.format(), seg);
                if (sp == null) {
                    return null;
                }
                cache.offer(key, sp);
            }
            palettes.put(seg, sp);
        }
        return sp.palettes()[i - seg * view.format().segmentBlocks()];
    }

    /**
     * Every kind block i may hold, without reading anything: its palette's kinds when they are at hand (the open segment,
     * the tail, or a segment this query read), else those of its whole segment (a superset: enough to rule a block out
     * or in for a filter that only asks whether some kind of it could match).
     */
    public int[] possibleKinds(int i) {
        Palette p = view.paletteInMemory(i);
        if (p != null) {
            return p.kinds();
        }
        int seg = view.segmentOf(i);
        SegmentPalettes sp = palettes.get(seg);
        if (sp != null) {
            return sp.palettes()[i - seg * view.format().segmentBlocks()].kinds();
        }
        return segmentKinds.computeIfAbsent(seg, s -> {
            int[] kc = view.segments()[s].kindCounts();
            int k = 0;
            for (int c : kc) {
                k += c > 0 ? 1 : 0;
            }
            int[] out = new int[k];
            k = 0;
            for (int kind = 0; kind < kc.length; kind++) {
                if (kc[kind] > 0) {
                    out[k++] = kind;
                }
            }
            return out;
        });
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

    private long key(int number, int part) {
        return (generation << 40) ^ ((long) number << 2) ^ part;
    }
}
