package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.journal.Texts;

/**
 * What a query asks of its rows beyond kinds and time, compiled against one snapshot's dictionaries: a text search
 * ({@link TextTerm}), the exact value of a context field ({@link FieldTerm}), or several of them together
 * ({@link AllTerms}). Per kind the dictionaries decide part of it (every row of the kind matches; its rows may match
 * by their text); the rest is decided per block from the rows' texts. Counting and paging treat every term alike.
 */
public sealed interface SearchTerm permits TextTerm, FieldTerm, AllTerms {
    /** Every row of this kind matches (its names, or its context shape, decide it). */
    boolean kindHit(int kind);

    /** Kinds known to the term (the kind arrays' length). */
    int kinds();

    /** Whether rows of this kind may match by their text. */
    boolean textKind(int kind);

    /** Ids in decimal that match besides the texts (a text search of digits), or null. */
    DigitMatcher digits();

    /** The term is a string of digits: then the n-gram filters cannot rule a block out (every block has them). */
    boolean pureDigits();

    /**
     * Whether a block whose n-gram filter is {@code grams} (null: none read) and which holds rows of {@code blockKinds}
     * may hold a row that matches by its text.
     */
    boolean mayContain(byte[] grams, int[] blockKinds);

    /** Whether {@link #matches} needs the block's row kinds (else it is handed null and may run on any thread). */
    default boolean needsRowKinds() {
        return false;
    }

    /**
     * The rows of one block that match by their text (and, for {@link AllTerms}, by everything the term asks), as a
     * bit set over the block's first {@code n} rows. Stateless as far as the caller can tell: the parallel scan calls it
     * from two threads.
     */
    long[] matches(JournalFormat format, BlockSummary info, int n, Texts texts, int[] rowKinds, long firstId);
}
