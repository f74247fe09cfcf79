package io.happysim.visual.store.internal.search;

import java.util.Arrays;

/**
 * Whether the decimal form of an id contains a digit string, in a few array lookups per id instead of a
 * {@code Long.toString}: an id &gt;= 10^4 is {@code P·10^4 + S}; the text contains q when q lies in P's digits,
 * in S's four zero-padded digits (a table over S built once per query), or across the two (for a given P,
 * a union of S intervals, recomputed when P changes). Ids below 10^4 are checked directly.
 *
 * <p>Not thread-safe (it remembers the last P): one query's thread only.
 */
public final class DigitMatcher {
    private final String q;
    private final boolean[] inS = new boolean[10_000];
    private long lastP = -1;
    private boolean pAll;
    private final long[] lo;
    private final long[] hi;
    private int intervals;
    /** The values of S whose four digits contain q, ascending. */
    private final int[] sList;

    private DigitMatcher(String q) {
        this.q = q;
        char[] d = new char[4];
        for (int s = 0; s < 10_000; s++) {
            d[0] = (char) ('0' + s / 1000);
            d[1] = (char) ('0' + s / 100 % 10);
            d[2] = (char) ('0' + s / 10 % 10);
            d[3] = (char) ('0' + s % 10);
            inS[s] = contains(d, q);
        }
        lo = new long[q.length()];
        hi = new long[q.length()];
        int k = 0;
        for (boolean b : inS) {
            if (b) {
                k++;
            }
        }
        sList = new int[k];
        k = 0;
        for (int x = 0; x < 10_000; x++) {
            if (inS[x]) {
                sList[k++] = x;
            }
        }
    }

    private static boolean contains(char[] d, String q) {
        int m = q.length();
        for (int i = 0; i + m <= d.length; i++) {
            int j = 0;
            while (j < m && d[i + j] == q.charAt(j)) {
                j++;
            }
            if (j == m) {
                return true;
            }
        }
        return false;
    }

    /** A matcher when {@code q} is all ASCII digits, else null (no id can match). */
    static DigitMatcher forQuery(String q) {
        if (q.isEmpty() || q.length() > 19) {
            return null;
        }
        for (int i = 0; i < q.length(); i++) {
            if (q.charAt(i) < '0' || q.charAt(i) > '9') {
                return null;
            }
        }
        return new DigitMatcher(q);
    }

    public boolean matches(long id) {
        if (id < 10_000) {
            return Long.toString(id).contains(q);
        }
        long p = id / 10_000;
        int s = (int) (id - p * 10_000);
        if (p != lastP) {
            prepare(p);
        }
        if (pAll || inS[s]) {
            return true;
        }
        for (int i = 0; i < intervals; i++) {
            if (s >= lo[i] && s <= hi[i]) {
                return true;
            }
        }
        return false;
    }

    /** Sets the bit of every row {@code r < n} whose id {@code firstId + r} matches. */
    public void orInto(long firstId, int n, long[] bits) {
        int r = 0;
        while (r < n) {
            long id = firstId + r;
            if (id < 10_000) {
                if (matches(id)) {
                    bits[r >>> 6] |= 1L << (r & 63);
                }
                r++;
                continue;
            }
            long p = id / 10_000;
            int s = (int) (id - p * 10_000);
            if (p != lastP) {
                prepare(p);
            }
            int m = (int) Math.min(n - r, 10_000 - s);
            if (pAll) {
                setRange(bits, r, r + m);
            } else {
                int at = Arrays.binarySearch(sList, s);
                for (int j = at < 0 ? -at - 1 : at; j < sList.length && sList[j] < s + m; j++) {
                    int row = r + sList[j] - s;
                    bits[row >>> 6] |= 1L << (row & 63);
                }
                for (int i = 0; i < intervals; i++) {
                    long a = Math.max(lo[i], s);
                    long b = Math.min(hi[i], s + m - 1L);
                    if (a <= b) {
                        setRange(bits, r + (int) (a - s), r + (int) (b - s) + 1);
                    }
                }
            }
            r += m;
        }
    }

    private static void setRange(long[] bits, int from, int to) {
        for (int x = from; x < to; x++) {
            bits[x >>> 6] |= 1L << (x & 63);
        }
    }

    private void prepare(long p) {
        lastP = p;
        String ps = Long.toString(p);
        pAll = ps.contains(q);
        intervals = 0;
        int m = q.length();
        for (int k = 1; k < m && k <= ps.length(); k++) {
            int rest = m - k;            // digits of q that must open S
            if (rest > 4) {
                continue;
            }
            if (!ps.endsWith(q.substring(0, k))) {
                continue;
            }
            long v = Long.parseLong(q.substring(k));
            long scale = pow10(4 - rest);
            lo[intervals] = v * scale;
            hi[intervals] = (v + 1) * scale - 1;
            intervals++;
        }
    }

    private static long pow10(int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= 10;
        }
        return r;
    }
}
