package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.internal.cache.Weighed;

/** Decoded samples: times (ns) and values, the first {@code n} of each array. Immutable once cached. */
public record Samples(long[] t, double[] v, int n) implements Weighed {
    public static final Samples NONE = new Samples(new long[0], new double[0], 0);

    /** What a full chunk weighs, for sizing the chunk cache in chunks. */
    static final long FULL_CHUNK_BYTES = bytesOf(SeriesStore.CHUNK_SAMPLES);

    @Override
    public long bytes() {
        return bytesOf(t.length);
    }

    private static long bytesOf(int samples) {
        return 64 + 16L * samples;
    }
}
