package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.internal.schema.Db;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * Buckets every stored sample of a base series into a new bucket series (its first chart asked for it): one pass over
 * the samples, which at 100 M samples is ~1.2 GB of packed chunks to read, so it runs on two threads. The series is cut
 * into pieces of {@code roundChunks / }{@value #PIECES_PER_ROUND} chunks, each cut at the time where a bucket starts
 * (from the chunks' stored first times: no chunk is read to cut), so that no bucket spans two pieces. The caller and a
 * helper thread (the store's scan helper, on a connection of its own) claim pieces in order and bucket each into a
 * bucket state of its own; the caller hands the pieces' buckets to {@code sink} in order, each piece's last bucket
 * closed by the next piece that has samples, and the last one left open in the bucket series. At most
 * {@value #AHEAD} pieces are claimed beyond the next one to hand over, so the buckets waiting in memory stay within a
 * few MB even with one sample a bucket. Sealed chunks never change and the writer lock is held, so both threads read
 * the same samples. A helper that is busy, absent or failing leaves its pieces to the caller.
 */
final class BucketBackfill {
    /** A series with fewer sealed chunks than this is bucketed by the caller alone (a second thread costs more than it saves). */
    static final int MIN_PARALLEL_CHUNKS = 16;
    /** Pieces per {@code roundChunks}: a piece is what one thread buckets at a time. */
    static final int PIECES_PER_ROUND = 4;
    /** Pieces claimed beyond the next one to hand over. */
    static final int AHEAD = 4;
    /** Closed buckets handed to the sink at a time by the caller working alone. */
    private static final int FLUSH = 1 << 16;

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
    /** Pieces the helper bucketed (tests: the backfill really ran on two threads). */
    int helped;

    BucketBackfill(ChunkReads chunks, Helper helper, int roundChunks) {
        this.chunks = chunks;
        this.helper = helper;
        this.roundChunks = roundChunks;
    }

    /** Buckets every sample of {@code bv} into {@code d} (whose state continues from its open bucket), closed ones to sink. */
    void run(Db db, BucketSeries d, SeriesView bv, Sink sink) throws SQLException {
        boolean parallel = helper != null && helper.executor() != null && bv.sealed() >= MIN_PARALLEL_CHUNKS
                && d.openIdx == BucketSeries.NO_BUCKET;
        long[] bounds = parallel ? bounds(bv, d.key.window()) : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        if (bounds.length == 2) {
            SampleList closed = new SampleList();
            part(db, d, bv, bounds, 0, closed, sink);
            sink.accept(closed);
            return;
        }
        Pieces pieces = new Pieces(bv, d.key, bounds);
        try {
            helper.executor().execute(pieces::help);
        } catch (RejectedExecutionException e) {
            // the owner is shutting down: the caller does every piece
        }
        try {
            for (int k = 0; k < pieces.count; k++) {
                State s;
                while ((s = pieces.ready(k)) == null) {
                    int c = pieces.claim(false, false);
                    if (c >= 0) {
                        pieces.put(c, compute(db, bv, d.key, bounds, c), false);
                    } else if (pieces.awaitOrTakeOver(k)) {
                        pieces.put(k, compute(db, bv, d.key, bounds, k), false);   // the helper failed on it
                    }
                }
                if (s.bucket.openIdx != BucketSeries.NO_BUCKET) {
                    SampleList last = new SampleList();
                    d.closeOpen(last);          // the piece before (if any) ended with a complete bucket
                    sink.accept(last);
                    sink.accept(s.closed);
                    d.adoptOpen(s.bucket);
                }
                pieces.handedOver(k);
            }
        } finally {
            pieces.stop();
        }
        helped = pieces.helped;
    }

    /**
     * The pieces' time bounds: piece k holds the samples with time in [bounds[k], bounds[k+1]) (the first piece all
     * before bounds[1], the last all from its start on). Each inner bound is the start of the bucket after the one a
     * piece's first chunk starts in; where that time is out of reach ({@link BucketMath#firstNs}) there is no cut.
     */
    private long[] bounds(SeriesView bv, double w) {
        int pieceChunks = Math.max(1, roundChunks / PIECES_PER_ROUND);
        int count = (bv.sealed() + pieceChunks - 1) / pieceChunks;
        long[] b = new long[count + 1];
        b[0] = Long.MIN_VALUE;
        for (int k = 1; k < count; k++) {
            long first = BucketMath.firstNs(BucketMath.bucketIndex(bv.tFirst()[k * pieceChunks], w) + 1, w);
            b[k] = first == Long.MIN_VALUE || first == Long.MAX_VALUE ? b[k - 1] : Math.max(b[k - 1], first);
        }
        b[count] = Long.MAX_VALUE;
        return b;
    }

    private State compute(Db on, SeriesView bv, BucketKey key, long[] bounds, int k) throws SQLException {
        State s = new State(new BucketSeries(key, null, null));
        part(on, s.bucket, bv, bounds, k, s.closed, null);
        return s;
    }

    /**
     * Buckets the samples of piece {@code k} into {@code d}: the sealed chunks by one range read, packed (only the times
     * are decoded; the values are read by the open bucket as far as it needs them), then the open chunk. Closed buckets go
     * to {@code closed}, handed to {@code sink} (when there is one) every {@value #FLUSH}.
     */
    private void part(Db db, BucketSeries d, SeriesView bv, long[] bounds, int k, SampleList closed, Sink sink) throws SQLException {
        boolean fromStart = k == 0;
        boolean toEnd = k == bounds.length - 2;
        long lo = bounds[k];
        long hi = bounds[k + 1];
        if (!fromStart && !toEnd && lo == hi) {
            return;     // no bucket starts in this piece
        }
        int sealed = bv.sealed();
        long[] tFirst = bv.tFirst();
        long[] tLast = bv.tLast();
        int c0 = fromStart ? 0 : firstAtOrAfter(tLast, 0, sealed, lo);
        int c1 = toEnd ? sealed : firstAtOrAfter(tFirst, c0, sealed, hi);
        long[] t = new long[CHUNK_SAMPLES];
        chunks.scanPacked(db, bv, c0, c1, (c, data) -> {
            int n = ChunkCodec.decodeTimes(data, t);
            if (n != CHUNK_SAMPLES) {
                // a helper's connection sees what is committed: a chunk sealed by the caller's open transaction is not
                throw new SQLException("series " + bv.name() + ": chunk " + c + " is not sealed in this snapshot");
            }
            int a = fromStart || tFirst[c] >= lo ? 0 : from(t, 0, n, lo);
            int b = toEnd || tLast[c] < hi ? n : from(t, a, n, hi);
            d.takePacked(t, data, a, b, (long) c * CHUNK_SAMPLES, closed);
            if (sink != null && closed.size >= FLUSH) {
                sink.accept(closed);
                closed.size = 0;
            }
            return true;
        });
        long[] tailT = bv.tailT();
        if (tailT.length > 0 && (toEnd || tailT[0] < hi)) {
            int a = fromStart ? 0 : from(tailT, 0, tailT.length, lo);
            int b = toEnd ? tailT.length : from(tailT, a, tailT.length, hi);
            d.takeInto(tailT, bv.tailV(), a, b, (long) sealed * CHUNK_SAMPLES, closed);
        }
    }

    /** The first index in [from, to) whose time is at least {@code tNs} (to when none): times never go back. */
    private static int from(long[] t, int from, int to, long tNs) {
        int i = from;
        while (i < to && t[i] < tNs) {
            i++;
        }
        return i;
    }

    /** The first index in [from, to) of a non-decreasing array whose value is at least {@code x} (to when none). */
    private static int firstAtOrAfter(long[] a, int from, int to, long x) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] >= x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The pieces of one backfill: who claimed which, the results not handed over yet. */
    private final class Pieces {
        final SeriesView bv;
        final BucketKey key;
        final long[] bounds;
        final int count;
        final Thread caller = Thread.currentThread();
        private final State[] results;
        private final boolean[] failed;
        private int next;
        private int handedOver;
        /** The helper claims no more pieces. */
        private boolean helperOut;
        int helped;

        Pieces(SeriesView bv, BucketKey key, long[] bounds) {
            this.bv = bv;
            this.key = key;
            this.bounds = bounds;
            this.count = bounds.length - 1;
            this.results = new State[count];
            this.failed = new boolean[count];
        }

        /**
         * The next piece to bucket, or −1: none left, or for the helper after a failure or the end; the caller gets −1
         * too when it is {@value #AHEAD} pieces ahead, the helper waits then (unless it runs on the caller's thread).
         */
        synchronized int claim(boolean byHelper, boolean mayWait) {
            while (!(byHelper && helperOut) && next < count && next >= handedOver + 1 + AHEAD) {
                if (!mayWait) {
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            return (byHelper && helperOut) || next >= count ? -1 : next++;
        }

        synchronized void put(int k, State s, boolean byHelper) {
            results[k] = s;
            if (byHelper) {
                helped++;
            }
            notifyAll();
        }

        synchronized State ready(int k) {
            return results[k];
        }

        /** Waits for piece k (claimed by the helper); true when the caller must bucket it itself (the helper failed). */
        synchronized boolean awaitOrTakeOver(int k) {
            while (results[k] == null && !failed[k]) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while building a bucket series", e);
                }
            }
            return results[k] == null;
        }

        synchronized void handedOver(int k) {
            results[k] = null;
            handedOver = k + 1;
            notifyAll();
        }

        /** No more claims by the helper (the caller is done, or gave up). */
        synchronized void stop() {
            helperOut = true;
            notifyAll();
        }

        synchronized boolean isOver() {
            return helperOut || next >= count;
        }

        /** The helper's share: pieces as long as there are any, on a connection of its own. */
        void help() {
            if (isOver()) {
                return;     // the caller has claimed everything already
            }
            // an executor that runs this on the caller's own thread (tests) must not wait for the caller
            boolean mayWait = Thread.currentThread() != caller;
            try (Db hdb = new Db(helper.dataSource().getConnection())) {
                int k;
                while ((k = claim(true, mayWait)) >= 0) {
                    State s;
                    try {
                        s = compute(hdb, bv, key, bounds, k);
                    } catch (SQLException | RuntimeException e) {
                        fail(k);
                        return;
                    }
                    put(k, s, true);
                }
            } catch (SQLException | RuntimeException e) {
                // no connection: the caller does what is left
            }
        }

        private synchronized void fail(int k) {
            failed[k] = true;
            helperOut = true;   // the caller claims the rest itself
            notifyAll();
        }
    }

    /** A piece's bucket state and every bucket it closed (its last one stays open in the state). */
    private static final class State {
        final BucketSeries bucket;
        final SampleList closed = new SampleList();

        State(BucketSeries bucket) {
            this.bucket = bucket;
        }
    }
}
