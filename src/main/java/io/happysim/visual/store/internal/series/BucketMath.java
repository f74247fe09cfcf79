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

    /** Order statistics this close to either end are picked by one pass keeping the few extreme values. */
    private static final int FEW = 8;

    /**
     * Exactly {@link #percentileSorted} of {@code vals[0, n)} sorted as {@link Arrays#sort(double[])} sorts (the order of
     * {@link Double#compare}: −0.0 before 0.0, NaN last), without sorting: only the two order statistics it interpolates
     * between are found — in one pass when they are among the few largest or smallest values (p99 and p999 of buckets
     * of up to a few hundred samples), else by selection. A bucket's percentile was its most expensive part.
     */
    public static double percentile(double[] vals, int n, double p) {
        if (n == 0) {
            return 0.0;
        }
        int lo;
        int hi;
        double frac;
        if (p <= 0) {
            lo = hi = 0;
            frac = 0;
        } else if (p >= 1) {
            lo = hi = n - 1;
            frac = 0;
        } else {
            double pos = p * (n - 1);
            lo = (int) pos;
            hi = Math.min(lo + 1, n - 1);
            frac = pos - lo;
        }
        long[] two = n - lo <= FEW ? largest(vals, n, n - lo) : lo + 2 <= FEW ? smallest(vals, n, lo, hi) : selected(vals, n, lo);
        double a = fromKey(two[0]);
        if (p <= 0 || p >= 1) {
            return a;
        }
        double b = hi == lo ? a : fromKey(two[1]);
        return a * (1.0 - frac) + b * frac;
    }

    /** A long whose signed order is {@link Double#compare}'s order of the doubles. */
    private static long key(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ ((bits >> 63) & 0x7FFF_FFFF_FFFF_FFFFL);
    }

    private static double fromKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & 0x7FFF_FFFF_FFFF_FFFFL));
    }

    /** The m largest keys' two smallest: ranks n−m and n−m+1 in ascending order. */
    private static long[] largest(double[] vals, int n, int m) {
        long[] top = new long[m];      // ascending; top[0] is the smallest of the m largest so far
        int have = 0;
        for (int i = 0; i < n; i++) {
            long k = key(vals[i]);
            if (have < m) {
                int j = have++;
                while (j > 0 && top[j - 1] > k) {
                    top[j] = top[j - 1];
                    j--;
                }
                top[j] = k;
            } else if (k > top[0]) {
                int j = 0;
                while (j + 1 < m && top[j + 1] < k) {
                    top[j] = top[j + 1];
                    j++;
                }
                top[j] = k;
            }
        }
        return m >= 2 ? new long[] {top[0], top[1]} : new long[] {top[0], top[0]};
    }

    /** Ranks lo and hi (≤ lo + 1) in ascending order from the hi + 1 smallest keys. */
    private static long[] smallest(double[] vals, int n, int lo, int hi) {
        int m = hi + 1;
        long[] low = new long[m];      // descending; low[0] is the largest of the m smallest so far
        int have = 0;
        for (int i = 0; i < n; i++) {
            long k = key(vals[i]);
            if (have < m) {
                int j = have++;
                while (j > 0 && low[j - 1] < k) {
                    low[j] = low[j - 1];
                    j--;
                }
                low[j] = k;
            } else if (k < low[0]) {
                int j = 0;
                while (j + 1 < m && low[j + 1] > k) {
                    low[j] = low[j + 1];
                    j++;
                }
                low[j] = k;
            }
        }
        return new long[] {low[m - 1 - lo], low[m - 1 - hi]};
    }

    /** Ranks lo and lo + 1 (when there is one) in ascending order, by quickselect over the values' keys. */
    private static long[] selected(double[] vals, int n, int lo) {
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = key(vals[i]);
        }
        int left = 0;
        int right = n - 1;
        while (left < right) {
            long x = k[left];
            long y = k[(left + right) >>> 1];
            long z = k[right];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));     // the median of three
            // three-way partition: [left, lt) < pivot, [lt, gt] == pivot, (gt, right] > pivot (many equal values stay linear)
            int lt = left;
            int i = left;
            int gt = right;
            while (i <= gt) {
                long ki = k[i];
                if (ki < pivot) {
                    k[i++] = k[lt];
                    k[lt++] = ki;
                } else if (ki > pivot) {
                    k[i] = k[gt];
                    k[gt--] = ki;
                } else {
                    i++;
                }
            }
            if (lo < lt) {
                right = lt - 1;
            } else if (lo > gt) {
                left = gt + 1;
            } else {
                break;
            }
        }
        long a = k[lo];
        long b = a;
        if (lo + 1 < n) {
            b = Long.MAX_VALUE;
            for (int i = lo + 1; i < n; i++) {
                b = Math.min(b, k[i]);
            }
        }
        return new long[] {a, b};
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
                return percentile(vals, n, 0.50);
            case P99:
                return percentile(vals, n, 0.99);
            case P999:
                return percentile(vals, n, 0.999);
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

        /** Appends {@code v[from, to)}. */
        void addAll(double[] v, int from, int to) {
            int m = to - from;
            if (n + m > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + m));
            }
            System.arraycopy(v, from, a, n, m);
            n += m;
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
