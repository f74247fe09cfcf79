package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Series, M4 and bucket transforms against brute-force implementations (§3.10 written out in {@link Reference}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    private Path dir;
    private VisualStore store;
    static final String SMALL = "Probe_Server_depth";
    static final String BIG = "entity:Server.latency";
    static final String LIVE = "chart:p99-live";
    private long[] st;
    private double[] sv;
    private long[] bt;
    private double[] bv;
    private int bn;

    /** Probe-like times (drifting 0.1 s), bursts of equal times, a few spikes. */
    static void gen(int n, long seed, long[] t, double[] v) {
        Random r = new Random(seed);
        long now = 0;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(10) == 0 ? 0 : 99_999_999L + r.nextInt(3);
            t[i] = now;
            v[i] = Math.floor(r.nextGaussian() * 3 + 10) + (r.nextInt(5000) == 0 ? 500 : 0) - (r.nextInt(7000) == 0 ? 400 : 0);
        }
    }

    @BeforeAll
    void fill(@TempDir Path dir) {
        this.dir = dir;
        store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("s.db"))), scan);
        st = new long[5000];
        sv = new double[5000];
        gen(5000, 1, st, sv);
        bn = 150_000;
        bt = new long[bn];
        bv = new double[bn];
        gen(bn, 2, bt, bv);
        store.prepareBuckets(LIVE, Transform.P99, 1.0);   // maintained from the first sample on
        Random r = new Random(4);
        int i = 0;
        int j = 0;
        while (i < st.length || j < bn) {
            Batch b = new Batch();
            int n = 1 + r.nextInt(700);
            for (int k = i; k < Math.min(st.length, i + n); k++) {
                b.addSample(SMALL, st[k], sv[k]);
            }
            i = Math.min(st.length, i + n);
            int m = 1 + r.nextInt(20_000);
            for (int k = j; k < Math.min(bn, j + m); k++) {
                b.addSample(BIG, bt[k], bv[k]);
                b.addSample(LIVE, bt[k], bv[k]);
            }
            j = Math.min(bn, j + m);
            store.append(b);
        }
    }

    static double[] secs(long[] t, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> t[i] / 1e9).toArray();
    }

    static double[] vals(double[] v, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> v[i]).toArray();
    }

    /** A run comparison's latency p50/p99: every stored sample, interpolated at p·(n−1) as a sorted copy gives it. */
    @Test
    void quantilesOfEveryStoredSampleAreThoseOfTheSortedValues() {
        double[] sorted = Arrays.copyOf(bv, bn);
        Arrays.sort(sorted);
        double[] ps = {0, 0.5, 0.99, 0.999, 1};
        double[] expected = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            double pos = ps[i] * (bn - 1);
            int lo = (int) pos;
            expected[i] = lo + 1 < bn ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (pos - lo) : sorted[lo];
        }
        assertArrayEquals(expected, store.quantiles(BIG, ps), 1e-9);
        assertEquals(null, store.quantiles("nope", 0.5));
    }

    @Test
    void rawSeriesInRangeIsEveryPoint() {
        SeriesData all = store.series(SMALL, null, null, null);
        assertArrayEquals(Arrays.stream(st).mapToDouble(x -> x / 1e9).toArray(), all.times());
        assertArrayEquals(sv, all.values());
        int[] idx = Reference.between(st, st.length, 12.3, 260.0);
        SeriesData part = store.series(SMALL, 12.3, 260.0, null);
        assertArrayEquals(secs(st, idx), part.times());
        assertArrayEquals(vals(sv, idx), part.values());
        assertEquals(0, store.series("nope", null, null, 100).size());
        assertEquals(0, store.series(SMALL, 1e6, null, 100).size());
        assertEquals(5000, store.seriesSize(SMALL));
    }

    @Test
    void m4MatchesTheReferenceAndKeepsSpikes() {
        Random r = new Random(8);
        for (int k = 0; k < 40; k++) {
            boolean big = k % 2 == 0;
            long[] t = big ? bt : st;
            double[] v = big ? bv : sv;
            int n = big ? bn : st.length;
            double span = t[n - 1] / 1e9;
            Double s = r.nextInt(4) == 0 ? null : r.nextDouble() * span * 0.5;
            Double e = r.nextInt(4) == 0 ? null : (s == null ? 0 : s) + r.nextDouble() * span;
            int max = new int[] {2, 3, 4, 7, 100, 2000, 20000}[r.nextInt(7)];
            int[] in = Reference.between(t, n, s, e);
            long[] keys = Arrays.stream(in).mapToLong(i -> t[i]).toArray();
            double[] vs = Arrays.stream(in).mapToDouble(i -> v[i]).toArray();
            SeriesData got = store.series(big ? BIG : SMALL, s, e, max);
            assertTrue(got.size() <= max, "at most max_points");
            if (in.length == 0) {
                assertEquals(0, got.size());
                continue;
            }
            double gmax = Arrays.stream(vs).max().getAsDouble();
            double gmin = Arrays.stream(vs).min().getAsDouble();
            assertTrue(Arrays.stream(got.values()).anyMatch(x -> x == gmax), "the maximum survives");
            assertTrue(Arrays.stream(got.values()).anyMatch(x -> x == gmin), "the minimum survives");
            if (max >= 4) {
                int[] keep = Reference.m4(keys, vs, max);
                assertArrayEquals(Arrays.stream(keep).mapToDouble(i -> keys[i] / 1e9).toArray(), got.times(), "times " + s + ".." + e + " / " + max);
                assertArrayEquals(Arrays.stream(keep).mapToDouble(i -> vs[i]).toArray(), got.values());
                assertEquals(keys[0] / 1e9, got.times()[0], "first kept");
                assertEquals(keys[keys.length - 1] / 1e9, got.times()[got.size() - 1], "last kept");
            }
        }
    }

    @Test
    void bucketsMatchSection310ForEveryTransform() {
        Random r = new Random(9);
        double[] windows = {1.0, 0.5, 0.37, 5.0, 0.05, 60.0};
        for (Transform tr : Transform.values()) {
            for (int k = 0; k < 12; k++) {
                boolean big = k % 3 == 0;
                String name = big ? (k % 2 == 0 ? BIG : LIVE) : SMALL;
                long[] t = big ? bt : st;
                double[] v = big ? bv : sv;
                int n = big ? bn : st.length;
                double w = name.equals(LIVE) && k % 2 == 0 ? 1.0 : windows[r.nextInt(windows.length)];
                double span = t[n - 1] / 1e9;
                Double s = r.nextInt(3) == 0 ? null : r.nextDouble() * span * 0.3;
                Double e = r.nextInt(3) == 0 ? null : (s == null ? 0 : s) + span * (0.3 + r.nextDouble());
                Integer max = r.nextBoolean() ? null : new int[] {2, 4, 50, 2000}[r.nextInt(4)];
                Object[] ref = Reference.buckets(t, v, n, tr, w, s, e);
                long[] keys = (long[]) ref[0];
                double[] vals = (double[]) ref[1];
                SeriesData got = store.buckets(name, tr, w, s, e, max);
                String what = tr + " " + name + " w=" + w + " [" + s + "," + e + ") max=" + max;
                if (max == null || keys.length <= max) {
                    assertArrayEquals(Arrays.stream(keys).mapToDouble(x -> x * w).toArray(), got.times(), what);
                    assertArrayEquals(vals, got.values(), what);
                } else if (max >= 4) {
                    int[] keep = Reference.m4(keys, vals, max);
                    assertArrayEquals(Arrays.stream(keep).mapToDouble(i -> keys[i] * w).toArray(), got.times(), what);
                    assertArrayEquals(Arrays.stream(keep).mapToDouble(i -> vals[i]).toArray(), got.values(), what);
                } else {
                    assertTrue(got.size() <= max, what);
                }
            }
        }
    }

    @Test
    void largeSeriesUseMaterialisedBucketsAndStayExact() {
        int before = store.stats().bucketSeries();
        for (Transform tr : Transform.values()) {
            for (Double s : new Double[] {null, 333.333}) {
                Object[] ref = Reference.buckets(bt, bv, bn, tr, 2.5, s, null);
                long[] keys = (long[]) ref[0];
                double[] vals = (double[]) ref[1];
                SeriesData all = store.buckets(BIG, tr, 2.5, s, null, null);
                assertArrayEquals(Arrays.stream(keys).mapToDouble(x -> x * 2.5).toArray(), all.times(), tr.toString());
                assertArrayEquals(vals, all.values(), tr.toString());
                int[] keep = Reference.m4(keys, vals, 2000);
                SeriesData m4 = store.buckets(BIG, tr, 2.5, s, 14_000.0, 2000);
                Object[] ref2 = Reference.buckets(bt, bv, bn, tr, 2.5, s, 14_000.0);
                long[] k2 = (long[]) ref2[0];
                double[] v2 = (double[]) ref2[1];
                int[] keep2 = Reference.m4(k2, v2, 2000);
                assertArrayEquals(Arrays.stream(keep2).mapToDouble(i -> k2[i] * 2.5).toArray(), m4.times(), tr + " m4");
                assertArrayEquals(Arrays.stream(keep2).mapToDouble(i -> v2[i]).toArray(), m4.values(), tr + " m4");
                assertTrue(keep.length <= 2000);
            }
        }
        assertTrue(store.stats().bucketSeries() >= before + Transform.values().length - 1, "materialised");
    }

    @Test
    void emptyBucketsAreSkippedAndRangeIsHalfOpen() {
        VisualStore s = new VisualStore(TestDataSources.sqlite(dir.resolve("gap.db")), scan);
        Batch b = new Batch();
        b.addSample("x", 100_000_000L, 1);      // 0.1 s
        b.addSample("x", 900_000_000L, 3);      // 0.9 s
        b.addSample("x", 3_000_000_000L, 10);   // 3.0 s: buckets 1 and 2 empty
        b.addSample("x", 3_500_000_000L, 20);
        s.append(b);
        SeriesData mean = s.buckets("x", Transform.MEAN, 1.0, null, null, null);
        assertArrayEquals(new double[] {0.0, 3.0}, mean.times());
        assertArrayEquals(new double[] {2.0, 15.0}, mean.values());
        SeriesData rate = s.buckets("x", Transform.RATE, 0.5, null, null, null);
        assertArrayEquals(new double[] {0.0, 0.5, 3.0, 3.5}, rate.times());
        assertArrayEquals(new double[] {2.0, 2.0, 2.0, 2.0}, rate.values());
        // [0.9, 3.5): 0.9 and 3.0 in, 3.5 out
        SeriesData cut = s.buckets("x", Transform.COUNT, 1.0, 0.9, 3.5, null);
        assertArrayEquals(new double[] {0.0, 3.0}, cut.times());
        assertArrayEquals(new double[] {1.0, 1.0}, cut.values());
        SeriesData p99 = s.buckets("x", Transform.P99, 10.0, null, null, null);
        assertArrayEquals(new double[] {Reference.pct(new double[] {1, 3, 10, 20}, 0.99)}, p99.values());
        assertEquals(0, s.buckets("y", Transform.MAX, 1.0, null, null, null).size());
    }

    @Test
    void badSeriesParametersAreNamed() {
        assertEquals("max_points", assertThrows(BadQueryException.class, () -> store.series(SMALL, null, null, 1)).parameter());
        assertEquals("max_points", assertThrows(BadQueryException.class, () -> store.series(SMALL, null, null, 20_001)).parameter());
        assertEquals("start_s", assertThrows(BadQueryException.class, () -> store.series(SMALL, 5.0, 1.0, null)).parameter());
        assertEquals("window_s", assertThrows(BadQueryException.class, () -> store.buckets(SMALL, Transform.MEAN, 0, null, null, null)).parameter());
        assertEquals("transform", assertThrows(BadQueryException.class, () -> Transform.parse("median")).parameter());
        assertEquals(Transform.P999, Transform.parse("p999"));
    }

    @Test
    void samplesMustNotGoBackInTime() {
        VisualStore s = new VisualStore(TestDataSources.sqlite(dir.resolve("order.db")), scan);
        s.append(new Batch().addSample("a", 10, 1));
        assertThrows(IllegalArgumentException.class, () -> s.append(new Batch().addSample("a", 5, 1)));
        assertEquals(1, s.seriesSize("a"));
    }

    @Test
    void statsCountEverything() {
        StoreStats st0 = store.stats();
        assertEquals(5000 + 2L * bn, st0.samples());
        assertEquals(3, st0.series());
        assertTrue(st0.bucketSeries() >= 1);
        assertTrue(st0.dbBytes() > 0);
        assertEquals(java.util.List.of(BIG, LIVE, SMALL).stream().sorted().toList(), store.seriesNames());
    }
}
