package io.happysim.visual.store.internal.series;

/** The summary of one chunk, as {@code sample_chunks} stores it beside the packed samples. */
record ChunkSummary(long tFirst, long tLast, double vFirst, double vLast, double vMin, long tAtMin, int iMin,
                    double vMax, long tAtMax, int iMax) {

    /** The summary of samples {@code [0, n)} (the earliest minimum and maximum on ties). */
    static ChunkSummary of(long[] t, double[] v, int n) {
        int mn = 0;
        int mx = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] < v[mn]) {
                mn = i;
            }
            if (v[i] > v[mx]) {
                mx = i;
            }
        }
        return new ChunkSummary(t[0], t[n - 1], v[0], v[n - 1], v[mn], t[mn], mn, v[mx], t[mx], mx);
    }
}
