package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.dictionary.DigitRuns;
import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.schema.Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;

/**
 * Writes a shaped block's two text blobs (the layout is described on {@link ShapedTexts}): each distinct context of the
 * block once, as its shape's index plus its packed digit runs (or verbatim), and per row a reference to it. Entries
 * are the distinct texts of the block in order of first appearance. Its buffers are reused across the blocks of one
 * append.
 */
final class ShapedTextWriter {
    private final int blockRows;
    private final HashMap<String, Integer> entryOf = new HashMap<>(4096);
    private final HashMap<Integer, Integer> localShapes = new HashMap<>();
    private final Codec.Out sym = new Codec.Out(1 << 16);
    private final Codec.Out raw = new Codec.Out(1 << 8);
    private final Codec.Out rawList = new Codec.Out(1 << 6);
    private int[] rowRef = new int[0];
    private int[] entShape = new int[256];
    private int[] entEnd = new int[256];

    ShapedTextWriter(int blockRows) {
        this.blockRows = blockRows;
    }

    /** Writes the texts of {@code r} into {@code offs} and {@code text}, their grams into {@code grams}; returns the flags. */
    int write(Tail r, long[] grams, Codec.Out offs, Codec.Out text) {
        int n = r.n;
        entryOf.clear();
        sym.reset();
        raw.reset();
        rawList.reset();
        int e = 0;
        int rawCount = 0;
        int withText = 0;
        int repeats = 0;
        boolean ascii = true;
        boolean upper = false;
        if (rowRef.length < n) {
            rowRef = new int[Math.max(n, blockRows)];
        }
        for (int i = 0; i < n; i++) {
            String s = r.text(i, 0);
            if (s == null) {
                rowRef[i] = -1;
                continue;
            }
            withText++;
            Integer known = entryOf.putIfAbsent(s, e);
            if (known != null) {
                rowRef[i] = known;
                repeats++;
                continue;
            }
            rowRef[i] = e;
            if (e == entShape.length) {
                entShape = Arrays.copyOf(entShape, e * 2);
                entEnd = Arrays.copyOf(entEnd, e * 2);
            }
            int shape = r.shapeIds[i];
            entShape[e] = shape;
            if (shape == Shapes.RAW) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                raw.bytes(b, 0, b.length);
                rawList.varint(e);
                rawList.varint(b.length);
                rawCount++;
                boolean rowAscii = b.length == s.length();
                ascii &= rowAscii;
                String low = s.toLowerCase(Locale.ROOT);
                upper |= !low.equals(s);
                Grams.add(grams, rowAscii ? b : low.getBytes(StandardCharsets.UTF_8), rowAscii);
            } else {
                DigitRuns.digitsOf(s, sym);
                upper |= Grams.addAscii(grams, s);
            }
            entEnd[e] = sym.len;
            e++;
        }
        // local shape list
        int nLocal = 0;
        localShapes.clear();
        for (int k = 0; k < e; k++) {
            if (localShapes.putIfAbsent(entShape[k], nLocal) == null) {
                nLocal++;
            }
        }
        int shapeWidth = nLocal <= 256 ? 1 : 2;
        int endWidth = sym.len < 65_536 ? 2 : 4;
        int repWidth = e <= 256 ? 1 : 2;
        offs.varint(n);
        offs.varint(e);
        offs.varint(nLocal);
        int[] order = new int[nLocal];
        for (var en : localShapes.entrySet()) {
            order[en.getValue()] = en.getKey();
        }
        for (int k = 0; k < nLocal; k++) {
            offs.varint(order[k]);
        }
        offs.u8(shapeWidth);
        offs.u8(endWidth);
        offs.u8(repWidth);
        offs.ensure(e * (shapeWidth + endWidth) + (n + 7) / 8 + (withText + 7) / 8 + repWidth * repeats + rawList.len + 16);
        byte[] o = offs.buf;
        int p = offs.len;
        for (int k = 0; k < e; k++) {
            int l = localShapes.get(entShape[k]);
            o[p++] = (byte) l;
            if (shapeWidth == 2) {
                o[p++] = (byte) (l >>> 8);
            }
        }
        for (int k = 0; k < e; k++) {
            int end = entEnd[k];
            o[p++] = (byte) end;
            o[p++] = (byte) (end >>> 8);
            if (endWidth == 4) {
                o[p++] = (byte) (end >>> 16);
                o[p++] = (byte) (end >>> 24);
            }
        }
        offs.len = p;
        offs.varint(rawCount);
        offs.bytes(rawList.buf, 0, rawList.len);
        // rows: a bitmap of rows with a text, then over those a bitmap of first appearances (the row holds the
        // next new entry), then the entries of the other (repeating) rows
        for (int i = 0; i < n; i++) {
            offs.bit(rowRef[i] >= 0);
        }
        offs.endBits();
        int next = 0;
        for (int i = 0; i < n; i++) {
            int ref = rowRef[i];
            if (ref >= 0) {
                boolean first = ref == next;
                offs.bit(first);
                if (first) {
                    next++;
                }
            }
        }
        offs.endBits();
        p = offs.len;
        o = offs.buf;
        next = 0;
        for (int i = 0; i < n; i++) {
            int ref = rowRef[i];
            if (ref < 0) {
                continue;
            }
            if (ref == next) {
                next++;
            } else {
                o[p++] = (byte) ref;
                if (repWidth == 2) {
                    o[p++] = (byte) (ref >>> 8);
                }
            }
        }
        offs.len = p;
        DigitRuns.pack(sym.buf, sym.len, text);
        text.bytes(raw.buf, 0, raw.len);
        entryOf.clear();
        return (ascii ? BlockSummary.ASCII : 0) | (upper ? BlockSummary.UPPER : 0) | (rawCount > 0 ? BlockSummary.VERBATIM : 0);
    }
}
