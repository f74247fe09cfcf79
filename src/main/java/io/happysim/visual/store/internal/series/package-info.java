/**
 * Time series. Writing: {@code SeriesStore} (samples in chunks of 512, one {@code sample_chunks} row each, packed by
 * {@code ChunkCodec}; bucket series maintained at append), {@code SeriesChunks} and {@code ChunkSummary} (the
 * in-memory chunk summaries, stored packed by {@code ChunkSummaries}), {@code BucketSeries} with {@code OpenBucket} (its
 * open bucket's aggregate so far), {@code BucketBackfill} (builds a bucket series from stored samples on two threads),
 * {@code SeriesLoader} (rebuilds it all from the file's summaries). Reading:
 * {@code SeriesSnapshot} and {@code SeriesView} (what readers see), {@code ChunkReads} (samples by index through the
 * chunk cache), {@code SeriesReads} (raw or bucketed series of a time range), {@code M4} with {@code ChunkedM4}
 * (downsampling that merges whole chunks from their summaries) and {@code BucketMath} with {@code Selection} (§3.10 of the
 * reference; percentiles by selection).
 */
package io.happysim.visual.store.internal.series;
