package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.schema.Codec;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Reads stored blocks back: the kinds and times of {@code cols}, the texts, and the n-gram filters of a range of
 * blocks. A stored row may hold more rows than the reader's snapshot knows (the tail block is rewritten by later
 * appends): only the first {@code n} are decoded, and their local kind indexes never change because palettes are in
 * order of first appearance.
 */
public final class BlockDecoder {
    /** Receives the stored texts of one block of a range; answers whether to go on. */
    @FunctionalInterface
    public interface TextRow {
        boolean accept(int blockNo, byte[] offsets, byte[] text) throws SQLException;
    }

    private BlockDecoder() {
    }

    /** The first {@code n} rows' kinds and times, or null when the block is gone (cleared) or shorter. */
    public static DecodedBlock decode(Db db, JournalFormat format, BlockSummary bi, Palette pal, int n) throws SQLException {
        byte[] cols = db.blob(format.sqlCols, bi.blockNo());
        if (cols == null) {
            return null;    // cleared underneath us
        }
        Codec.In in = new Codec.In(cols);
        int storedN = (int) in.varint();
        int width = in.u8();
        if (storedN < n) {
            return null;
        }
        int base = in.pos;
        int[] palette = pal.kinds();
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            int l = width == 2 ? (cols[base + 2 * i] & 0xFF) | ((cols[base + 2 * i + 1] & 0xFF) << 8) : cols[base + i] & 0xFF;
            kinds[i] = l < palette.length ? palette[l] : -1;
        }
        in.pos = base + width * storedN;
        long[] times = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long v = in.varint();
            if (v == 0) {
                times[i] = Journal.NULL_TIME;
            } else {
                long z = v - 1;
                prev += (z >>> 1) ^ -(z & 1);
                times[i] = prev;
            }
        }
        return new DecodedBlock(bi, n, format.firstId(bi.blockNo()), times, kinds);
    }

    /** The first {@code n} rows' texts (a block without a stored text row has none). */
    public static Texts readTexts(Db db, JournalFormat format, BlockSummary bi, int n, Shapes.View shapes) throws SQLException {
        PreparedStatement p = db.ps(format.sqlText);
        p.setInt(1, bi.blockNo());
        byte[] offsets;
        byte[] text;
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                if (format.shaped()) {
                    return new ShapedTexts(n, null, new byte[0], shapes);
                }
                int[] start = new int[n * format.textFields()];
                Arrays.fill(start, -1);
                return new PlainTexts(new byte[0], start, new int[n * format.textFields()], format.textFields());
            }
            offsets = rs.getBytes(1);
            text = rs.getBytes(2);
        }
        return texts(format, n, offsets, text, shapes);
    }

    /** Decodes the two stored text blobs of a block. */
    public static Texts texts(JournalFormat format, int n, byte[] offsets, byte[] text, Shapes.View shapes) {
        if (format.shaped()) {
            return new ShapedTexts(n, offsets, text, shapes);
        }
        int fields = format.textFields();
        Codec.In in = new Codec.In(offsets);
        int[] start = new int[n * fields];
        int[] len = new int[n * fields];
        int pos = 0;
        for (int i = 0; i < n * fields; i++) {
            long v = in.varint();
            if (v == 0) {
                start[i] = -1;
            } else {
                start[i] = pos;
                len[i] = (int) (v - 1);
                pos += (int) (v - 1);
            }
        }
        return new PlainTexts(text, start, len, fields);
    }

    /** The stored texts of blocks {@code from..to} (inclusive) in block order, in one query. */
    public static void readTextRange(Db db, JournalFormat format, int from, int to, TextRow row) throws SQLException {
        PreparedStatement p = db.ps(format.sqlTextRange);
        p.setInt(1, from);
        p.setInt(2, to);
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                if (!row.accept(rs.getInt(1), rs.getBytes(2), rs.getBytes(3))) {
                    return;
                }
            }
        }
    }

    /** The n-gram filters of blocks {@code from..to} (inclusive), indexed from {@code from}; null where none is stored. */
    public static byte[][] grams(Db db, JournalFormat format, int from, int to) throws SQLException {
        byte[][] out = new byte[to - from + 1][];
        PreparedStatement p = db.ps(format.sqlGramsRange);
        p.setInt(1, from);
        p.setInt(2, to);
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                int bn = rs.getInt(1);
                if (bn >= from && bn <= to) {
                    out[bn - from] = rs.getBytes(2);
                }
            }
        }
        return out;
    }
}
