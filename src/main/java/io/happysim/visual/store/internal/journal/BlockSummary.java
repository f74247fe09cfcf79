package io.happysim.visual.store.internal.journal;

/**
 * What a reader knows of one block without reading it: rows, time range, rows without a time and flags, also stored in
 * its {@code <prefix>_blocks} row. Its {@link Palette} (which kinds, how many rows of each) is kept apart: in memory
 * only for the blocks of the segment still being filled, otherwise read with its segment's (see {@link JournalView}).
 * Immutable.
 */
public record BlockSummary(int blockNo, int n, long tMin, long tMax, int nulls, int flags) {
    /** The block's text is all ASCII. */
    public static final int ASCII = 1;
    /** The block's text has upper-case letters (search lower-cases it first). */
    public static final int UPPER = 2;
    /** Events: the block has verbatim (not shaped) contexts. */
    public static final int VERBATIM = 4;

    /** Whether no row of this block can fall into the inclusive time range [lo, hi]. */
    public boolean outside(long lo, long hi) {
        return tMax == Journal.NULL_TIME || tMax < lo || tMin > hi;
    }

    /** Whether every row of this block has a time inside [lo, hi]. */
    public boolean inside(long lo, long hi) {
        return nulls == 0 && tMin >= lo && tMax <= hi;
    }
}
