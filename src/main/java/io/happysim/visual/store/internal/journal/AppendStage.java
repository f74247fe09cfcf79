package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.schema.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes one append makes to a journal: rows go into a copy of the tail; every full block is written and staged
 * beyond the published sealed count (invisible to readers), and every segment it completes is summed and its row
 * written; {@link #finish} writes the partial tail block. Memory changes only when the journal
 * {@link Journal#commit commits} the stage after the database did.
 */
public final class AppendStage {
    private final Journal journal;
    private final Db db;
    private final BlockWriter writer;
    private final int blockRows;
    private final int per;
    Tail tail;
    int sealedCount;
    BlockSummary tailSummary;
    Palette tailPalette;
    /** The open segment's palettes: the journal's array (slots beyond its published blocks are free), or a new one. */
    Palette[] openPalettes;
    private int segCount;
    final List<Segment> newSegments = new ArrayList<>();
    private boolean dirty;

    AppendStage(Journal journal, Db db, Tail tail, int sealedCount, BlockSummary tailSummary, Palette tailPalette, Palette[] openPalettes,
                int segCount) {
        this.journal = journal;
        this.db = db;
        this.writer = new BlockWriter(journal.format(), db);
        this.blockRows = journal.format().blockRows();
        this.per = journal.format().segmentBlocks();
        this.tail = tail;
        this.sealedCount = sealedCount;
        this.tailSummary = tailSummary;
        this.tailPalette = tailPalette;
        this.openPalettes = openPalettes;
        this.segCount = segCount;
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
            BlockWriter.Written full = writer.write(sealedCount, tail);
            journal.stageSealed(sealedCount, full.summary());
            openPalettes[sealedCount - segCount * per] = full.palette();
            sealedCount++;
            if (sealedCount == (segCount + 1) * per) {
                newSegments.add(journal.sealSegment(db, segCount, openPalettes));
                segCount++;
                openPalettes = new Palette[per];
            }
            tail = new Tail(Math.min(blockRows, 1024), journal.format().textFields());
            tailSummary = null;
            tailPalette = null;
            dirty = false;
        }
    }

    /** Writes the partial block the rows end in, if they changed it. */
    public void finish() throws SQLException {
        if (dirty && tail.n > 0) {
            BlockWriter.Written w = writer.write(sealedCount, tail);
            tailSummary = w.summary();
            tailPalette = w.palette();
        }
    }
}
