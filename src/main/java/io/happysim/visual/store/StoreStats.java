package io.happysim.visual.store;

/**
 * What the store holds, for {@code /api/store}.
 *
 * @param events         stored events
 * @param logs           stored log lines
 * @param samples        stored samples over all user series (materialised bucket series excluded)
 * @param series         number of user series
 * @param bucketSeries   materialised (series, transform, window) bucket series maintained at append
 * @param dbBytes        main database file + WAL, in bytes
 * @param walBytes       the WAL alone, in bytes
 * @param lastEventId    the highest stored event id (0 when empty) — the bridge's drain position
 * @param lastLogId      the highest stored log id (0 when empty)
 * @param appends        successful appends since this store object was created
 * @param lastAppendMs   duration of the last successful append, in milliseconds
 */
public record StoreStats(long events, long logs, long samples, int series, int bucketSeries, long dbBytes, long walBytes,
                         long lastEventId, long lastLogId, long appends, double lastAppendMs) {
}
