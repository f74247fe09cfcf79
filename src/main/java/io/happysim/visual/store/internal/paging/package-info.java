/**
 * Counting and paging a filtered journal. {@code JournalQuery} is one filtered read at one snapshot:
 * {@code MatchCounter} computes its exact total (whole segments from their per-kind counts, blocks from their
 * palettes, only cut blocks decoded) and {@code Pager} walks its matching rows from a row id in either direction,
 * skipping segments and blocks without a match, as {@code RowRef}s in a {@code PageSlice}. {@code EventPages} and
 * {@code LogPages} turn those into the public pages (by cursor, around a time, counts, the newest rows);
 * {@code Cursors} encodes the opaque cursors; {@code JournalCaches} are what a journal's readers share.
 */
package io.happysim.visual.store.internal.paging;
