package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.SeriesData;
import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * M4 downsampling accumulator: the time range [t0, t1] is cut into {@code n} equal slices; each slice keeps its
 * first, last, minimum and maximum point (earliest on ties), identified by their global sample index so that
 * a point kept for several roles is emitted once. Points (or whole pre-summarised chunks lying inside one
 * slice) must be added in index order. One query's thread only.
 */
final class M4 {
    private final int n;
    private final long t0;
    private final double width;
    private final long[] fI;
    private final long[] fT;
    private final double[] fV;
    private final long[] lI;
    private final long[] lT;
    private final double[] lV;
    private final long[] mnI;
    private final long[] mnT;
    private final double[] mnV;
    private final long[] mxI;
    private final long[] mxT;
    private final double[] mxV;
    private final boolean[] has;

    M4(int slices, long t0, long t1) {
        this.n = Math.max(1, slices);
        this.t0 = t0;
        this.width = (double) (t1 - t0) + 1.0;
        fI = new long[n];
        fT = new long[n];
        fV = new double[n];
        lI = new long[n];
        lT = new long[n];
        lV = new double[n];
        mnI = new long[n];
        mnT = new long[n];
        mnV = new double[n];
        mxI = new long[n];
        mxT = new long[n];
        mxV = new double[n];
        has = new boolean[n];
    }

    int slice(long t) {
        double x = (double) (t - t0) * n / width;
        int s = (int) x;
        return s < 0 ? 0 : Math.min(n - 1, s);
    }

    /** One sample. */
    void add(long idx, long t, double v) {
        addSummary(slice(t), idx, t, v, idx, t, v, idx, t, v, idx, t, v);
    }

    /** A run of samples (a whole chunk, or part of one) whose first and last time fall into slice {@code s}. */
    void addSummary(int s, long firstIdx, long firstT, double firstV, long lastIdx, long lastT, double lastV,
                    long minIdx, long minT, double minV, long maxIdx, long maxT, double maxV) {
        if (!has[s]) {
            has[s] = true;
            fI[s] = firstIdx;
            fT[s] = firstT;
            fV[s] = firstV;
            mnI[s] = minIdx;
            mnT[s] = minT;
            mnV[s] = minV;
            mxI[s] = maxIdx;
            mxT[s] = maxT;
            mxV[s] = maxV;
        } else {
            if (minV < mnV[s]) {
                mnI[s] = minIdx;
                mnT[s] = minT;
                mnV[s] = minV;
            }
            if (maxV > mxV[s]) {
                mxI[s] = maxIdx;
                mxT[s] = maxT;
                mxV[s] = maxV;
            }
        }
        lI[s] = lastIdx;
        lT[s] = lastT;
        lV[s] = lastV;
    }

    /** The kept points in index order, at most {@code maxPoints}. Times are converted by {@code timeOf}. */
    SeriesData result(int maxPoints, LongToDoubleFunction timeOf) {
        long[] ids = new long[4 * n];
        long[] ts = new long[4 * n];
        double[] vs = new double[4 * n];
        int k = 0;
        long[] si = new long[4];
        long[] st = new long[4];
        double[] sv = new double[4];
        for (int s = 0; s < n; s++) {
            if (!has[s]) {
                continue;
            }
            int m = 0;
            m = put(si, st, sv, m, fI[s], fT[s], fV[s]);
            m = put(si, st, sv, m, mnI[s], mnT[s], mnV[s]);
            m = put(si, st, sv, m, mxI[s], mxT[s], mxV[s]);
            m = put(si, st, sv, m, lI[s], lT[s], lV[s]);
            // sort the (up to 4) points of the slice by index
            for (int a = 1; a < m; a++) {
                for (int b = a; b > 0 && si[b] < si[b - 1]; b--) {
                    swap(si, st, sv, b, b - 1);
                }
            }
            for (int a = 0; a < m; a++) {
                ids[k] = si[a];
                ts[k] = st[a];
                vs[k] = sv[a];
                k++;
            }
        }
        if (k > maxPoints) {
            // only when maxPoints < 4 (a single slice): keep the extremes, then the first point
            int[] keep = maxPoints >= 3 ? new int[] {0, argMin(vs, k), argMax(vs, k)} : new int[] {argMin(vs, k), argMax(vs, k)};
            keep = Arrays.stream(keep).distinct().sorted().toArray();
            double[] tt = new double[keep.length];
            double[] vv = new double[keep.length];
            for (int i = 0; i < keep.length; i++) {
                tt[i] = timeOf.applyAsDouble(ts[keep[i]]);
                vv[i] = vs[keep[i]];
            }
            return new SeriesData(tt, vv);
        }
        double[] tt = new double[k];
        double[] vv = Arrays.copyOf(vs, k);
        for (int i = 0; i < k; i++) {
            tt[i] = timeOf.applyAsDouble(ts[i]);
        }
        return new SeriesData(tt, vv);
    }

    private static int argMin(double[] v, int k) {
        int b = 0;
        for (int i = 1; i < k; i++) {
            if (v[i] < v[b]) {
                b = i;
            }
        }
        return b;
    }

    private static int argMax(double[] v, int k) {
        int b = 0;
        for (int i = 1; i < k; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }

    private static int put(long[] si, long[] st, double[] sv, int m, long i, long t, double v) {
        for (int a = 0; a < m; a++) {
            if (si[a] == i) {
                return m;
            }
        }
        si[m] = i;
        st[m] = t;
        sv[m] = v;
        return m + 1;
    }

    private static void swap(long[] si, long[] st, double[] sv, int a, int b) {
        long x = si[a];
        si[a] = si[b];
        si[b] = x;
        x = st[a];
        st[a] = st[b];
        st[b] = x;
        double y = sv[a];
        sv[a] = sv[b];
        sv[b] = y;
    }
}
