package io.happysim.visual.store.internal.paging;

import static io.happysim.visual.store.internal.dictionary.Dictionaries.LOG_LEVEL;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.LOG_LOGGER;

import io.happysim.visual.store.LogLevel;
import io.happysim.visual.store.Page;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.dictionary.Kinds;
import io.happysim.visual.store.internal.journal.DecodedBlock;
import io.happysim.visual.store.internal.journal.Journal;
import io.happysim.visual.store.internal.journal.Texts;
import io.happysim.visual.store.internal.search.FilterCompiler;
import io.happysim.visual.store.internal.search.LogCriteria;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The log journal as one read sees it: pages by cursor, and chunks for an export. */
public final class LogPages {
    private static final LogLevel[] LEVELS = LogLevel.values();

    private final JournalRead read;
    private final Dictionaries.View dictionaries;

    public LogPages(JournalRead read) {
        this.read = read;
        this.dictionaries = read.dictionaries();
    }

    /** One page after the row of {@code cursor}, else from the newest ({@code ascending} false) or the oldest row. */
    public Page<RecordedLog> page(LogCriteria q, Long cursor, boolean ascending, int limit) throws SQLException {
        JournalQuery r = read.query(FilterCompiler.logs(q, dictionaries, read.generation()));
        long rows = read.journal().rows();
        long start = cursor != null ? (ascending ? cursor + 1 : cursor - 1) : (ascending ? 1 : rows);
        PageSlice slice = r.collect(start, ascending, limit);
        List<RecordedLog> items = records(r, slice.rows());
        String next = slice.more() && !slice.rows().isEmpty() ? Cursors.encode(Cursors.LOGS, slice.last().id()) : null;
        return new Page<>(items, next, r.total());
    }

    /** The next matching lines after {@code afterId}, oldest first, none beyond {@code lastId} (for an export). */
    public List<RecordedLog> chunk(LogCriteria q, long afterId, int limit, long lastId) throws SQLException {
        JournalQuery r = read.query(FilterCompiler.logs(q, dictionaries, read.generation()));
        List<RowRef> refs = new ArrayList<>(r.collect(afterId + 1, true, limit).rows());
        refs.removeIf(ref -> ref.id() > lastId);
        return records(r, refs);
    }

    private List<RecordedLog> records(JournalQuery r, List<RowRef> refs) throws SQLException {
        List<RecordedLog> items = new ArrayList<>(refs.size());
        Kinds.View kv = dictionaries.logKinds();
        for (RowRef ref : refs) {
            DecodedBlock b = r.blockOf(ref);
            Texts tx = r.textsOf(ref);
            int row = ref.row();
            int kind = b.kinds()[row];
            long t = b.times()[row];
            items.add(new RecordedLog(ref.id(), t == Journal.NULL_TIME ? null : t, tx.text(row, 0),
                    LEVELS[kv.get(LOG_LEVEL, kind)].name(), dictionaries.name(kv.get(LOG_LOGGER, kind)), tx.text(row, 1)));
        }
        return items;
    }
}
