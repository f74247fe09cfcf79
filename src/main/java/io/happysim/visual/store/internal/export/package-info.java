/**
 * Exports: {@code PlainExport} writes a run as a plain SQLite file in the seed design's row schema
 * ({@code SeedSchema}: {@code events}, {@code logs}, {@code timeseries} with their indexes, and {@code run_info}), from
 * rows the store hands over chunk by chunk.
 */
package io.happysim.visual.store.internal.export;
