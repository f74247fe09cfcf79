package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.dictionary.ShapeMatch;
import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.journal.PlainTexts;
import io.happysim.visual.store.internal.journal.ShapedTexts;
import io.happysim.visual.store.internal.journal.Texts;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The rows of one decoded block whose searchable text contains a search term — exactly
 * {@code lower(text).contains(lower(term))} — as a bit set. Stateless: the parallel scan calls it from two threads.
 */
final class TextMatcher {
    private TextMatcher() {
    }

    static long[] matches(JournalFormat format, BlockSummary info, int n, Texts texts, TextTerm s) {
        long[] bits = new long[(n + 63) >>> 6];
        if (s.bytes().length == 0) {
            Arrays.fill(bits, -1L);
            return bits;
        }
        if (texts instanceof ShapedTexts st) {
            return shapedMatches(st, s, bits);
        }
        PlainTexts tx = (PlainTexts) texts;
        if ((info.flags() & BlockSummary.ASCII) != 0) {
            return asciiMatches(format, info, n, tx, s, bits);
        }
        int fields = format.textFields();
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < fields; f++) {
                if (format.searchable(f)) {
                    String t = tx.text(r, f);
                    if (t != null && t.toLowerCase(Locale.ROOT).contains(s.lower())) {
                        bits[r >>> 6] |= 1L << (r & 63);
                        break;
                    }
                }
            }
        }
        return bits;
    }

    /** An ASCII block: one {@code indexOf} pass over all its (case-folded) texts, hits mapped back to rows. */
    private static long[] asciiMatches(JournalFormat format, BlockSummary info, int n, PlainTexts tx, TextTerm s, long[] bits) {
        byte[] txt = tx.utf8();
        if ((info.flags() & BlockSummary.UPPER) != 0) {
            txt = txt.clone();
            for (int i = 0; i < txt.length; i++) {
                byte x = txt[i];
                if (x >= 'A' && x <= 'Z') {
                    txt[i] = (byte) (x | 0x20);
                }
            }
        }
        String hay = new String(txt, StandardCharsets.ISO_8859_1);
        int fields = tx.fields();
        int qn = s.bytes().length;
        int limit = n * fields;
        int nc = tx.nonNullCells();
        int p = 0;
        int from = 0;
        while (true) {
            int hit = hay.indexOf(s.latin(), from);
            if (hit < 0) {
                break;
            }
            // hits only move forward: advance to the first non-null cell ending after the hit
            while (p < nc && tx.start(tx.cell(p)) + tx.length(tx.cell(p)) <= hit) {
                p++;
            }
            if (p >= nc || tx.cell(p) >= limit) {
                break;
            }
            int cell = tx.cell(p);
            int st = tx.start(cell);
            int r = cell / fields;
            if (st <= hit && hit + qn <= st + tx.length(cell) && format.searchable(cell % fields)) {
                bits[r >>> 6] |= 1L << (r & 63);
                // the row matched: continue with the next row's first text
                int nextCell = (r + 1) * fields;
                while (p < nc && tx.cell(p) < nextCell) {
                    p++;
                }
                if (p >= nc || tx.cell(p) >= limit) {
                    break;
                }
                from = tx.start(tx.cell(p));
            } else {
                from = hit + 1;
            }
        }
        return bits;
    }

    /**
     * Shaped texts: an entry whose shape may hold the term through its digits is found by searching the block's digit
     * runs for the term's longest digit run; it matches if the term is all digits, else if its whole (lower-cased,
     * re-assembled) text contains the term. Verbatim entries are lower-cased and searched. Terms without a digit never
     * reach here for shaped entries: they are decided per shape (the row's kind).
     */
    private static long[] shapedMatches(ShapedTexts tx, TextTerm s, long[] bits) {
        byte[] state = null;
        int marked = 0;
        ShapeMatch m = s.shapeMatch();
        int entries = tx.entries();
        if (entries == 0) {
            return bits;
        }
        boolean hasDigit = m != null && m.hasDigit();
        if (hasDigit && tx.nibbles() > 0) {
            NibbleFinder finder = s.finder();
            boolean[] byDigits = m.byDigits();
            int from = 0;
            int e = 0;
            while (true) {
                int hit = finder.next(tx, from);
                if (hit < 0) {
                    break;
                }
                e = tx.entryAt(hit, e);
                int sh = tx.shape(e);
                if (sh < byDigits.length && byDigits[sh] && (s.pureDigits() || tx.lowerEntryText(e).contains(s.lower()))) {
                    if (state == null) {
                        state = new byte[entries];
                    }
                    state[e] = 1;
                    marked++;
                }
                from = tx.end(e);
            }
        }
        for (int i = 0; i < tx.verbatimCount(); i++) {
            int e = tx.verbatimEntry(i);
            if (tx.lowerVerbatimText(i).contains(s.lower())) {
                if (state == null) {
                    state = new byte[entries];
                }
                state[e] = 1;
                marked++;
            }
        }
        if (state != null) {
            tx.rowBits(state, marked, bits);
        }
        return bits;
    }
}
