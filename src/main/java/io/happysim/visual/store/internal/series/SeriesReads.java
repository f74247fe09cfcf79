package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.TimeBounds;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The series as one read sees them: raw samples of a time range, reduced by M4 to at most {@code maxPoints}; and
 * bucket transforms (§3.10 of the reference, exactly), computed directly from raw samples for small ranges, or for
 * large ones from the materialised bucket series, whose two edge buckets (cut by the range) and still-open last bucket
 * are recomputed from raw samples — exact at any scale.
 */
public record SeriesReads(SeriesSnapshot snapshot, Db db, ChunkReads chunks) {
    /** Bucket queries over at most this many samples are computed directly from raw samples. */
    public static final int DIRECT_BUCKET_LIMIT = 65_536;

    /** Samples with time in [startS, endS) (either bound may be null), M4-reduced when more than {@code maxPoints}. */
    public SeriesData series(String name, Double startS, Double endS, Integer maxPoints) throws SQLException {
        SeriesView v = snapshot.series().get(name);
        IndexRange range = v == null ? null : range(v, startS, endS);
        if (range == null || range.isEmpty()) {
            return SeriesData.EMPTY;
        }
        if (maxPoints == null || range.size() <= maxPoints) {
            Samples sm = chunks.read(db, v, range);
            double[] t = new double[sm.n()];
            for (int i = 0; i < sm.n(); i++) {
                t[i] = sm.t()[i] / 1e9;
            }
            return new SeriesData(t, Arrays.copyOf(sm.v(), sm.n()));
        }
        long tFirst = chunks.timeAt(db, v, range.from());
        long tLast = chunks.timeAt(db, v, range.to() - 1);
        M4 acc = new M4(maxPoints / 4, tFirst, tLast);
        ChunkedM4.feed(chunks, db, v, range.from(), range.to(), acc);
        return acc.result(maxPoints, t -> t / 1e9);
    }

    /** Bucketed aggregates of the samples with time in [startS, endS), M4-reduced when more than {@code maxPoints}. */
    public SeriesData buckets(String name, Transform transform, double windowS, Double startS, Double endS, Integer maxPoints)
            throws SQLException {
        SeriesView v = snapshot.series().get(name);
        IndexRange range = v == null ? null : range(v, startS, endS);
        if (range == null || range.isEmpty()) {
            return SeriesData.EMPTY;
        }
        BucketSeriesView dv = snapshot.buckets().get(new BucketKey(name, transform, windowS));
        if (dv == null || range.size() <= DIRECT_BUCKET_LIMIT) {
            return direct(v, range, transform, windowS, maxPoints);
        }
        return materialised(v, dv, transform, windowS, range, maxPoints);
    }

    /** The indexes of the samples with time in [startS, endS) (either bound may be null); null for an unknown series. */
    public IndexRange indexes(String name, Double startS, Double endS) throws SQLException {
        SeriesView v = snapshot.series().get(name);
        return v == null ? null : range(v, startS, endS);
    }

    /** The samples with index in [from, to), times in nanoseconds (an export reads a series chunk by chunk this way). */
    public Samples samples(String name, long from, long to) throws SQLException {
        SeriesView v = snapshot.series().get(name);
        return v == null ? Samples.NONE : chunks.read(db, v, from, Math.min(to, v.count()));
    }

    private IndexRange range(SeriesView v, Double startS, Double endS) throws SQLException {
        long i0 = startS == null ? 0 : chunks.indexAtOrAfter(db, v, TimeBounds.ceilNs(startS));
        long i1 = endS == null ? v.count() : chunks.indexAtOrAfter(db, v, TimeBounds.ceilNs(endS));
        return new IndexRange(i0, i1);
    }

    private SeriesData direct(SeriesView v, IndexRange range, Transform tr, double w, Integer maxPoints) throws SQLException {
        Samples sm = chunks.read(db, v, range);
        return reduce(BucketMath.bucketize(sm.t(), sm.v(), 0, sm.n(), tr, w), w, maxPoints);
    }

