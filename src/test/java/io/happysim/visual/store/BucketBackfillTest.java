package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bucket series asked for the first time on a stored series is built from every sample in rounds, each cut where a
 * bucket starts, its second half bucketed by a helper with a connection of its own: the buckets are exactly §3.10's
 * (the brute-force {@link Reference#buckets}) for every transform, with many buckets per round, one bucket per sample,
 * and buckets longer than a round; and the store goes on maintaining it at every append.
 */
class BucketBackfillTest {
    private static final String S = "entity:Server.latency";
    private static final int N = 80_000;
    /** 16 chunks a round: 80,000 samples (more than are bucketed directly) are 156 chunks, 9 full rounds and the rest. */
    private static final StoreLimits ROUNDS = StoreLimits.defaults().withBackfillRound(16);
    /** Pieces a backfill claims beyond the next one it hands over (BucketBackfill.AHEAD). */
    private static final int AHEAD = 4;

    @AutoClose("shutdownNow")
    private final ExecutorService threads = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @TempDir
    Path dir;

    private final long[] t = new long[N];
    private final double[] v = new double[N];

    BucketBackfillTest() {
        SeriesTest.gen(N, 3, t, v);     // ~0.1 s apart, bursts of equal times, spikes
    }

    private VisualStore storeWith(java.util.concurrent.Executor helper, String file, int samples) {
        VisualStore s = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve(file))), helper, ROUNDS);
        for (int from = 0; from < samples; from += 7_001) {
            Batch b = new Batch();
            b.samples(S).addAll(Arrays.copyOfRange(t, from, Math.min(samples, from + 7_001)),
                    Arrays.copyOfRange(v, from, Math.min(samples, from + 7_001)), Math.min(samples, from + 7_001) - from);
            s.append(b);
        }
        return s;
    }

    private void assertExact(VisualStore s, Transform tr, double w, int samples, String what) {
        Object[] ref = Reference.buckets(t, v, samples, tr, w, null, null);
        long[] keys = (long[]) ref[0];
        SeriesData got = s.buckets(S, tr, w, null, null, null);
        assertArrayEquals(Arrays.stream(keys).mapToDouble(k -> k * w).toArray(), got.times(), what);
        assertArrayEquals((double[]) ref[1], got.values(), what);
    }

    @Test
    void aHelperBuildsEveryRoundsSecondHalfAndTheBucketsAreExact() {
        // the helper runs its half at once, on the caller's thread but with a connection of its own: every round is cut
        VisualStore s = storeWith(Runnable::run, "helped.db", N);
        for (double w : new double[] {0.05, 2.5, 77.7, 3_000.0}) {     // 1 sample a bucket … buckets longer than a round
            for (Transform tr : Transform.values()) {
                assertExact(s, tr, w, N, tr + " " + w);
                // run on the caller's thread, the helper buckets the pieces it may claim before the caller hands any over
                assertEquals(1 + AHEAD, s.lastBackfillHelped(), "the helper's pieces: " + tr + " " + w);
            }
        }
        assertEquals(4 * Transform.values().length, s.stats().bucketSeries());
    }

    @Test
    void aRealHelperThreadOrNoneGiveTheSameBuckets() {
        VisualStore helped = storeWith(threads, "threads.db", N);
        VisualStore alone = storeWith(null, "alone.db", N);
        for (Transform tr : Transform.values()) {
            assertExact(helped, tr, 1.3, N, "helper thread " + tr);
            assertExact(alone, tr, 1.3, N, "no helper " + tr);
            assertEquals(0, alone.lastBackfillHelped());
        }
    }

    @Test
    void aHelperThatFailsLeavesItsPiecesToTheCaller() {
        // the helper (a thread of its own, done before the caller starts) fails on its range read: the caller buckets
        // that piece too, and every later one
        AtomicBoolean armed = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.Executor failingHelper = r -> {
            Thread th = new Thread(r, "failing-helper");
            th.start();
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        VisualStore s = new VisualStore(TestDataSources.pooled(TestDataSources.failing(TestDataSources.sqlite(dir.resolve("failing.db")),
                what -> armed.get() && what.contains("sample_chunks") && Thread.currentThread().getName().equals("failing-helper")
                        && failures.incrementAndGet() > 0)), failingHelper, ROUNDS);
        append(s, 0, N);
        armed.set(true);
        for (Transform tr : new Transform[] {Transform.P50, Transform.MAX, Transform.COUNT}) {
            int before = failures.get();
            assertExact(s, tr, 0.9, N, "failing helper " + tr);
            assertEquals(0, s.lastBackfillHelped());
            assertEquals(before + 1, failures.get(), "the helper tried once");
        }
    }

    @Test
    void aBucketSeriesWantedBeforeAnAppendIsBuiltInItsTransactionExactly() {
        // built inside the append that seals more chunks: a helper's connection does not see those, the caller does
        VisualStore s = storeWith(Runnable::run, "wanted.db", 70_000);
        s.prepareBuckets(S, Transform.P999, 0.7);
        s.prepareBuckets(S, Transform.MEAN, 0.7);
        Batch b = new Batch();
        b.samples(S).addAll(Arrays.copyOfRange(t, 70_000, N), Arrays.copyOfRange(v, 70_000, N), N - 70_000);
        s.append(b);
        assertEquals(2, s.stats().bucketSeries());
        for (Transform tr : new Transform[] {Transform.P999, Transform.MEAN}) {
            assertExact(s, tr, 0.7, N, "wanted " + tr);
        }
    }

    private void append(VisualStore s, int from, int to) {
        for (int a = from; a < to; a += 7_001) {
            int e = Math.min(to, a + 7_001);
            Batch b = new Batch();
            b.samples(S).addAll(Arrays.copyOfRange(t, a, e), Arrays.copyOfRange(v, a, e), e - a);
            s.append(b);
        }
    }

    @Test
    void aBuiltBucketSeriesGoesOnAtEveryAppend() {
        VisualStore s = storeWith(Runnable::run, "goes-on.db", 70_000);
        for (Transform tr : new Transform[] {Transform.P999, Transform.MEAN}) {
            assertExact(s, tr, 0.7, 70_000, "built " + tr);
        }
        Batch b = new Batch();
        b.samples(S).addAll(Arrays.copyOfRange(t, 70_000, N), Arrays.copyOfRange(v, 70_000, N), N - 70_000);
        s.append(b);
        for (Transform tr : new Transform[] {Transform.P999, Transform.MEAN}) {
            assertExact(s, tr, 0.7, N, "after an append " + tr);
        }
        assertTrue(s.stats().bucketSeries() == 2);
    }
}
