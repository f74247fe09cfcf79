package io.happysim.visual.store.internal.journal;

import java.nio.charset.StandardCharsets;

/**
 * A plain block's texts: UTF-8 bytes and per cell ({@code row * fields + field}) its start and length; start -1 =
 * null. Immutable.
 */
public final class PlainTexts implements Texts {
    private final byte[] bytes;
    private final int[] start;
    private final int[] len;
    private final int fields;
    private final int[] cells;      // the non-null cells, in order
    private final int nCells;

    PlainTexts(byte[] bytes, int[] start, int[] len, int fields) {
        this.bytes = bytes;
        this.start = start;
        this.len = len;
        this.fields = fields;
        int[] c = new int[start.length];
        int k = 0;
        for (int i = 0; i < start.length; i++) {
            if (start[i] >= 0) {
                c[k++] = i;
            }
        }
        this.cells = c;
        this.nCells = k;
    }

    @Override
    public String text(int row, int field) {
        int s = start[row * fields + field];
        return s < 0 ? null : new String(bytes, s, len[row * fields + field], StandardCharsets.UTF_8);
    }

    @Override
    public long bytes() {
        return 64 + bytes.length + start.length * 8L;
    }

    /** All texts concatenated (the search scans them in one pass). */
    public byte[] utf8() {
        return bytes;
    }

    public int start(int cell) {
        return start[cell];
    }

    public int length(int cell) {
        return len[cell];
    }

    public int fields() {
        return fields;
    }

    /** The k-th non-null cell. */
    public int cell(int k) {
        return cells[k];
    }

    /** How many cells are not null. */
    public int nonNullCells() {
        return nCells;
    }
}
