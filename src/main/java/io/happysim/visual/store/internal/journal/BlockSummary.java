package io.happysim.visual.store.internal.journal;

/**
 * The in-memory summary of one block, also stored in its {@code <prefix>_blocks} row: rows, time range, rows without a
 * time, flags and the <em>palette</em> — {@code kinds[i]} occurs {@code counts[i]} times, i being the local index the
 * packed rows use, in order of first appearance. Immutable.
 */
public record BlockSummary(int blockNo, int n, long tMin, long tMax, int nulls, int flags, int[] kinds, int[] counts) {
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
