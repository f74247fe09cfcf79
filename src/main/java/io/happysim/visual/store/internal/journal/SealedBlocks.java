package io.happysim.visual.store.internal.journal;

import java.util.Arrays;

/**
 * The summaries of a journal's sealed blocks as primitive arrays (24 bytes a block: its time range, rows without a
 * time, flags; every sealed block has {@code blockRows} rows), so that memory grows by a few bytes per 4096 rows.
 * Append-only: the writer fills slot {@code i} before a view that exposes it is published and never rewrites a slot
 * below the published count; growing reallocates, and views keep the arrays they were made with. Readers get
 * {@link #frozen} copies of the references.
 */
final class SealedBlocks {
    private final int blockRows;
    private long[] tMin;
    private long[] tMax;
    private int[] nulls;
    private int[] flags;

    SealedBlocks(int blockRows, int capacity) {
        this.blockRows = blockRows;
        this.tMin = new long[capacity];
        this.tMax = new long[capacity];
        this.nulls = new int[capacity];
        this.flags = new int[capacity];
    }

    private SealedBlocks(int blockRows, long[] tMin, long[] tMax, int[] nulls, int[] flags) {
        this.blockRows = blockRows;
        this.tMin = tMin;
        this.tMax = tMax;
        this.nulls = nulls;
        this.flags = flags;
    }

    /** Writes slot {@code i} (beyond the published count), growing the arrays when needed. */
    void set(int i, BlockSummary b) {
        if (i >= tMin.length) {
            int cap = Math.max(i + 1, tMin.length * 2);
            tMin = Arrays.copyOf(tMin, cap);
            tMax = Arrays.copyOf(tMax, cap);
            nulls = Arrays.copyOf(nulls, cap);
            flags = Arrays.copyOf(flags, cap);
        }
        tMin[i] = b.tMin();
        tMax[i] = b.tMax();
        nulls[i] = b.nulls();
        flags[i] = b.flags();
    }

    /** The same arrays, for a view (the writer's later growth does not reach it). */
    SealedBlocks frozen() {
        return new SealedBlocks(blockRows, tMin, tMax, nulls, flags);
    }

    BlockSummary block(int i) {
        return new BlockSummary(i, blockRows, tMin[i], tMax[i], nulls[i], flags[i]);
    }

    int blockRows() {
        return blockRows;
    }

    long tMin(int i) {
        return tMin[i];
    }

    long tMax(int i) {
        return tMax[i];
    }

    int nulls(int i) {
        return nulls[i];
    }

    int flags(int i) {
        return flags[i];
    }
}
