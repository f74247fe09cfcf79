package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.Transform;
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

    /** The aggregate of one bucket's values (in sample order; {@code vals} may be reordered). */
    static double aggregate(Transform t, double[] vals, int n, double window) {
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
                Arrays.sort(vals, 0, n);
                return percentileSorted(vals, n, 0.50);
            case P99:
                Arrays.sort(vals, 0, n);
                return percentileSorted(vals, n, 0.99);
            case P999:
                Arrays.sort(vals, 0, n);
                return percentileSorted(vals, n, 0.999);
            default:
                throw new IllegalStateException(t.toString());
        }
    }

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
        Doubles cur = new Doubles();
        long curIdx = 0;
        for (int i = from; i < to; i++) {
            long k = bucketIndex(t[i], window);
            if (cur.n > 0 && k != curIdx) {
                out.add(curIdx, aggregate(tr, cur.a, cur.n, window));
                cur.clear();
            }
            curIdx = k;
            cur.add(v[i]);
        }
        if (cur.n > 0) {
            out.add(curIdx, aggregate(tr, cur.a, cur.n, window));
        }
        return out;
    }
}
