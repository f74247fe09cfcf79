package io.happysim.visual.store.internal.paging;

import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.journal.JournalView;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.search.Filter;
import io.happysim.visual.store.internal.search.ParallelScan;
import java.sql.SQLException;

/**
 * One read of one journal: the snapshot's dictionaries and journal view at its generation, the read transaction's
 * connection, and what the journal's readers share (caches, the parallel scan).
 */
public record JournalRead(Dictionaries.View dictionaries, JournalView journal, long generation, Db db, JournalCaches caches,
                          ParallelScan scan) {

    /** Opens and counts a filtered query. */
    JournalQuery query(Filter filter) throws SQLException {
        return JournalQuery.counted(this, filter);
    }

    /** Opens a filtered query without counting it (pages read only up to their last row). */
    JournalQuery uncountedQuery(Filter filter) throws SQLException {
        return JournalQuery.uncounted(this, filter);
    }
}
