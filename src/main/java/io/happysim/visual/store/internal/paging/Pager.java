package io.happysim.visual.store.internal.paging;

import io.happysim.visual.store.internal.journal.BlockReads;
import io.happysim.visual.store.internal.journal.DecodedBlock;
import io.happysim.visual.store.internal.journal.Journal;
import io.happysim.visual.store.internal.journal.JournalView;
import io.happysim.visual.store.internal.search.Filter;
import io.happysim.visual.store.internal.search.SearchTerm;
import io.happysim.visual.store.internal.search.TextHits;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one query's matching rows from a row id in either direction: whole segments and blocks without a match are
 * skipped by their counts, and only blocks that hold a match are decoded. One query's thread only.
 */
final class Pager {
    private final JournalView view;
    private final Filter filter;
    private final BlockReads reads;
    private final TextHits hits;
    private final MatchCounter counter;
    private final int blockRows;
    private final int segmentBlocks;
    private int lastHitsBlock = -1;
    private long[] lastHits;

    Pager(BlockReads reads, Filter filter, TextHits hits, MatchCounter counter) {
        this.view = reads.view();
        this.filter = filter;
        this.reads = reads;
        this.hits = hits;
        this.counter = counter;
        this.blockRows = view.format().blockRows();
        this.segmentBlocks = view.format().segmentBlocks();
    }

    /** Up to {@code limit} matching rows starting at {@code startId} (inclusive) in the given direction. */
    PageSlice collect(long startId, boolean ascending, int limit) throws SQLException {
        List<RowRef> out = new ArrayList<>();
        long last = view.rows();
        if (last == 0 || startId < 1 || startId > last) {
            return new PageSlice(out, false);
        }
        int bi = (int) ((startId - 1) / blockRows);
        int step = ascending ? 1 : -1;
        int nb = view.blockCount();
        for (int i = bi; i >= 0 && i < nb; i += step) {
            if (!counter.countedEveryBlock() && i != bi && i / segmentBlocks < view.segCount()
                    && (ascending ? i % segmentBlocks == 0 : i % segmentBlocks == segmentBlocks - 1)
                    && counter.segmentMatches(i / segmentBlocks) == 0) {
                i += step * (segmentBlocks - 1);      // a whole segment without a match
                continue;
            }
            counter.prefetch(i, ascending);
            if (counter.blockMatches(i) == 0) {
                continue;
            }
            DecodedBlock b = reads.block(i);
            if (b == null) {
                return new PageSlice(out, false);
            }
            int r0 = i == bi ? (int) ((startId - 1) % blockRows) : (ascending ? 0 : b.n() - 1);
            for (int r = r0; r >= 0 && r < b.n(); r += step) {
                if (rowMatches(b, r)) {
                    if (out.size() == limit) {
                        return new PageSlice(out, true);
                    }
                    out.add(new RowRef(b.firstId() + r, i, r));
                }
            }
        }
        return new PageSlice(out, false);
    }

    /** The first row id (ignoring the filter) whose time is at or after {@code tNs}, or -1. */
    long firstIdAtOrAfter(long tNs) throws SQLException {
        int nb = view.blockCount();
        for (int i = 0; i < nb; i++) {
            long tMax = view.block(i).tMax();
            if (tMax == Journal.NULL_TIME || tMax < tNs) {
                continue;
            }
            DecodedBlock b = reads.block(i);
            if (b == null) {
                return -1;
            }
            for (int r = 0; r < b.n(); r++) {
                if (b.times()[r] != Journal.NULL_TIME && b.times()[r] >= tNs) {
                    return b.firstId() + r;
                }
            }
        }
        return -1;
    }

    private boolean rowMatches(DecodedBlock b, int r) throws SQLException {
        int kind = b.kinds()[r];
        if (!filter.kindOk(kind) || !filter.timeOk(b.times()[r])) {
            return false;
        }
        SearchTerm s = filter.search();
        if (s == null || s.kindHit(kind)) {
            return true;
        }
        if (s.digits() != null && s.digits().matches(b.firstId() + r)) {
            return true;
        }
        int blockNo = b.info().blockNo();
        long[] h;
        if (lastHitsBlock == blockNo) {
            h = lastHits;
        } else {
            if (hits.ruledOut(blockNo)) {
                return false;
            }
            h = hits.of(blockNo);       // block numbers are the view's block indexes
            lastHitsBlock = blockNo;
            lastHits = h;
        }
        return (h[r >>> 6] & (1L << (r & 63))) != 0;
    }
}
