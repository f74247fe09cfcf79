package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.dictionary.DigitRuns;
import io.happysim.visual.store.internal.dictionary.ShapeMatch;
import io.happysim.visual.store.internal.journal.BlockSummary;
import io.happysim.visual.store.internal.journal.Grams;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.journal.Texts;
import java.nio.charset.StandardCharsets;

/**
 * A compiled case-insensitive substring search: the lower-cased term, its bytes and n-gram bits, and what the
 * dictionaries already decided — the kinds whose names (or, events, context shape) contain it, the kinds whose rows
 * may match by their text, how it meets each shape, and whether an id in decimal can contain it. Immutable but for
 * the nibble finder it builds once on first use.
 */
public final class TextTerm implements SearchTerm {
    private final String lower;
    private final byte[] bytes;
    private final String latin;
    private final int[] gramBits;
    private final boolean[] kindHit;
    private final boolean[] textKind;
    private final ShapeMatch shapeMatch;
    private final DigitMatcher digits;
    private final String digitNeedle;
    private final boolean pureDigits;
    private NibbleFinder finder;

    /**
     * @param lower      the term, lower-cased
     * @param kindHit    per kind: its names (or its context shape) contain the term
     * @param textKind   per kind: its rows may match by their text; null = every kind
     * @param shapeMatch events: how the term meets each shape; null for logs
     * @param digits     events: the matcher for ids in decimal, null when the term is not all digits
     */
    TextTerm(String lower, boolean[] kindHit, boolean[] textKind, ShapeMatch shapeMatch, DigitMatcher digits) {
        this.lower = lower;
        this.bytes = lower.getBytes(StandardCharsets.UTF_8);
        this.latin = new String(bytes, StandardCharsets.ISO_8859_1);
        this.gramBits = Grams.bitsOf(bytes);
        this.kindHit = kindHit;
        this.textKind = textKind;
        this.shapeMatch = shapeMatch;
        this.digits = digits;
        this.digitNeedle = shapeMatch == null ? null : DigitRuns.longestDigitRun(lower);
        this.pureDigits = digitNeedle != null && !digitNeedle.isEmpty() && digitNeedle.length() == lower.length();
    }

    public String lower() {
        return lower;
    }

    /** The term's UTF-8 bytes. */
    public byte[] bytes() {
        return bytes;
    }

    /** The term's bytes as a Latin-1 string, to search byte texts with {@code String.indexOf}. */
    public String latin() {
        return latin;
    }

    @Override
    public boolean kindHit(int kind) {
        return kind >= 0 && kind < kindHit.length && kindHit[kind];
    }

    /** Whether no row needs its text or its id: the kinds decide (then the query is a kind filter). */
    public boolean decidedByKinds() {
        if (digits != null) {
            return false;
        }
        for (int k = 0; k < kindHit.length; k++) {
            if (textKind(k)) {
                return false;
            }
        }
        return true;
    }

    /** Kinds known to the term (the kind arrays' length). */
    @Override
    public int kinds() {
        return kindHit.length;
    }

    /** Whether rows of this kind may match by text. */
    @Override
    public boolean textKind(int kind) {
        return textKind == null || kind >= 0 && kind < textKind.length && textKind[kind];
    }

    public ShapeMatch shapeMatch() {
        return shapeMatch;
    }

    /** For ids in decimal (events), or null. */
    @Override
    public DigitMatcher digits() {
        return digits;
    }

    /** Events: the term is all digits (then a digit hit in a context needs no confirmation). */
    @Override
    public boolean pureDigits() {
        return pureDigits;
    }

    /** Finds the term's longest digit run in a block's packed digits. */
    NibbleFinder finder() {
        NibbleFinder f = finder;
        if (f == null) {
            f = new NibbleFinder(digitNeedle);
            finder = f;
        }
        return f;
    }

    @Override
    public boolean mayContain(byte[] grams, int[] blockKinds) {
        return mayContain(grams);
    }

    /** Whether a block whose n-gram filter is {@code grams} may hold the term (a block without one may). */
    public boolean mayContain(byte[] grams) {
        if (grams == null) {
            return true;
        }
        for (int b : gramBits) {
            if (!Grams.hasBit(grams, b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long[] matches(JournalFormat format, BlockSummary info, int n, Texts texts, int[] rowKinds, long firstId) {
        return TextMatcher.matches(format, info, n, texts, this);
    }
}
