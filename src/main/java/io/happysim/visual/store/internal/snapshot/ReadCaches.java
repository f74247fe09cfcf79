package io.happysim.visual.store.internal.snapshot;

import io.happysim.visual.store.internal.paging.JournalCaches;
import io.happysim.visual.store.internal.series.ChunkReads;

/** The caches of one store's readers, bounded by the limits the store was given; emptied when the history is. */
public record ReadCaches(JournalCaches events, JournalCaches logs, ChunkReads chunks) {
    public void clear() {
        events.clear();
        logs.clear();
        chunks.clear();
    }
}
