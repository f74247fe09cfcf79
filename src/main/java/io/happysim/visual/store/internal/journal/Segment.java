package io.happysim.visual.store.internal.journal;

/**
 * Per-kind row counts and time range of consecutive sealed blocks (memory only), so that a total costs
 * O(segments + edge blocks) instead of O(blocks). Immutable.
 *
 * @param kindCounts index = kind id
 */
public record Segment(int[] kindCounts, long tMin, long tMax, int nulls, long rows) {

    /** Whether no row of this segment can fall into the inclusive time range [lo, hi]. */
    public boolean outside(long lo, long hi) {
        return tMax == Journal.NULL_TIME || tMax < lo || tMin > hi;
    }

    /** Whether every row of this segment has a time inside [lo, hi]. */
    public boolean inside(long lo, long hi) {
        return nulls == 0 && tMin >= lo && tMax <= hi;
    }

    /** The segment of {@code blocks[from, from + count)}. */
    static Segment of(BlockSummary[] blocks, int from, int count) {
        int maxKind = 0;
        long lo = Journal.NULL_TIME;
        long hi = Journal.NULL_TIME;
        int nl = 0;
        long n = 0;
        for (int i = from; i < from + count; i++) {
            BlockSummary b = blocks[i];
            for (int k : b.kinds()) {
                maxKind = Math.max(maxKind, k);
            }
            if (b.tMin() != Journal.NULL_TIME && (lo == Journal.NULL_TIME || b.tMin() < lo)) {
                lo = b.tMin();
            }
            if (b.tMax() != Journal.NULL_TIME && (hi == Journal.NULL_TIME || b.tMax() > hi)) {
                hi = b.tMax();
            }
            nl += b.nulls();
            n += b.n();
        }
        int[] kc = new int[maxKind + 1];
        for (int i = from; i < from + count; i++) {
            BlockSummary b = blocks[i];
            for (int k = 0; k < b.kinds().length; k++) {
                kc[b.kinds()[k]] += b.counts()[k];
            }
        }
        return new Segment(kc, lo, hi, nl, n);
    }
}
