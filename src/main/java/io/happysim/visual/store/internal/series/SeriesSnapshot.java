package io.happysim.visual.store.internal.series;

import java.util.Map;

/** Every series as readers see them at one commit: the user series by name and the bucket series by key. Immutable. */
public record SeriesSnapshot(Map<String, SeriesView> series, Map<BucketKey, BucketSeriesView> buckets) {
    static final SeriesSnapshot EMPTY = new SeriesSnapshot(Map.of(), Map.of());

    /** Samples over all user series. */
    public long samples() {
        long n = 0;
        for (SeriesView v : series.values()) {
            n += v.count();
        }
        return n;
    }
}
