package io.happysim.visual.store.internal.journal;

/**
 * Per-kind row counts and time range of consecutive sealed blocks, so that a total costs O(segments + edge blocks)
 * instead of O(blocks). Kept in memory for every complete segment and stored in its {@code <prefix>_segments} row
 * (with the palettes of its blocks, which memory does not keep). Immutable.
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

    /** Whether some row of this segment has this kind. */
    public boolean has(int kind) {
        return kind >= 0 && kind < kindCounts.length && kindCounts[kind] > 0;
    }

    /** The segment of sealed blocks {@code [from, from + palettes.length)}: their palettes and headers. */
    static Segment of(Palette[] palettes, SealedBlocks headers, int from) {
        int maxKind = 0;
        for (Palette p : palettes) {
            for (int k : p.kinds()) {
                maxKind = Math.max(maxKind, k);
            }
        }
        int[] kc = new int[maxKind + 1];
        for (Palette p : palettes) {
            for (int k = 0; k < p.kinds().length; k++) {
                kc[p.kinds()[k]] += p.counts()[k];
            }
        }
        return of(kc, headers, from, palettes.length);
    }

    /** The segment of sealed blocks {@code [from, from + count)} whose per-kind counts are known. */
    static Segment of(int[] kindCounts, SealedBlocks headers, int from, int count) {
        long lo = Journal.NULL_TIME;
        long hi = Journal.NULL_TIME;
        int nl = 0;
        for (int i = from; i < from + count; i++) {
            long bMin = headers.tMin(i);
            long bMax = headers.tMax(i);
            if (bMin != Journal.NULL_TIME && (lo == Journal.NULL_TIME || bMin < lo)) {
                lo = bMin;
            }
            if (bMax != Journal.NULL_TIME && (hi == Journal.NULL_TIME || bMax > hi)) {
                hi = bMax;
            }
            nl += headers.nulls(i);
        }
        return new Segment(kindCounts, lo, hi, nl, (long) count * headers.blockRows());
    }
}
