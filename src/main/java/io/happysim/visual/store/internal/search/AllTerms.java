package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.journal.Texts;

/**
 * Several terms a row must all meet (a text search and field filters, or several field filters). Per kind it is decided
 * where every part is; per row a part is met by the row's kind, its id (a text search of digits) or its text, so the
 * block's row kinds are needed and the blocks are matched on the query's thread. Immutable.
 */
public final class AllTerms implements SearchTerm {
    private final SearchTerm[] parts;

    public AllTerms(SearchTerm... parts) {
        if (parts.length < 2) {
            throw new IllegalArgumentException("AllTerms needs two terms or more");
        }
        this.parts = parts.clone();
    }

    @Override
    public boolean kindHit(int kind) {
        for (SearchTerm p : parts) {
            if (!p.kindHit(kind)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int kinds() {
        int k = Integer.MAX_VALUE;
        for (SearchTerm p : parts) {
            k = Math.min(k, p.kinds());
        }
        return k;
    }

    @Override
    public boolean textKind(int kind) {
        if (kindHit(kind)) {
            return false;
        }
        for (SearchTerm p : parts) {
            if (!p.kindHit(kind) && !p.textKind(kind) && p.digits() == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public DigitMatcher digits() {
        return null;
    }

    @Override
    public boolean pureDigits() {
        return false;
    }

    @Override
    public boolean mayContain(byte[] grams, int[] blockKinds) {
        for (SearchTerm p : parts) {
            if (p.digits() != null || anyHit(p, blockKinds)) {
                continue;
            }
            if (!p.mayContain(grams, blockKinds)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyHit(SearchTerm p, int[] kinds) {
        for (int k : kinds) {
            if (p.kindHit(k)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean needsRowKinds() {
        return true;
    }

    @Override
    public long[] matches(JournalFormat format, BlockSummary info, int n, Texts texts, int[] rowKinds, long firstId) {
        int words = (n + 63) >>> 6;
        long[] all = new long[words];
        for (int r = 0; r < n; r++) {
            all[r >>> 6] |= 1L << (r & 63);
        }
        for (SearchTerm p : parts) {
            long[] byText = p.matches(format, info, n, texts, rowKinds, firstId);
            DigitMatcher ids = p.digits();
            for (int r = 0; r < n; r++) {
                long bit = 1L << (r & 63);
                if ((all[r >>> 6] & bit) == 0 || (byText[r >>> 6] & bit) != 0) {
                    continue;
                }
                if (p.kindHit(rowKinds[r]) || ids != null && ids.matches(firstId + r)) {
                    continue;
                }
                all[r >>> 6] &= ~bit;
            }
        }
        return all;
    }
}
