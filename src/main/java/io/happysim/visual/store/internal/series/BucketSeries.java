package io.happysim.visual.store.internal.series;

/**
 * A materialised bucket series (writer side): the (series, transform, window) buckets of a base series, closed ones
 * stored as an ordinary series whose "time" is the bucket index, and the open (last) bucket's values kept here until a
 * sample falls into a later bucket. Writer only.
 */
final class BucketSeries {
    /** {@link #openIdx} before the first sample. */
    static final long NO_BUCKET = Long.MIN_VALUE;

    final BucketKey key;
    final SeriesChunks base;
    final SeriesChunks out;
    long openIdx = NO_BUCKET;
    /** The base series' index of the open bucket's first sample. */
    long openFrom;
    final BucketMath.Doubles open = new BucketMath.Doubles();
    /** The open bucket moved since its state was last saved. */
    boolean stateChanged;

    BucketSeries(BucketKey key, SeriesChunks base, SeriesChunks out) {
        this.key = key;
        this.base = base;
        this.out = out;
    }

    /**
     * Takes base samples {@code [0, n)}, whose first has index {@code firstIndex} in the base series, and answers the
     * buckets they closed, in order (bucket index, aggregate).
     */
    SampleList take(long[] t, double[] v, int n, long firstIndex) {
        SampleList closed = new SampleList();
        double w = key.window();
        for (int i = 0; i < n; i++) {
            long b = BucketMath.bucketIndex(t[i], w);
            if (openIdx == NO_BUCKET) {
                openIdx = b;
                openFrom = firstIndex + i;
            } else if (b != openIdx) {
                closed.add(openIdx, BucketMath.aggregate(key.transform(), open.a, open.n, w));
                open.clear();
                openIdx = b;
                openFrom = firstIndex + i;
            }
            open.add(v[i]);
        }
        stateChanged = true;
        return closed;
    }

    BucketSeriesView view() {
        return new BucketSeriesView(out.view(), openIdx);
    }
}
