package io.happysim.visual.store.internal.series;

/**
 * A materialised bucket series (writer side): the (series, transform, window) buckets of a base series, closed ones
 * stored as an ordinary series whose "time" is the bucket index, and the open (last) bucket's aggregate so far
 * ({@link OpenBucket}) kept here until a sample falls into a later bucket. Writer only.
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
    /** What the open bucket's aggregate needs so far. */
    final OpenBucket open;
    /** The open bucket moved since its state was last saved. */
    boolean stateChanged;

    BucketSeries(BucketKey key, SeriesChunks base, SeriesChunks out) {
        this.key = key;
        this.base = base;
        this.out = out;
        this.open = new OpenBucket(key.transform(), key.window());
    }

    /**
     * Takes base samples {@code [0, n)}, whose first has index {@code firstIndex} in the base series, and answers the
     * buckets they closed, in order (bucket index, aggregate).
     */
    SampleList take(long[] t, double[] v, int n, long firstIndex) {
        SampleList closed = new SampleList();
        takeInto(t, v, n, firstIndex, closed);
        return closed;
    }

    /** The times of the open bucket: [{@link #openLo}, {@link #openHi}), when known for {@link #rangeOf}. */
    private long openLo = Long.MAX_VALUE;
    private long openHi = Long.MIN_VALUE;
    private long rangeOf = NO_BUCKET;

    /** As {@link #take}, the closed buckets added to {@code closed}. */
    void takeInto(long[] t, double[] v, int n, long firstIndex, SampleList closed) {
        takeInto(t, v, 0, n, firstIndex, closed);
    }

    /** As {@link #take} for samples {@code [from, to)} of arrays whose sample 0 has base index {@code firstIndex}. */
    void takeInto(long[] t, double[] v, int from, int to, long firstIndex, SampleList closed) {
        take(t, v, null, 0, from, to, firstIndex, closed);
    }

    /**
     * As {@link #take} for samples {@code [from, to)} of a packed chunk ({@link ChunkCodec}) whose times are decoded in
     * {@code t} and whose sample 0 has base index {@code firstIndex}: the values are read from the packed bytes by the
     * open bucket, and only as far as its transform needs them.
     */
    void takePacked(long[] t, byte[] data, int from, int to, long firstIndex, SampleList closed) {
        take(t, null, data, ChunkCodec.valuesAt(data), from, to, firstIndex, closed);
    }

    /** The values are {@code v}, or when it is null the packed ones of {@code data} from byte {@code at}. */
    private void take(long[] t, double[] v, byte[] data, int at, int from, int to, long firstIndex, SampleList closed) {
        double w = key.window();
        int i = from;
        while (i < to) {
            long ti = t[i];
            long b;
            if (openIdx != NO_BUCKET && openIdx == rangeOf && ti >= openLo && ti < openHi) {
                b = openIdx;    // still in the open bucket: no division
            } else {
                b = BucketMath.bucketIndex(ti, w);
                // the next bucket starts where the last one known ended (a search saved per bucket)
                openLo = rangeOf != NO_BUCKET && b == rangeOf + 1 ? openHi : BucketMath.firstNs(b, w);
                openHi = b == Long.MAX_VALUE ? Long.MAX_VALUE : BucketMath.firstNs(b + 1, w);
                // near the ends of a long the boundaries are not searched: every sample is divided
                rangeOf = openLo == Long.MIN_VALUE || openHi == Long.MAX_VALUE ? NO_BUCKET : b;
            }
            if (openIdx == NO_BUCKET) {
                openIdx = b;
                openFrom = firstIndex + i;
            } else if (b != openIdx) {
                closed.add(openIdx, open.close());
                openIdx = b;
                openFrom = firstIndex + i;
            }
            // the run of samples still in this bucket (times never go back): one comparison each, values taken at once
            int j = i + 1;
            if (rangeOf == b) {
                long hi = openHi;
                while (j < to && t[j] < hi) {
                    j++;
                }
            }
            if (v != null) {
                open.add(v, i, j);
            } else {
                open.addPacked(data, at, i, j);
            }
            i = j;
        }
        stateChanged = true;
    }

    /** Closes the open bucket (the next sample is known to fall into a later one), adding it to {@code closed}. */
    void closeOpen(SampleList closed) {
        if (openIdx != NO_BUCKET) {
            closed.add(openIdx, open.close());
            openIdx = NO_BUCKET;
            stateChanged = true;
        }
    }

    /** Takes over the open bucket another state of the same key ended with (the part after this one's samples). */
    void adoptOpen(BucketSeries other) {
        openIdx = other.openIdx;
        openFrom = other.openFrom;
        open.copyOf(other.open);
        rangeOf = NO_BUCKET;
        stateChanged = true;
    }

    BucketSeriesView view() {
        return new BucketSeriesView(out.view(), openIdx);
    }
}
