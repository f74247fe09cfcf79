package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.dictionary.Shapes;

/**
 * What readers see of one journal: the sealed blocks and the tail at one commit. Immutable (arrays are only ever
 * appended to beyond {@code sealedCount} / {@code segCount}, which a view never reads past).
 *
 * @param shapes the shapes its contexts were written with (events), or null (logs)
 */
public record JournalView(JournalFormat format, BlockSummary[] sealed, int sealedCount, BlockSummary tail, long rows,
                          Segment[] segments, int segCount, Shapes.View shapes) {

    public int blockCount() {
        return sealedCount + (tail == null ? 0 : 1);
    }

    public BlockSummary block(int i) {
        return i < sealedCount ? sealed[i] : tail;
    }

    public boolean isSealed(int i) {
        return i < sealedCount;
    }
}
