package io.happysim.visual.store.internal.snapshot;

import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.journal.JournalView;
import io.happysim.visual.store.internal.series.SeriesSnapshot;
import java.util.List;

/**
 * What readers see: everything as of one commit of the writer, published whole (a volatile swap), so a reader never
 * sees half an append. A reader reads only what its snapshot describes, in a read transaction of the same
 * {@code generation} (see {@link SnapshotReads}).
 */
public record Snapshot(long generation, Dictionaries.View dictionaries, JournalView events, JournalView logs, SeriesSnapshot series) {
    /** Events stored: the highest event id. */
    public long eventRows() {
        return events.rows();
    }

    /** Log lines stored: the highest log id. */
    public long logRows() {
        return logs.rows();
    }

    /** Distinct event types stored, sorted. */
    public List<String> eventTypes() {
        return dictionaries.eventTypes();
    }

    /** Distinct entity names stored as a target or source of an event, sorted. */
    public List<String> entityNames() {
        return dictionaries.entityNames();
    }
}
