package io.happysim.visual.store.internal.series;

import java.util.Arrays;

/**
 * Exactly {@link BucketMath#percentileSorted} of some values sorted as {@link Arrays#sort(double[])} sorts them (the
 * order of {@link Double#compare}: −0.0 before 0.0, NaN last), without sorting: only the two order statistics it
 * interpolates between are found — in one pass when they are among the few largest or smallest values (p99 and p999
 * of buckets of up to a few hundred samples), else by selection. Building a bucket series computes one per bucket
 * (two million p50s of ~50 values at 100 M samples), so the selection partitions without a branch per value (a
 * mispredicted branch for every other value was most of a p50) into a scratch array kept for the next bucket. One
 * thread at a time; the values are not changed.
 */
final class Selection {
    /** Order statistics this close to either end are picked by one pass keeping the few extreme values. */
    private static final int FEW = 8;
    /** Ranges this short are finished by insertion sort. */
    private static final int SHORT = 12;

    private long[] keys = new long[0];
    /** The two order statistics found last (as keys): ranks lo and hi. */
    private long first;
    private long second;

    /** The p-quantile of {@code vals[0, n)} as {@link BucketMath#percentileSorted} computes it on the sorted values. */
    double percentile(double[] vals, int n, double p) {
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
        if (n - lo <= FEW) {
            largest(vals, n, n - lo);
        } else if (lo + 2 <= FEW) {
            smallest(vals, n, lo, hi);
        } else {
            selected(vals, n, lo);
        }
        double a = fromKey(first);
        if (p <= 0 || p >= 1) {
            return a;
        }
        double b = hi == lo ? a : fromKey(second);
        return a * (1.0 - frac) + b * frac;
    }

    /** A long whose signed order is {@link Double#compare}'s order of the doubles. */
    static long key(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ ((bits >> 63) & 0x7FFF_FFFF_FFFF_FFFFL);
    }

    static double fromKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & 0x7FFF_FFFF_FFFF_FFFFL));
    }

    /** The m largest keys' two smallest: ranks n−m and n−m+1 in ascending order (the same one twice when m is 1). */
    private void largest(double[] vals, int n, int m) {
        if (m <= 2) {
            // Long.MIN_VALUE is below every key (−∞'s is 0x800F…): the first values replace it
            long top = Long.MIN_VALUE;      // the largest so far
            long next = Long.MIN_VALUE;     // the second largest so far
            for (int i = 0; i < n; i++) {
                long k = key(vals[i]);
                if (k > next) {
                    if (k > top) {
                        next = top;
                        top = k;
                    } else {
                        next = k;
                    }
                }
            }
            first = m == 2 ? next : top;
            second = top;
            return;
        }
        long[] top = scratch(m);        // ascending; top[0] is the smallest of the m largest so far
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
        first = top[0];
        second = top[1];
    }

    /** Ranks lo and hi (≤ lo + 1) in ascending order from the hi + 1 smallest keys. */
    private void smallest(double[] vals, int n, int lo, int hi) {
        int m = hi + 1;
        long[] low = scratch(m);        // descending; low[0] is the largest of the m smallest so far
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
        first = low[m - 1 - lo];
        second = low[m - 1 - hi];
    }

    /** Ranks lo and lo + 1 (when there is one) in ascending order, by quickselect over the values' keys. */
    private void selected(double[] vals, int n, int lo) {
        long[] k = scratch(n);
        for (int i = 0; i < n; i++) {
            k[i] = key(vals[i]);
        }
        select(k, n, lo);
        long a = k[lo];
        long b = a;
        if (lo + 1 < n) {
            b = Long.MAX_VALUE;
            for (int i = lo + 1; i < n; i++) {
                b = Math.min(b, k[i]);
            }
        }
        first = a;
        second = b;
    }

    /**
     * Moves the r-th smallest of {@code k[0, n)} to {@code k[r]}, every key after it being at least as large. Lomuto
     * partitions whose only branch is the loop's: each key is swapped to the boundary and the boundary moves by the
     * comparison's outcome. A range with nothing below its pivot is split once more by equality, so that many equal
     * keys stay linear.
     */
    static void select(long[] k, int n, int r) {
        int left = 0;
        int right = n - 1;
        while (right - left >= SHORT) {
            long x = k[left];
            long y = k[(left + right) >>> 1];
            long z = k[right];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));     // the median of three
            int j = left;       // [left, j) < pivot <= [j, i)
            for (int i = left; i <= right; i++) {
                long ki = k[i];
                k[i] = k[j];
                k[j] = ki;
                j += ki < pivot ? 1 : 0;
            }
            if (r < j) {
                right = j - 1;
            } else if (j > left) {
                left = j;
            } else {
                int e = left;   // nothing below the pivot: [left, e) == pivot < [e, i)
                for (int i = left; i <= right; i++) {
                    long ki = k[i];
                    k[i] = k[e];
                    k[e] = ki;
                    e += ki == pivot ? 1 : 0;
                }
                if (r < e) {
                    return;     // k[r] is the pivot; everything after it is at least the pivot
                }
                left = e;
            }
        }
        for (int i = left + 1; i <= right; i++) {
            long x = k[i];
            int j = i - 1;
            while (j >= left && k[j] > x) {
                k[j + 1] = k[j];
                j--;
            }
            k[j + 1] = x;
        }
    }

    private long[] scratch(int n) {
        if (keys.length < n) {
            keys = new long[Math.max(Math.max(n, 64), keys.length * 2)];
        } else if (keys.length > 1 << 16 && n <= 1 << 10) {
            keys = new long[1 << 10];   // one huge bucket does not keep its scratch for the small ones after it
        }
        return keys;
    }
}
