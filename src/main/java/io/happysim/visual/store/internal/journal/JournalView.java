package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.dictionary.Shapes;

/**
 * What readers see of one journal: the sealed blocks and the tail at one commit. Immutable (arrays are only ever
 * appended to beyond {@code sealedCount} / {@code segCount}, which a view never reads past).
 *
 * <p>Palettes: the tail's and those of the sealed blocks of the segment still being filled ({@code openPalettes}, for
 * blocks {@code segCount·segmentBlocks ..}) are here; a block of a complete segment has its palette in the segment's
 * row, read through {@link BlockReads#palette}.
 *
 * @param shapes the shapes its contexts were written with (events), or null (logs)
 */
public record JournalView(JournalFormat format, SealedBlocks sealed, int sealedCount, Palette[] openPalettes, BlockSummary tail,
                          Palette tailPalette, long rows, Segment[] segments, int segCount, Shapes.View shapes) {

    public int blockCount() {
        return sealedCount + (tail == null ? 0 : 1);
    }

    public BlockSummary block(int i) {
        return i < sealedCount ? sealed.block(i) : tail;
    }

    /** Block i's time range end (without making its summary). */
    public long tMax(int i) {
        return i < sealedCount ? sealed.tMax(i) : tail.tMax();
    }

    public boolean isSealed(int i) {
        return i < sealedCount;
    }

    /** Block i's palette when memory has it, else null (a block of a complete segment: read it with its segment's). */
    Palette paletteInMemory(int i) {
        if (i >= sealedCount) {
            return tailPalette;
        }
        int base = segCount * format.segmentBlocks();
        return i >= base ? openPalettes[i - base] : null;
    }

    /** The complete segment block i belongs to, or -1. */
    public int segmentOf(int i) {
        int s = i / format.segmentBlocks();
        return i < sealedCount && s < segCount ? s : -1;
    }
}
