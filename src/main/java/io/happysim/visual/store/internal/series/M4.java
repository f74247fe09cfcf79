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
    private final Points first;
    private final Points last;
    private final Points min;
    private final Points max;
    private final boolean[] has;

    /** One point per slot: its global sample index, time and value. */
    private static final class Points {
        final long[] idx;
        final long[] t;
        final double[] v;

        Points(int slots) {
            idx = new long[slots];
            t = new long[slots];
            v = new double[slots];
        }

        void set(int s, long i, long time, double value) {
            idx[s] = i;
            t[s] = time;
            v[s] = value;
        }

        void copy(int from, Points to, int at) {
            to.set(at, idx[from], t[from], v[from]);
        }

        void swap(int a, int b) {
            long x = idx[a];
            idx[a] = idx[b];
            idx[b] = x;
            x = t[a];
            t[a] = t[b];
            t[b] = x;
            double y = v[a];
            v[a] = v[b];
            v[b] = y;
        }
    }

    M4(int slices, long t0, long t1) {
        this.n = Math.max(1, slices);
        this.t0 = t0;
        this.width = (double) (t1 - t0) + 1.0;
        first = new Points(n);
        last = new Points(n);
        min = new Points(n);
        max = new Points(n);
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
            first.set(s, firstIdx, firstT, firstV);
            min.set(s, minIdx, minT, minV);
            max.set(s, maxIdx, maxT, maxV);
        } else {
            if (minV < min.v[s]) {
                min.set(s, minIdx, minT, minV);
            }
            if (maxV > max.v[s]) {
                max.set(s, maxIdx, maxT, maxV);
            }
        }
        last.set(s, lastIdx, lastT, lastV);
    }

    /** The kept points in index order, at most {@code maxPoints}. Times are converted by {@code timeOf}. */
    SeriesData result(int maxPoints, LongToDoubleFunction timeOf) {
        Points kept = new Points(4 * n);
        int k = 0;
        Points slot = new Points(4);
        for (int s = 0; s < n; s++) {
            if (!has[s]) {
                continue;
            }
            int m = 0;
            m = putOnce(first, s, slot, m);
            m = putOnce(min, s, slot, m);
            m = putOnce(max, s, slot, m);
            m = putOnce(last, s, slot, m);
            // sort the (up to 4) points of the slice by index
            for (int a = 1; a < m; a++) {
                for (int b = a; b > 0 && slot.idx[b] < slot.idx[b - 1]; b--) {
                    slot.swap(b, b - 1);
                }
            }
            for (int a = 0; a < m; a++) {
                slot.copy(a, kept, k++);
            }
        }
        long[] ts = kept.t;
        double[] vs = kept.v;
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

    /** Puts the role's point of slice s into the slot's next place unless a point with its index is there already. */
    private static int putOnce(Points role, int s, Points slot, int m) {
        for (int a = 0; a < m; a++) {
            if (slot.idx[a] == role.idx[s]) {
                return m;
            }
        }
        role.copy(s, slot, m);
        return m + 1;
    }
}
