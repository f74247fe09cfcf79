package io.happysim.visual.store.internal.paging;

import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_INTERNAL;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_SOURCE;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_TARGET;
import static io.happysim.visual.store.internal.dictionary.Dictionaries.EVENT_TYPE;

import io.happysim.visual.store.AroundPage;
import io.happysim.visual.store.EventCount;
import io.happysim.visual.store.Page;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.dictionary.Kinds;
import io.happysim.visual.store.internal.journal.DecodedBlock;
import io.happysim.visual.store.internal.journal.JournalView;
import io.happysim.visual.store.internal.journal.Texts;
import io.happysim.visual.store.internal.schema.TimeBounds;
import io.happysim.visual.store.internal.search.EventCriteria;
import io.happysim.visual.store.internal.search.FilterCompiler;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The event journal as one read sees it: pages by cursor or around a time, counts, the newest rows. */
public final class EventPages {
    private final JournalRead read;
    private final Dictionaries.View dictionaries;
    private final JournalView events;

    public EventPages(JournalRead read) {
        this.read = read;
        this.dictionaries = read.dictionaries();
        this.events = read.journal();
    }

    private JournalQuery query(EventCriteria q) throws SQLException {
        return read.query(FilterCompiler.events(q, dictionaries, read.generation()));
    }

    private JournalQuery query(EventCriteria q, boolean counted) throws SQLException {
        return counted ? query(q) : read.uncountedQuery(FilterCompiler.events(q, dictionaries, read.generation()));
    }

    /**
     * One page: after the row of {@code cursor}, else from the first matching row at or after {@code aroundTime}, else
     * from the newest ({@code ascending} false) or the oldest row; with its exact total when {@code counted}, else
     * {@link Page#NOT_COUNTED}.
     */
    public Page<RecordedEvent> page(EventCriteria q, Long cursor, Double aroundTime, boolean ascending, int limit, boolean counted)
            throws SQLException {
        JournalQuery r = query(q, counted);
        long rows = events.rows();
        long start;
        if (cursor != null) {
            start = ascending ? cursor + 1 : cursor - 1;
        } else if (aroundTime != null) {
            long a = r.firstIdAtOrAfter(TimeBounds.ceilNs(aroundTime));
            if (ascending) {
                start = a < 0 ? rows + 1 : a;
            } else {
                List<RowRef> first = a < 0 ? List.of() : r.collect(a, true, 1).rows();
                start = first.isEmpty() ? rows : first.get(0).id();
            }
        } else {
            start = ascending ? 1 : rows;
        }
        return page(r, start, ascending, limit);
    }

    /**
     * The matching rows at or after a time (ascending) and those strictly before it (descending), {@code limit} each;
     * with the exact total when {@code counted}.
     */
    public AroundPage around(EventCriteria q, double aroundTime, int limit, boolean counted) throws SQLException {
        JournalQuery r = query(q, counted);
        long rows = events.rows();
        long a = r.firstIdAtOrAfter(TimeBounds.ceilNs(aroundTime));
        Page<RecordedEvent> before = page(r, a < 0 ? rows : a - 1, false, limit);
        Page<RecordedEvent> after = page(r, a < 0 ? rows + 1 : a, true, limit);
        return new AroundPage(before, after, a < 0 ? null : a);
    }

    /** How many rows match, and the times of the first and the last. */
    public EventCount count(EventCriteria q) throws SQLException {
        JournalQuery r = query(q);
        long rows = events.rows();
        if (r.total() == 0) {
            return new EventCount(0, null, null, rows, null);
        }
        RowRef first = r.collect(1, true, 1).rows().get(0);
        RowRef last = r.collect(rows, false, 1).rows().get(0);
        double t0 = r.blockOf(first).times()[first.row()] / 1e9;
        double t1 = r.blockOf(last).times()[last.row()] / 1e9;
        return new EventCount(r.total(), t0, t1, rows, last.id());
    }

    /**
     * The next matching rows after {@code afterId}, oldest first, none beyond {@code lastId}: an export reads a whole
     * filtered history this way, chunk by chunk, without a total.
     */
    public List<RecordedEvent> chunk(EventCriteria q, long afterId, int limit, long lastId) throws SQLException {
        JournalQuery r = query(q);
        List<RowRef> refs = new ArrayList<>(r.collect(afterId + 1, true, limit).rows());
        refs.removeIf(ref -> ref.id() > lastId);
        return records(r, refs);
    }

    /** The newest {@code n} rows, oldest first. */
    public List<RecordedEvent> newest(int n) throws SQLException {
        JournalQuery r = query(EventCriteria.NONE);
        List<RowRef> refs = new ArrayList<>(r.collect(events.rows(), false, n).rows());
        Collections.reverse(refs);
        return records(r, refs);
    }

    private Page<RecordedEvent> page(JournalQuery r, long start, boolean ascending, int limit) throws SQLException {
        PageSlice slice = r.collect(start, ascending, limit);
        String next = slice.more() && !slice.rows().isEmpty() ? Cursors.encode(Cursors.EVENTS, slice.last().id()) : null;
        return new Page<>(records(r, slice.rows()), next, r.total());
    }

    private List<RecordedEvent> records(JournalQuery r, List<RowRef> refs) throws SQLException {
        List<RecordedEvent> out = new ArrayList<>(refs.size());
        Kinds.View kv = dictionaries.eventKinds();
        for (RowRef ref : refs) {
            DecodedBlock b = r.blockOf(ref);
            Texts tx = r.textsOf(ref);
            int row = ref.row();
            int kind = b.kinds()[row];
            out.add(new RecordedEvent(ref.id(), b.times()[row], dictionaries.name(kv.get(EVENT_TYPE, kind)),
                    dictionaries.name(kv.get(EVENT_TARGET, kind)), dictionaries.name(kv.get(EVENT_SOURCE, kind)),
                    kv.get(EVENT_INTERNAL, kind) != 0, tx.text(row, 0)));
        }
        return out;
    }
}
