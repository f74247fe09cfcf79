package io.happysim.visual.store.internal.series;

/**
 * Readers' view of a materialised bucket series: its closed buckets as an ordinary series whose "time" is the bucket
 * index, and the index of the still-open bucket ({@link BucketSeries#NO_BUCKET} before the first sample).
 */
public record BucketSeriesView(SeriesView series, long openIdx) {
}
