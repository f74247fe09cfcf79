package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.schema.Db;
import java.sql.SQLException;

/**
 * The changes one append makes to a journal: rows go into a copy of the tail; every full block is written and staged
 * beyond the published sealed count (invisible to readers); {@link #finish} writes the partial tail block. Memory
 * changes only when the journal {@link Journal#commit commits} the stage after the database did.
 */
public final class AppendStage {
    private final Journal journal;
    private final BlockWriter writer;
    private final int blockRows;
    Tail tail;
    int sealedCount;
    BlockSummary tailSummary;
    private boolean dirty;

    AppendStage(Journal journal, Db db, Tail tail, int sealedCount, BlockSummary tailSummary) {
        this.journal = journal;
        this.writer = new BlockWriter(journal.format(), db);
        this.blockRows = journal.format().blockRows();
        this.tail = tail;
        this.sealedCount = sealedCount;
        this.tailSummary = tailSummary;
    }

    /**
     * Adds one row.
     *
     * @param t0    its first text (event: the context; log: the wall time), or null
     * @param t1    its second text (log: the message), null for events
     * @param shape the context's shape id (events), 0 for logs
     */
    public void add(long time, int kind, String t0, String t1, int shape) throws SQLException {
        tail.add(time, kind, t0, t1, shape);
        dirty = true;
        if (tail.n == blockRows) {
            BlockSummary full = writer.write(sealedCount, tail);
            journal.stageSealed(sealedCount, full);
            sealedCount++;
            tail = new Tail(Math.min(blockRows, 1024), journal.format().textFields());
            tailSummary = null;
            dirty = false;
        }
    }

    /** Writes the partial block the rows end in, if they changed it. */
    public void finish() throws SQLException {
        if (dirty && tail.n > 0) {
            tailSummary = writer.write(sealedCount, tail);
        }
    }
}
