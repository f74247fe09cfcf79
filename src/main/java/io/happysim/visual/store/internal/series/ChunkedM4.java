package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.internal.schema.Db;
import java.sql.SQLException;

/**
 * Feeds a stored series into an {@link M4}: a sealed chunk that lies inside the range and inside one slice is merged
 * from its in-memory summary; only chunks cut by a slice boundary (at most slices + 1) are decoded, and their samples
 * go in as runs that each fall into one slice. The cost is bounded by the number of slices, not the series length.
 */
final class ChunkedM4 {
    private ChunkedM4() {
    }

    /** Feeds samples {@code [i0, i1)} into the accumulator. */
    static void feed(ChunkReads chunks, Db db, SeriesView v, long i0, long i1, M4 acc) throws SQLException {
        if (i0 >= i1) {
            return;
        }
        int c0 = (int) (i0 / CHUNK_SAMPLES);
        int c1 = (int) ((i1 - 1) / CHUNK_SAMPLES);
        for (int c = c0; c <= c1; c++) {
            long g = (long) c * CHUNK_SAMPLES;
            if (c < v.sealed() && g >= i0 && g + CHUNK_SAMPLES <= i1) {
                int s0 = acc.slice(v.tFirst()[c]);
                if (s0 == acc.slice(v.tLast()[c])) {
                    acc.addSummary(s0, g, v.tFirst()[c], v.vFirst()[c], g + CHUNK_SAMPLES - 1, v.tLast()[c], v.vLast()[c],
                            g + v.iMin()[c], v.tAtMin()[c], v.vMin()[c], g + v.iMax()[c], v.tAtMax()[c], v.vMax()[c]);
                    continue;
                }
            }
            Samples s = chunks.chunk(db, v, c);
            int from = (int) Math.max(0, i0 - g);
            int to = (int) Math.min(s.n(), i1 - g);
            addRuns(acc, g, s.t(), s.v(), from, to);
        }
    }

    /**
     * Adds samples [from, to) (time-ordered) as runs that each fall into one slice: the run's end is found by binary
     * search and the run is merged as a summary — the same result as adding its samples one by one.
     */
    private static void addRuns(M4 acc, long g, long[] t, double[] v, int from, int to) {
        int i = from;
        while (i < to) {
            int sl = acc.slice(t[i]);
            int lo = i + 1;
            int hi = to;         // first index in (i, to] whose slice differs
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (acc.slice(t[mid]) == sl) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int j = lo;
            int mn = i;
            int mx = i;
            double vmn = v[i];
            double vmx = v[i];
            for (int k = i + 1; k < j; k++) {
                double x = v[k];
                if (x < vmn) {
                    vmn = x;
                    mn = k;
                }
                if (x > vmx) {
                    vmx = x;
                    mx = k;
                }
            }
            acc.addSummary(sl, g + i, t[i], v[i], g + j - 1, t[j - 1], v[j - 1], g + mn, t[mn], v[mn], g + mx, t[mx], v[mx]);
            i = j;
        }
    }
}
