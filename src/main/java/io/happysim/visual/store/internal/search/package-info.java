/**
 * Filters and text search over a journal. {@code FilterCompiler} turns a query's criteria ({@code EventCriteria},
 * {@code LogCriteria}) into a {@code Filter}: a set of kinds, a time range and, when the dictionaries cannot decide it
 * alone, a {@code SearchTerm}. A term is matched exactly as {@code lower(text).contains(lower(term))}: in names by
 * the dictionary, in the event id by arithmetic ({@code DigitMatcher}), in a block's texts by {@code TextMatcher} —
 * contexts through their packed digit runs ({@code NibbleFinder}), plain texts in one pass. {@code TextHits} keeps a
 * query's per-block matches; {@code ParallelScan} computes many blocks' matches on the query's thread and a helper
 * thread; {@code SearchCounts} are what a search found in sealed blocks, cached for its next page and total.
 */
package io.happysim.visual.store.internal.search;
