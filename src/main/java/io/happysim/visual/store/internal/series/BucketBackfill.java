package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.internal.schema.Db;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Buckets every stored sample of a base series into a new bucket series (its first chart asked for it): one pass over
 * the samples, which at 100 M samples is ~1.3 GB to read and decode, so it runs on two threads. The samples go in
 * rounds of {@code roundChunks} chunks (~1 M samples in the server, so that a part's closed buckets stay within a few MB
 * even with one sample a bucket); each round is cut where a bucket starts (found from the chunks' time ranges
 * and one decoded chunk), the caller buckets the first part — continuing the bucket series' open bucket — and a helper
 * thread the second part on a connection of its own, into a bucket state of its own whose closed buckets follow the
 * caller's and whose open bucket becomes the series'. Sealed chunks never change and the writer lock is held, so both
 * read the same samples. A helper that has not started by the time the caller is done (busy with a search, or absent)
 * leaves its part to the caller; one that fails too. Closed buckets reach {@code sink} in bucket order.
 */
final class BucketBackfill {
    /** A round shorter than this is done by the caller alone (a second thread costs more than it saves). */
    static final int MIN_PARALLEL_CHUNKS = 16;

    /** Receives closed buckets (bucket index, aggregate) in order. */
    @FunctionalInterface
    interface Sink {
        void accept(SampleList closed) throws SQLException;
    }

    /** Where a second thread and its connection come from: the store's scan helper and its DataSource. */
    record Helper(Executor executor, DataSource dataSource) {
    }

    private final ChunkReads chunks;
    private final Helper helper;
    private final int roundChunks;
    /** Rounds whose second part the helper did (tests: the backfill really ran on two threads). */
    int helped;

    BucketBackfill(ChunkReads chunks, Helper helper, int roundChunks) {
        this.chunks = chunks;
        this.helper = helper;
        this.roundChunks = roundChunks;
    }

    /** Buckets every sample of {@code bv} into {@code d} (whose state continues from its open bucket), closed ones to sink. */
    void run(Db db, BucketSeries d, SeriesView bv, Sink sink) throws SQLException {
        int sealed = bv.sealed();
        long[] tFirst = bv.tFirst();
        long next = 0;   // the first sample not bucketed yet
        double w = d.key.window();
        while (next < (long) sealed * CHUNK_SAMPLES) {
            long roundEnd = Math.min((long) sealed * CHUNK_SAMPLES, next + (long) roundChunks * CHUNK_SAMPLES);
            long cut = -1;
            if (helper != null && helper.executor() != null && roundEnd - next >= (long) MIN_PARALLEL_CHUNKS * CHUNK_SAMPLES) {
                int midChunk = (int) ((next + (roundEnd - next) / 2) / CHUNK_SAMPLES);
                long boundary = BucketMath.firstNs(BucketMath.bucketIndex(tFirst[midChunk], w) + 1, w);
                if (boundary != Long.MAX_VALUE && boundary != Long.MIN_VALUE) {
                    cut = Math.max(next + 1, chunks.indexAtOrAfter(db, bv, boundary));
                }
            }
            if (cut < 0 || cut >= roundEnd) {
                part(db, d, bv, next, roundEnd, sink);      // no bucket starts in the round's second half
            } else {
                twoParts(db, d, bv, next, cut, roundEnd, sink);
            }
            next = roundEnd;
        }
        part(db, d, bv, next, bv.count(), sink);            // the open chunk
    }

    /** Samples [from, cut) by the caller into d, [cut, to) by the helper into a state of its own; cut starts a bucket. */
    private void twoParts(Db db, BucketSeries d, SeriesView bv, long from, long cut, long to, Sink sink) throws SQLException {
        Second second = new Second(bv, d.key, cut, to);
        try {
            helper.executor().execute(second::runAsHelper);
        } catch (RejectedExecutionException e) {
            // the owner is shutting down: the caller does both parts
        }
        part(db, d, bv, from, cut, sink);
        SampleList closed = new SampleList();
        d.closeOpen(closed);                // sample cut is in a later bucket: the caller's last one is complete
        sink.accept(closed);
        if (second.claimOrAwait()) {
            helped++;
        } else {
            second.compute(db);             // never started, or failed: the caller does it
        }
        sink.accept(second.state.closed);
        d.adoptOpen(second.state.bucket);
    }

    /** Buckets samples [from, to) of the base into {@code d}, handing closed buckets on per chunk range read. */
    private void part(Db db, BucketSeries d, SeriesView bv, long from, long to, Sink sink) throws SQLException {
        if (from >= to) {
            return;
        }
        SampleList closed = new SampleList();
        int c0 = (int) (from / CHUNK_SAMPLES);
        int c1 = (int) ((to - 1) / CHUNK_SAMPLES) + 1;
        chunks.scan(db, bv, c0, c1, (c, s) -> {
            long g = (long) c * CHUNK_SAMPLES;
            int a = (int) Math.max(0, from - g);
            int b = (int) Math.min(s.n(), to - g);
            d.takeInto(s.t(), s.v(), a, b, g, closed);
            if (closed.size >= 1 << 16) {
                sink.accept(closed);
                closed.size = 0;
            }
            return true;
        });
        sink.accept(closed);
    }

    /** The second part of a round: its own bucket state, computed by the helper or, failing that, by the caller. */
    private final class Second {
        private static final int NEW = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int FAILED = 3;
        private static final int CLAIMED = 4;

        final SeriesView bv;
        final BucketKey key;
        final long from;
        final long to;
        final AtomicInteger status = new AtomicInteger(NEW);
        final CountDownLatch finished = new CountDownLatch(1);
        /** The part's result: its closed buckets and the bucket state it ends with. */
        State state;

        Second(SeriesView bv, BucketKey key, long from, long to) {
            this.bv = bv;
            this.key = key;
            this.from = from;
            this.to = to;
        }

        void runAsHelper() {
            if (!status.compareAndSet(NEW, RUNNING)) {
                return;     // the caller took it
            }
            boolean ok = false;
            try (Db hdb = new Db(helper.dataSource().getConnection())) {
                compute(hdb);
                ok = true;
            } catch (SQLException | RuntimeException e) {
                state = null;   // the caller does it again
            } finally {
                status.set(ok ? DONE : FAILED);
                finished.countDown();
            }
        }

        /** True when the helper computed the part; false when the caller must (never started, or failed). */
        boolean claimOrAwait() {
            if (status.compareAndSet(NEW, CLAIMED)) {
                return false;
            }
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building a bucket series", e);
            }
            return status.get() == DONE;
        }

        void compute(Db on) throws SQLException {
            State s = new State(new BucketSeries(key, null, null));
            part(on, s.bucket, bv, from, to, closed -> s.add(closed));
            state = s;
        }
    }

    /** A part's bucket state and every bucket it closed. */
    private static final class State {
        final BucketSeries bucket;
        final SampleList closed = new SampleList();

        State(BucketSeries bucket) {
            this.bucket = bucket;
        }

        void add(SampleList more) {
            for (int i = 0; i < more.size; i++) {
                closed.add(more.times[i], more.values[i]);
            }
        }
    }
}
