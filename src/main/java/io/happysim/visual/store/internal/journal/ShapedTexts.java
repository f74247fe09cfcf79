package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.dictionary.DigitRuns;
import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.schema.Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A shaped block's texts (event contexts, one per row), read lazily from its two blobs; {@link ShapedTextWriter}
 * writes them.
 *
 * <p>{@code offsets}: n, E (entries: the distinct texts, in order of first appearance), L and the block's L shape
 * ids, the widths w (1|2), v (2|4), u (1|2); E × w: each entry's index in the shape list; E × v: where each entry's
 * digits end (in nibbles, cumulative); R and R × (entry, byte length) for the verbatim ({@link Shapes#RAW})
 * entries; a bitmap of the n rows that have a text; over those rows a bitmap of first appearances (the row holds
 * the next new entry); the entry of every other row with a text (u bytes). {@code text}: the digit runs of the
 * shaped entries, each run followed by the nibble A, packed two digits per byte (high nibble first, F pads), then
 * the verbatim entries' UTF-8.
 *
 * <p>Immutable once shared: the two lazily computed fields are idempotent, so racing readers compute the same.
 */
public final class ShapedTexts implements Texts {
    private final int n;
    private final int entries;
    private final byte[] ent;
    private final byte[] data;
    private final int[] local;
    private final int shapeWidth;
    private final int endWidth;
    private final int repWidth;
    private final int shapesPos;
    private final int endsPos;
    private final int rowsPos;
    private final int storedN;
    private final int nibbles;
    private final int packedLen;
    private final int[] rawEntry;
    private final int[] rawStart;
    private final int[] rawLen;
    private final Shapes.View shapes;
    private int[] rowEntry;
    private String hay;

    /** @param ent the offsets blob, or null for a block without a text row (every row then has no text) */
    ShapedTexts(int n, byte[] ent, byte[] data, Shapes.View shapes) {
        this.n = n;
        this.ent = ent;
        this.data = data;
        this.shapes = shapes;
        if (ent == null) {
            storedN = entries = nibbles = packedLen = 0;
            local = rawEntry = rawStart = rawLen = new int[0];
            shapeWidth = repWidth = 1;
            endWidth = 2;
            shapesPos = endsPos = rowsPos = 0;
            return;
        }
        Codec.In in = new Codec.In(ent);
        storedN = (int) in.varint();
        entries = (int) in.varint();
        int nl = (int) in.varint();
        local = new int[nl];
        for (int i = 0; i < nl; i++) {
            local[i] = (int) in.varint();
        }
        shapeWidth = in.u8();
        endWidth = in.u8();
        repWidth = in.u8();
        shapesPos = in.pos;
        endsPos = shapesPos + entries * shapeWidth;
        in.pos = endsPos + entries * endWidth;
        nibbles = entries == 0 ? 0 : end(entries - 1);
        packedLen = (nibbles + 1) / 2;
        int r = (int) in.varint();
        rawEntry = new int[r];
        rawStart = new int[r];
        rawLen = new int[r];
        int at = packedLen;
        for (int i = 0; i < r; i++) {
            rawEntry[i] = (int) in.varint();
            rawLen[i] = (int) in.varint();
            rawStart[i] = at;
            at += rawLen[i];
        }
        rowsPos = in.pos;
    }

    /** Distinct texts of the block. */
    public int entries() {
        return entries;
    }

    /** Nibbles of packed digits (digits and run ends) of all shaped entries. */
    public int nibbles() {
        return nibbles;
    }

    /** The packed digits, then the verbatim entries. */
    public byte[] data() {
        return data;
    }

    /** Verbatim entries. */
    public int verbatimCount() {
        return rawEntry.length;
    }

    /** The entry of the i-th verbatim text. */
    public int verbatimEntry(int i) {
        return rawEntry[i];
    }

    /** The shape id of entry e. */
    public int shape(int e) {
        int p = shapesPos + e * shapeWidth;
        int l = shapeWidth == 1 ? ent[p] & 0xFF : (ent[p] & 0xFF) | (ent[p + 1] & 0xFF) << 8;
        return local[l];
    }

    /** Where entry e's digits end, in nibbles. */
    public int end(int e) {
        int p = endsPos + e * endWidth;
        int v = (ent[p] & 0xFF) | (ent[p + 1] & 0xFF) << 8;
        if (endWidth == 4) {
            v |= (ent[p + 2] & 0xFF) << 16 | (ent[p + 3] & 0xFF) << 24;
        }
        return v;
    }

    /** Where entry e's digits start, in nibbles (its runs follow, each ended by {@link DigitRuns#NIB_SEP}). */
    public int start(int e) {
        return e == 0 ? 0 : end(e - 1);
    }

    /** The entry whose digits hold nibble {@code pos}, searching from entry {@code from} on. */
    public int entryAt(int pos, int from) {
        int lo = from;
        for (int k = 0; k < 4 && lo < entries - 1; k++) {
            if (end(lo) > pos) {
                return lo;
            }
            lo++;
        }
        int hi = entries - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end(mid) <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Per row (of the reader's n): its entry, or -1. */
    private int[] rows() {
        int[] re = rowEntry;
        if (re != null) {
            return re;
        }
        re = new int[n];
        Arrays.fill(re, -1);
        if (ent != null) {
            int hasPos = rowsPos;
            int hasLen = (storedN + 7) / 8;
            int withText = Bitmaps.popcount(ent, hasPos, hasLen);
            int newPos = hasPos + hasLen;
            int repPos = newPos + (withText + 7) / 8;
            int t = 0;
            int next = 0;
            for (int i = 0; i < n; i++) {
                if ((ent[hasPos + (i >>> 3)] & (1 << (i & 7))) == 0) {
                    continue;
                }
                if ((ent[newPos + (t >>> 3)] & (1 << (t & 7))) != 0) {
                    re[i] = next++;
                } else {
                    re[i] = repWidth == 1 ? ent[repPos] & 0xFF : (ent[repPos] & 0xFF) | (ent[repPos + 1] & 0xFF) << 8;
                    repPos += repWidth;
                }
                t++;
            }
        }
        rowEntry = re;
        return re;
    }

    /** The reader's rows (of n) whose entry is marked in {@code state}, as a bit set (ORed into {@code bits}). */
    public void rowBits(byte[] state, int marked, long[] bits) {
        if (ent == null || marked == 0) {
            return;
        }
        if (rowEntry != null || marked * 8 > entries) {
            int[] re = rows();
            for (int r = 0; r < n; r++) {
                int e = re[r];
                if (e >= 0 && state[e] != 0) {
                    bits[r >>> 6] |= 1L << (r & 63);
                }
            }
            return;
        }
        // few entries: find their rows by select over the bitmaps instead of decoding every row
        int hasPos = rowsPos;
        int hasLen = (storedN + 7) / 8;
        int withText = Bitmaps.popcount(ent, hasPos, hasLen);
        int newPos = hasPos + hasLen;
        int newLen = (withText + 7) / 8;
        int repPos = newPos + newLen;
        int news = Bitmaps.popcount(ent, newPos, newLen);
        int repeats = withText - news;
        for (int e = 0; e < entries && e < news; e++) {
            if (state[e] != 0) {
                int t = Bitmaps.select(ent, newPos, newLen, e, false);
                mark(bits, Bitmaps.select(ent, hasPos, hasLen, t, false));
            }
        }
        for (int j = 0; j < repeats; j++) {
            int p = repPos + j * repWidth;
            int e = repWidth == 1 ? ent[p] & 0xFF : (ent[p] & 0xFF) | (ent[p + 1] & 0xFF) << 8;
            if (e < entries && state[e] != 0) {
                int t = Bitmaps.select(ent, newPos, newLen, j, true);
                if (t >= 0 && t < withText) {
                    mark(bits, Bitmaps.select(ent, hasPos, hasLen, t, false));
                }
            }
        }
    }

    private void mark(long[] bits, int r) {
        if (r >= 0 && r < n) {
            bits[r >>> 6] |= 1L << (r & 63);
        }
    }

    /** The shape of a row's text ({@link Shapes#NONE} when it has none). */
    int shapeOfRow(int row) {
        int e = rows()[row];
        return e < 0 ? Shapes.NONE : shape(e);
    }

    private int rawIndex(int e) {
        int i = Arrays.binarySearch(rawEntry, e);     // verbatim entries are listed in entry order
        if (i < 0) {
            throw new IllegalStateException("entry " + e + " is not verbatim");
        }
        return i;
    }

    /** The i-th verbatim entry's text, lower-cased. */
    public String lowerVerbatimText(int i) {
        return new String(data, rawStart[i], rawLen[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    /** The i-th verbatim entry's text. */
    public String verbatimText(int i) {
        return new String(data, rawStart[i], rawLen[i], StandardCharsets.UTF_8);
    }

    /** Entry e's text (a shaped one re-assembled from its shape and digits). */
    public String entryText(int e) {
        int sh = shape(e);
        if (sh == Shapes.RAW) {
            int i = rawIndex(e);
            return new String(data, rawStart[i], rawLen[i], StandardCharsets.UTF_8);
        }
        return DigitRuns.expandPacked(shapes.shapes()[sh], data, start(e));
    }

    /** Entry e's text lower-cased (a shaped one re-assembled from its lower-cased shape). */
    public String lowerEntryText(int e) {
        int sh = shape(e);
        if (sh == Shapes.RAW) {
            return entryText(e).toLowerCase(Locale.ROOT);
        }
        return DigitRuns.expandPacked(shapes.lower()[sh], data, start(e));
    }

    /** The packed digits as one Latin-1 string (made once per decoded block). */
    public String hay() {
        String h = hay;
        if (h == null) {
            h = new String(data, 0, packedLen, StandardCharsets.ISO_8859_1);
            hay = h;
        }
        return h;
    }

    @Override
    public String text(int row, int field) {
        int e = rows()[row];
        return e < 0 ? null : entryText(e);
    }

    @Override
    public long bytes() {
        return 96 + data.length + packedLen + (ent == null ? 0 : ent.length) + n * 4L;
    }
}
