package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.Transform;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bucket arithmetic of original-behaviour §3.10: bucket index {@code floor((t_ns/1e9) / window)}, bucket time
 * {@code index * window}, mean = sum in sample order / count, max, percentiles by {@code _percentile_sorted}
 * (sorted values, pos = p·(n−1), linear interpolation), count, rate = count / window.
 */
public final class BucketMath {
    private BucketMath() {
    }

    static long bucketIndex(long tNs, double window) {
        return (long) Math.floor((tNs / 1e9) / window);
    }

    /** Times this far from the ends of a long are bucketed sample by sample (no boundary search near an overflow). */
    private static final long SAFE_NS = 1L << 60;

    /**
     * The first time (ns) whose bucket index is at least {@code k}: with it, a run of samples is known to stay in one
     * bucket by comparing times, without the floating-point division per sample. Exact for the same formula as
     * {@link #bucketIndex} (monotone in the time: every step of it rounds monotonically), found around the estimate
     * {@code k·window·1e9}. {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE} when it lies beyond {@link #SAFE_NS}.
     */
    static long firstNs(long k, double window) {
        double est = Math.ceil(k * window * 1e9);
        if (!(est > -SAFE_NS)) {
            return Long.MIN_VALUE;
        }
        if (!(est < SAFE_NS)) {
            return Long.MAX_VALUE;
        }
        long lo = (long) est;
        long hi = lo;
        for (long step = 1; bucketIndex(lo, window) >= k; step <<= 1) {
            lo -= step;      // below the first time of bucket k
            if (lo < -SAFE_NS) {
                return Long.MIN_VALUE;
            }
        }
        for (long step = 1; bucketIndex(hi, window) < k; step <<= 1) {
            hi += step;      // at or above it
            if (hi > SAFE_NS) {
                return Long.MAX_VALUE;
            }
        }
        while (hi - lo > 1) {           // bucketIndex(lo) < k <= bucketIndex(hi)
            long mid = lo + (hi - lo) / 2;
            if (bucketIndex(mid, window) >= k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    public static double percentileSorted(double[] sorted, int n, double p) {
        if (n == 0) {
            return 0.0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        if (p >= 1) {
            return sorted[n - 1];
        }
        double pos = p * (n - 1);
        int lo = (int) pos;
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        return sorted[lo] * (1.0 - frac) + sorted[hi] * frac;
    }

    /**
     * Exactly {@link #percentileSorted} of {@code vals[0, n)} sorted as {@link Arrays#sort(double[])} sorts (see
     * {@link Selection}); {@code vals} is not changed.
     */
    public static double percentile(double[] vals, int n, double p) {
        return new Selection().percentile(vals, n, p);
    }

    /** The aggregate of one bucket's values (in sample order; {@code vals} may be reordered). */
    static double aggregate(Transform t, double[] vals, int n, double window) {
        return aggregate(t, vals, n, window, new Selection());
    }

    /** As {@link #aggregate(Transform, double[], int, double)}, percentiles found with the caller's {@code selection}. */
    static double aggregate(Transform t, double[] vals, int n, double window, Selection selection) {
        switch (t) {
            case MEAN: {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += vals[i];
                }
                return s / n;
            }
            case MAX: {
                double m = vals[0];
                for (int i = 1; i < n; i++) {
                    if (vals[i] > m) {
                        m = vals[i];
                    }
                }
                return m;
            }
            case COUNT:
                return n;
            case RATE:
                return n / window;
            case P50:
                return selection.percentile(vals, n, 0.50);
            case P99:
                return selection.percentile(vals, n, 0.99);
            case P999:
                return selection.percentile(vals, n, 0.999);
            default:
                throw new IllegalStateException(t.toString());
        }
    }

    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    /** Growable double list. */
    static final class Doubles {
        double[] a = new double[16];
        int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        /** Appends {@code v[from, to)}. */
        void addAll(double[] v, int from, int to) {
            int m = to - from;
            if (n + m > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + m));
            }
            System.arraycopy(v, from, a, n, m);
            n += m;
        }

        /** Appends values {@code [from, to)} of a packed chunk whose value 0 starts at byte {@code at} (little-endian). */
        void addPacked(byte[] data, int at, int from, int to) {
            int m = to - from;
            if (n + m > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + m));
            }
            double[] dst = a;
            int k = n;
            for (int i = from; i < to; i++) {
                dst[k++] = (double) DOUBLE_LE.get(data, at + 8 * i);
            }
            n = k;
        }

        void clear() {
            n = 0;
            if (a.length > 1 << 16) {
                a = new double[16];
            }
        }
    }

    /** Buckets of a run of samples in index order: (bucket index, aggregate) pairs. */
    static SampleList bucketize(long[] t, double[] v, int from, int to, Transform tr, double window) {
        SampleList out = new SampleList();
        Selection selection = new Selection();
        Doubles cur = new Doubles();
        long curIdx = 0;
        for (int i = from; i < to; i++) {
            long k = bucketIndex(t[i], window);
            if (cur.n > 0 && k != curIdx) {
                out.add(curIdx, aggregate(tr, cur.a, cur.n, window, selection));
                cur.clear();
            }
            curIdx = k;
            cur.add(v[i]);
        }
        if (cur.n > 0) {
            out.add(curIdx, aggregate(tr, cur.a, cur.n, window, selection));
        }
        return out;
    }
}
