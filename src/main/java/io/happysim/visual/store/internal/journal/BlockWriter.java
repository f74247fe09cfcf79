package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.schema.Codec;
import io.happysim.visual.store.internal.schema.Db;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Locale;

/**
 * Encodes one block into its three rows, inside the append's transaction: {@code cols} (n, index width, the rows'
 * local kind indexes into the palette, then per row 0 for no time or zigzag(time − previous time) + 1), the texts
 * (plain UTF-8 with lengths, or shaped by {@link ShapedTextWriter}) and the n-gram filter. Buffers and statements are
 * reused across the blocks of one append.
 */
final class BlockWriter {
    private final JournalFormat format;
    private final Db db;
    private final ShapedTextWriter shaped;
    private final Codec.Out cols = new Codec.Out(1 << 14);
    private final Codec.Out offs = new Codec.Out(1 << 13);
    private final Codec.Out text = new Codec.Out(1 << 16);
    private int[] localOf = new int[64];
    private PreparedStatement insBlock;
    private PreparedStatement insText;
    private PreparedStatement insGrams;

    BlockWriter(JournalFormat format, Db db) {
        this.format = format;
        this.db = db;
        this.shaped = format.shaped() ? new ShapedTextWriter(format.blockRows()) : null;
        Arrays.fill(localOf, -1);
    }

    /** A block as written: its summary and its palette. */
    record Written(BlockSummary summary, Palette palette) {
    }

    Written write(int blockNo, Tail r) throws SQLException {
        int n = r.n;
        // palette, in order of first appearance
        int[] pk = new int[8];
        int[] pc = new int[8];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int kind = r.kinds[i];
            if (kind >= localOf.length) {
                int old = localOf.length;
                localOf = Arrays.copyOf(localOf, Math.max(kind + 1, old * 2));
                Arrays.fill(localOf, old, localOf.length, -1);
            }
            int l = localOf[kind];
            if (l < 0) {
                if (k == pk.length) {
                    pk = Arrays.copyOf(pk, k * 2);
                    pc = Arrays.copyOf(pc, k * 2);
                }
                l = k++;
                localOf[kind] = l;
                pk[l] = kind;
            }
            pc[l]++;
        }
        boolean wide = k > 256;
        cols.reset();
        cols.varint(n);
        cols.u8(wide ? 2 : 1);
        for (int i = 0; i < n; i++) {
            int l = localOf[r.kinds[i]];
            if (wide) {
                cols.u8(l & 0xFF);
                cols.u8(l >>> 8);
            } else {
                cols.u8(l);
            }
        }
        for (int i = 0; i < k; i++) {
            localOf[pk[i]] = -1;
        }
        long tMin = Journal.NULL_TIME;
        long tMax = Journal.NULL_TIME;
        int nulls = 0;
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long tm = r.times[i];
            if (tm == Journal.NULL_TIME) {
                nulls++;
                cols.varint(0);
            } else {
                cols.varint(((tm - prev) << 1 ^ ((tm - prev) >> 63)) + 1);
                prev = tm;
                if (tMin == Journal.NULL_TIME || tm < tMin) {
                    tMin = tm;
                }
                if (tMax == Journal.NULL_TIME || tm > tMax) {
                    tMax = tm;
                }
            }
        }
        // texts + flags + grams
        offs.reset();
        text.reset();
        long[] grams = Grams.empty();
        int flags = shaped != null ? shaped.write(r, grams, offs, text) : writePlain(r, grams);
        Palette palette = new Palette(Arrays.copyOf(pk, k), Arrays.copyOf(pc, k));
        BlockSummary summary = new BlockSummary(blockNo, n, tMin, tMax, nulls, flags);
        if (insBlock == null) {
            insBlock = db.ps(format.sqlInsertBlock);
            insText = db.ps(format.sqlInsertText);
            insGrams = db.ps(format.sqlInsertGrams);
        }
        insBlock.setInt(1, blockNo);
        insBlock.setLong(2, format.firstId(blockNo));
        insBlock.setInt(3, n);
        setTime(insBlock, 4, tMin);
        setTime(insBlock, 5, tMax);
        insBlock.setInt(6, nulls);
        insBlock.setInt(7, flags);
        insBlock.setString(8, palette.toJson());
        insBlock.setBytes(9, cols.toArray());
        insBlock.executeUpdate();
        insText.setInt(1, blockNo);
        insText.setBytes(2, offs.toArray());
        insText.setBytes(3, text.toArray());
        insText.executeUpdate();
        insGrams.setInt(1, blockNo);
        insGrams.setBytes(2, Grams.toBytes(grams));
        insGrams.executeUpdate();
        return new Written(summary, palette);
    }

    /** Plain texts: per row and field varint length + 1 (0 = null), the UTF-8 concatenated. Returns the flags. */
    private int writePlain(Tail r, long[] grams) {
        boolean ascii = true;
        boolean upper = false;
        int fields = format.textFields();
        for (int i = 0; i < r.n; i++) {
            for (int f = 0; f < fields; f++) {
                String s = r.text(i, f);
                if (s == null) {
                    offs.varint(0);
                    continue;
                }
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                offs.varint(b.length + 1L);
                text.bytes(b, 0, b.length);
                boolean rowAscii = true;
                for (byte x : b) {
                    if (x < 0) {
                        rowAscii = false;
                    } else if (x >= 'A' && x <= 'Z') {
                        upper = true;
                    }
                }
                ascii &= rowAscii;
                if (format.searchable(f)) {
                    byte[] low = rowAscii ? b : s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                    Grams.add(grams, low, rowAscii);
                }
            }
        }
        return (ascii ? BlockSummary.ASCII : 0) | (upper ? BlockSummary.UPPER : 0);
    }

    private static void setTime(PreparedStatement p, int i, long t) throws SQLException {
        if (t == Journal.NULL_TIME) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, t);
        }
    }
}
