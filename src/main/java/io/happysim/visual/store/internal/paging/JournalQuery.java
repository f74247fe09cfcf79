package io.happysim.visual.store.internal.paging;

import io.happysim.visual.store.internal.journal.BlockReads;
import io.happysim.visual.store.internal.journal.DecodedBlock;
import io.happysim.visual.store.internal.journal.Texts;
import io.happysim.visual.store.internal.search.Filter;
import io.happysim.visual.store.internal.search.TextHits;
import java.sql.SQLException;

/**
 * One filtered read of a journal at one snapshot: counted when made (every page carries the exact total), then paged
 * and its rows' blocks read. One query's thread only; it lives as long as one store call.
 */
record JournalQuery(BlockReads reads, MatchCounter counter, Pager pager) {

    /** Opens and counts a query. */
    static JournalQuery counted(JournalRead read, Filter filter) throws SQLException {
        BlockReads reads = new BlockReads(read.journal(), read.db(), read.generation(), read.caches().blocks());
        TextHits hits = filter.search() == null ? null : new TextHits(reads, filter.search(), read.scan());
        MatchCounter counter = new MatchCounter(reads, filter, hits, read.caches().searchCounts());
        counter.count();
        return new JournalQuery(reads, counter, new Pager(reads, filter, hits, counter));
    }

    /** Opens a query without counting it: its total is -1, its pages read only the blocks up to their last row. */
    static JournalQuery uncounted(JournalRead read, Filter filter) throws SQLException {
        BlockReads reads = new BlockReads(read.journal(), read.db(), read.generation(), read.caches().blocks());
        TextHits hits = filter.search() == null ? null : new TextHits(reads, filter.search(), read.scan());
        MatchCounter counter = new MatchCounter(reads, filter, hits, read.caches().searchCounts());
        counter.startLazy();
        return new JournalQuery(reads, counter, new Pager(reads, filter, hits, counter));
    }

    long total() {
        return counter.total();
    }

    PageSlice collect(long startId, boolean ascending, int limit) throws SQLException {
        return pager.collect(startId, ascending, limit);
    }

    long firstIdAtOrAfter(long tNs) throws SQLException {
        return pager.firstIdAtOrAfter(tNs);
    }

    DecodedBlock blockOf(RowRef ref) throws SQLException {
        return reads.block(ref.block());
    }

    Texts textsOf(RowRef ref) throws SQLException {
        return reads.texts(ref.block());
    }
}
