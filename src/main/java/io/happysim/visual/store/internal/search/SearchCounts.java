package io.happysim.visual.store.internal.search;

import java.util.BitSet;

/**
 * What one search (with its filters) found in the sealed blocks: exact matches per block, and the blocks whose n-gram
 * filter rules the term out. Sealed blocks never change within a generation, so the next page or total of the same
 * search only counts the blocks sealed since. Immutable once cached.
 */
public record SearchCounts(int[] counts, BitSet noText) {
    /** How many searches a journal remembers. */
    public static final int REMEMBERED = 32;
}
