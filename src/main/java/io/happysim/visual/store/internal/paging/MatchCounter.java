package io.happysim.visual.store.internal.paging;

import io.happysim.visual.store.internal.cache.BoundedCache;
import io.happysim.visual.store.internal.journal.BlockReads;
import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.DecodedBlock;
import io.happysim.visual.store.internal.journal.Palette;
import io.happysim.visual.store.internal.journal.JournalView;
import io.happysim.visual.store.internal.journal.Segment;
import io.happysim.visual.store.internal.search.Filter;
import io.happysim.visual.store.internal.search.SearchCounts;
import io.happysim.visual.store.internal.search.SearchTerm;
import io.happysim.visual.store.internal.search.TextHits;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Exact totals of one query: whole segments from their per-kind counts, blocks from their palettes, and only blocks
 * that a time range cuts (or whose rows a search must read) decoded. With a search, every block's count is computed
 * up front (sealed blocks' counts cached per search: the next page and total cost only the new blocks); without one,
 * block counts are computed lazily as paging asks. One query's thread only.
 */
final class MatchCounter {
    /**
     * Blocks whose texts a lazy search computes ahead on two threads at first; each next step is four times as many, up
     * to the last (a term found in few blocks then costs a few steps more than a full count, not dozens).
     */
    static final int FIRST_PREFETCH = 32;
    static final int LAST_PREFETCH = 8192;

    /** Kind flags: passes the filter. */
    private static final int KF_OK = 1;
    /** Kind flags: its names or context shape match the search. */
    private static final int KF_HIT = 2;
    /** Kind flags: its rows may match the search by their text. */
    private static final int KF_TEXT = 4;

    private final JournalView view;
    private final Filter filter;
    private final BlockReads reads;
    private final TextHits hits;
    private final BoundedCache<String, SearchCounts> searchCache;
    private final int segmentBlocks;
    private int[] counts;           // exact matches per block (search)
    private int[] memo;             // per-block match counts computed lazily (-1 = not yet), filters without search
    /** Lazy (no total): a cached count of the same search, for its first {@code cachedUpTo} blocks. */
    private int[] cachedCounts;
    private int cachedUpTo;
    private boolean useGrams;
    /** Lazy: the n-gram filters read so far, by block (read with the blocks a step computes ahead). */
    private byte[][] gramsByBlock;
    private final java.util.BitSet gramsRead = new java.util.BitSet();
    private final java.util.BitSet prefetched = new java.util.BitSet();
    private int prefetchWindow = FIRST_PREFETCH;
    private long total;
    private byte[] kindFlags;
    private boolean anyHit;

    MatchCounter(BlockReads reads, Filter filter, TextHits hits, BoundedCache<String, SearchCounts> searchCache) {
        this.view = reads.view();
        this.filter = filter;
        this.reads = reads;
        this.hits = hits;
        this.searchCache = searchCache;
        this.segmentBlocks = view.format().segmentBlocks();
    }

    long total() {
        return total;
    }

    /** Whether every block's count is known (a search): then paging cannot skip whole segments by kind counts. */
    boolean countedEveryBlock() {
        return counts != null;
    }

    /** Computes the total; for a search also exact per-block match counts (cached per search for sealed blocks). */
    void count() throws SQLException {
        int nb = view.blockCount();
        if (filter.search() == null) {
            memo = new int[nb];
            Arrays.fill(memo, -1);
            long sum = 0;
            int i = 0;
            while (i < nb) {
                if (i % segmentBlocks == 0 && i / segmentBlocks < view.segCount()) {
                    long c = segmentMatches(i / segmentBlocks);
                    if (c >= 0) {
                        sum += c;
                        i += segmentBlocks;
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
        SearchCounts cached = searchCache.get(filter.cacheKey());
        int cachedUpTo = cached == null ? 0 : Math.min(cached.counts().length, view.sealedCount());
        if (cached != null) {
            hits.ruledOutBefore(cached.noText().get(0, cachedUpTo));
        }
        // the n-gram filters cannot rule out a string of digits (every block has most digit trigrams): not read then
        boolean useGrams = !(view.format().shaped() && filter.search().pureDigits());
        byte[][] grams = cachedUpTo < nb && useGrams ? reads.grams(cachedUpTo, nb - 1) : null;
        if (cachedUpTo < view.sealedCount()) {
            hits.prefetch(cachedUpTo, view.sealedCount(), grams, this::needsText);
        }
        long sum = 0;
        for (int i = 0; i < nb; i++) {
            int c = i < cachedUpTo ? cached.counts()[i] : countBlock(i, grams == null ? null : grams[i - cachedUpTo]);
            counts[i] = c;
            sum += c;
        }
        total = sum;
        if (view.sealedCount() > cachedUpTo) {
            searchCache.offer(filter.cacheKey(),
                    new SearchCounts(Arrays.copyOf(counts, view.sealedCount()), hits.ruledOutAmong(view.sealedCount())));
        }
    }

    /**
     * Starts a query that carries no total ({@link #total} is -1): block counts are computed as paging asks for them — a
     * search's from the counts a full count of it cached, else from the texts, computed ahead on two threads
     * ({@link #prefetch}) — so a page reads only the blocks up to its last row.
     */
    void startLazy() {
        int nb = view.blockCount();
        memo = new int[nb];
        Arrays.fill(memo, -1);
        total = io.happysim.visual.store.Page.NOT_COUNTED;
        if (filter.search() != null) {
            SearchCounts cached = searchCache.get(filter.cacheKey());
            if (cached != null) {
                cachedCounts = cached.counts();
                cachedUpTo = Math.min(cached.counts().length, view.sealedCount());
                hits.ruledOutBefore(cached.noText().get(0, cachedUpTo));
            }
            useGrams = !(view.format().shaped() && filter.search().pureDigits());
            gramsByBlock = new byte[nb][];
        }
    }

    /**
     * A lazy search about to look at block i, walking in this direction: computes ahead, on two threads, the texts of
     * the next blocks that may match (32 at first, four times as many each time after, their n-gram filters read in one
     * query), unless a cached count or an earlier step covers them.
     */
    void prefetch(int i, boolean ascending) throws SQLException {
        if (memo == null || filter.search() == null || i >= view.sealedCount() || i < cachedUpTo || prefetched.get(i)) {
            return;
        }
        int lo = ascending ? i : Math.max(cachedUpTo, i - prefetchWindow + 1);
        int hi = ascending ? Math.min(view.sealedCount(), i + prefetchWindow) : i + 1;
        prefetchWindow = Math.min(LAST_PREFETCH, prefetchWindow * 4);
        byte[][] grams = null;
        if (useGrams) {
            readGrams(lo, hi);
            grams = java.util.Arrays.copyOfRange(gramsByBlock, lo, hi);
        }
        hits.prefetch(lo, hi, grams, this::needsText);
        prefetched.set(lo, hi);
    }

    /** Block i's n-gram filter (a lazy search): read by the step that covered it, else on its own. */
    private byte[] gramsOf(int i) throws SQLException {
        readGrams(i, i + 1);
        return gramsByBlock[i];
    }

    /** Reads the n-gram filters of blocks [lo, hi) not read yet, in one query. */
    private void readGrams(int lo, int hi) throws SQLException {
        int a = gramsRead.nextClearBit(lo);
        if (a >= hi) {
            return;
        }
        byte[][] g = reads.grams(a, hi - 1);
        System.arraycopy(g, 0, gramsByBlock, a, hi - a);
        gramsRead.set(a, hi);
    }

    /** Matches in a whole segment from its kind counts, or -1 when the time range cuts it. */
    long segmentMatches(int sIdx) {
        Segment sg = view.segments()[sIdx];
        Filter f = filter;
        if (f.timed()) {
            if (sg.outside(f.tLo(), f.tHi())) {
                return 0;
            }
            if (!sg.inside(f.tLo(), f.tHi())) {
                return -1;
            }
        }
        boolean[] allowed = f.allowedKinds();
        if (allowed == null) {
            return sg.rows();
        }
        long c = 0;
        int[] kc = sg.kindCounts();
        int n = Math.min(kc.length, allowed.length);
        for (int k = 0; k < n; k++) {
            if (allowed[k]) {
                c += kc[k];
            }
        }
        return c;
    }

    /** Matches in block i. */
    int blockMatches(int i) throws SQLException {
        if (counts != null) {
            return counts[i];
        }
        int c = memo[i];
        if (c < 0) {
            if (filter.search() == null) {
                c = countBlock(i, null);
            } else if (i < cachedUpTo) {
                c = cachedCounts[i];
            } else {
                c = countBlock(i, useGrams ? gramsOf(i) : null);
            }
            memo[i] = c;
        }
        return c;
    }

    /**
     * Per kind id: {@link #KF_OK}, {@link #KF_HIT}, {@link #KF_TEXT}; null without kind filter and search.
     */
    private byte[] kindFlags() {
        byte[] kf = kindFlags;
        if (kf == null) {
            Filter f = filter;
            SearchTerm s = f.search();
            if (s == null && f.allowedKinds() == null) {
                return null;    // every kind passes
            }
            kf = new byte[s != null ? s.kinds() : f.allowedKinds().length];
            int max = kf.length;
            for (int k = 0; k < max; k++) {
                int fl = f.kindOk(k) ? KF_OK : 0;
                if (s == null || s.kindHit(k)) {
                    fl |= KF_HIT;
                } else if (s.textKind(k)) {
                    fl |= KF_TEXT;
                }
                kf[k] = (byte) fl;
                anyHit |= (fl & KF_HIT) != 0;
            }
            kindFlags = kf;
        }
        return kf;
    }

    /** Whether counting block i needs its texts (mirrors {@link #countBlock}). */
    private boolean needsText(int i, byte[] grams) throws SQLException {
        BlockSummary bi = view.block(i);
        Filter f = filter;
        if (f.timed() && bi.outside(f.tLo(), f.tHi())) {
            return false;
        }
        int[] kinds = kindsOf(i);
        if (kinds == null) {
            return false;
        }
        boolean textKinds = false;
        byte[] kf = kindFlags();
        for (int kind : kinds) {
            if (kind >= 0 && kind < kf.length && (kf[kind] & (KF_OK | KF_HIT | KF_TEXT)) == (KF_OK | KF_TEXT)) {
                textKinds = true;
                break;
            }
        }
        return textKinds && f.search().mayContain(grams, kinds);
    }

    /**
     * The kinds of block i as far as counting it needs them: when every row passes the filter and no kind matches the
     * search by its name, only whether some kind may match by text matters, and the block's segment answers that
     * without reading its palette; otherwise the block's palette. Null when the block is gone (cleared).
     */
    private int[] kindsOf(int i) throws SQLException {
        kindFlags();
        if (filter.allowedKinds() == null && !anyHit) {
            return reads.possibleKinds(i);
        }
        Palette p = reads.palette(i);
        return p == null ? null : p.kinds();
    }

    private int countBlock(int i, byte[] grams) throws SQLException {
        BlockSummary bi = view.block(i);
        Filter f = filter;
        if (f.timed() && bi.outside(f.tLo(), f.tHi())) {
            return 0;
        }
        int kindMatches = 0;
        int nameMatches = 0;
        boolean textKinds = false;
        byte[] kf = kindFlags();
        int[] kinds = null;
        if (kf == null) {
            kindMatches = bi.n();       // neither a kind filter nor a search: every row (a time range may cut the block)
        } else if (f.allowedKinds() == null && !anyHit) {
            kinds = reads.possibleKinds(i);
            // every row passes, none by its kind: only whether some kind may match by text
            kindMatches = bi.n();
            for (int kind : kinds) {
                if (kind >= 0 && kind < kf.length && (kf[kind] & KF_TEXT) != 0) {
                    textKinds = true;
                    break;
                }
            }
        } else {
            Palette palette = reads.palette(i);
            if (palette == null) {
                return 0;       // cleared underneath the query
            }
            kinds = palette.kinds();
            int[] kindCounts = palette.counts();
            for (int k = 0; k < kinds.length; k++) {
                int kind = kinds[k];
                int fl = kind >= 0 && kind < kf.length ? kf[kind] : 0;
                if ((fl & KF_OK) != 0) {
                    kindMatches += kindCounts[k];
                    if ((fl & KF_HIT) != 0) {
                        nameMatches += kindCounts[k];
                    } else if ((fl & KF_TEXT) != 0) {
                        textKinds = true;
                    }
                }
            }
        }
        if (kindMatches == 0) {
            return 0;
        }
        SearchTerm se = f.search();
        boolean wholeTime = !f.timed() || bi.inside(f.tLo(), f.tHi());
        boolean textPossible = se == null || textKinds && se.mayContain(grams, kinds);
        if (!textPossible) {
            hits.ruleOut(bi.blockNo());
        }
        if (wholeTime) {
            if (se == null || nameMatches == kindMatches) {
                return kindMatches;
            }
            if (!textPossible && se.digits() == null) {
                return nameMatches;
            }
            if (f.allowedKinds() == null && nameMatches == 0) {
                // only text (and the id) can match: no need for the block's kinds and times
                int n = bi.n();
                long[] textHits = textPossible ? hits.of(i) : new long[(n + 63) >>> 6];
                long[] any = textHits;
                if (se.digits() != null) {
                    any = textHits.clone();
                    se.digits().orInto(view.format().firstId(bi.blockNo()), n, any);
                }
                int c = 0;
                for (long w : any) {
                    c += Long.bitCount(w);
                }
                return c;
            }
        }
        DecodedBlock b = reads.block(i);
        if (b == null) {
            return 0;
        }
        int c = 0;
        if (se == null) {
            for (int r = 0; r < b.n(); r++) {
                if (f.kindOk(b.kinds()[r]) && f.timeOk(b.times()[r])) {
                    c++;
                }
            }
            return c;
        }
        long[] textHits = null;
        for (int r = 0; r < b.n(); r++) {
            int kind = b.kinds()[r];
            if (!f.kindOk(kind) || !f.timeOk(b.times()[r])) {
                continue;
            }
            if (se.kindHit(kind) || se.digits() != null && se.digits().matches(b.firstId() + r)) {
                c++;
                continue;
            }
            if (!textPossible) {
                continue;
            }
            if (textHits == null) {
                textHits = hits.of(i);
            }
            if ((textHits[r >>> 6] & (1L << (r & 63))) != 0) {
                c++;
            }
        }
        return c;
    }
}