    /** Buckets (index, aggregate) as a series in seconds, M4-reduced (by bucket index) when more than {@code maxPoints}. */
    private static SeriesData reduce(SampleList o, double w, Integer maxPoints) {
        if (maxPoints == null || o.size <= maxPoints) {
            double[] t = new double[o.size];
            for (int i = 0; i < o.size; i++) {
                t[i] = o.times[i] * w;
            }
            return new SeriesData(t, Arrays.copyOf(o.values, o.size));
        }
        M4 acc = new M4(maxPoints / 4, o.times[0], o.times[o.size - 1]);
        for (int i = 0; i < o.size; i++) {
            acc.add(i, o.times[i], o.values[i]);
        }
        return acc.result(maxPoints, idx -> idx * w);
    }

    private SeriesData materialised(SeriesView v, BucketSeriesView dv, Transform tr, double w, IndexRange range, Integer maxPoints)
            throws SQLException {
        long i0 = range.from();
        long i1 = range.to();
        long k0 = BucketMath.bucketIndex(chunks.timeAt(db, v, i0), w);
        long k1 = BucketMath.bucketIndex(chunks.timeAt(db, v, i1 - 1), w);
        if (k0 == k1) {
            return direct(v, range, tr, w, maxPoints);
        }
        // head bucket: samples of bucket k0 from i0; tail bucket: samples of bucket k1 up to i1
        BucketMath.Doubles head = new BucketMath.Doubles();
        long i = i0;
        outer:
        while (i < i1) {
            Samples c = chunks.chunk(db, v, (int) (i / CHUNK_SAMPLES));
            long g = i / CHUNK_SAMPLES * CHUNK_SAMPLES;
            for (int j = (int) (i - g); j < c.n() && g + j < i1; j++) {
                if (BucketMath.bucketIndex(c.t()[j], w) != k0) {
                    break outer;
                }
                head.add(c.v()[j]);
            }
            i = g + c.n();
        }
        long tailStart = i1;
        outer2:
        while (tailStart > i0) {
            long probe = tailStart - 1;
            Samples c = chunks.chunk(db, v, (int) (probe / CHUNK_SAMPLES));
            long g = probe / CHUNK_SAMPLES * CHUNK_SAMPLES;
            for (int j = (int) (probe - g); j >= 0; j--) {
                if (BucketMath.bucketIndex(c.t()[j], w) != k1) {
                    break outer2;
                }
                tailStart = g + j;
            }
        }
        Samples tailS = chunks.read(db, v, tailStart, i1);
        double headV = BucketMath.aggregate(tr, head.a, head.n, w);
        double tailV = BucketMath.aggregate(tr, tailS.v().clone(), tailS.n(), w);
        SeriesView ds = dv.series();
        long j0 = chunks.indexAtOrAfter(db, ds, k0 + 1);
        long j1 = chunks.indexAtOrAfter(db, ds, k1);
        long total = 2 + Math.max(0, j1 - j0);
        if (maxPoints == null || total <= maxPoints) {
            Samples mid = chunks.read(db, ds, j0, j1);
            double[] t = new double[mid.n() + 2];
            double[] val = new double[mid.n() + 2];
            t[0] = k0 * w;
            val[0] = headV;
            for (int x = 0; x < mid.n(); x++) {
                t[x + 1] = mid.t()[x] * w;
                val[x + 1] = mid.v()[x];
            }
            t[mid.n() + 1] = k1 * w;
            val[mid.n() + 1] = tailV;
            return new SeriesData(t, val);
        }
        M4 acc = new M4(maxPoints / 4, k0, k1);
        acc.add(-1, k0, headV);
        ChunkedM4.feed(chunks, db, ds, j0, j1, acc);
        acc.add(Long.MAX_VALUE, k1, tailV);
        return acc.result(maxPoints, idx -> idx * w);
    }
}
