package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.internal.schema.Db;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code chunk_summaries}: the summaries of a series' sealed chunks, {@value #GROUP} chunks per row (row id: series id
 * in the high 32 bits, group number in the low ones), so that opening a run reads ~70 bytes per chunk instead of the
 * {@code sample_chunks} rows, whose pages hold the packed samples (reading them made a reopen proportional to the
 * samples stored). A group's row is rewritten whenever one of its chunks is sealed, in the same transaction. Per chunk,
 * little-endian: t_first, t_last, t_at_min, t_at_max (8 bytes each), v_first, v_last, v_min, v_max (doubles, NaN kept),
 * i_min, i_max (2 bytes each).
 */
final class ChunkSummaries {
    /** Chunks per row. */
    static final int GROUP = 256;
    static final int BYTES = 4 * 8 + 4 * 8 + 2 * 2;

    private ChunkSummaries() {
    }

    /** Rewrites the rows of the groups that hold chunks {@code [fromChunk, ch.sealed)}. */
    static void write(Db db, String sqlInsert, SeriesChunks ch, int fromChunk) throws SQLException {
        PreparedStatement p = db.ps(sqlInsert);
        for (int g = fromChunk / GROUP; g * GROUP < ch.sealed; g++) {
            int from = g * GROUP;
            int to = Math.min(ch.sealed, from + GROUP);
            ByteBuffer b = ByteBuffer.allocate((to - from) * BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = from; c < to; c++) {
                b.putLong(ch.tFirst[c]).putLong(ch.tLast[c]).putLong(ch.tAtMin[c]).putLong(ch.tAtMax[c]);
                b.putDouble(ch.vFirst[c]).putDouble(ch.vLast[c]).putDouble(ch.vMin[c]).putDouble(ch.vMax[c]);
                b.putShort((short) ch.iMin[c]).putShort((short) ch.iMax[c]);
            }
            p.setLong(1, ChunkCodec.rowId(ch.id, g));
            p.setBytes(2, b.array());
            p.executeUpdate();
        }
    }

    /** Appends the chunk summaries of one stored group to a series (its earlier groups already read). */
    static void read(byte[] data, SeriesChunks ch) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = data.length / BYTES;
        for (int i = 0; i < n; i++) {
            long tFirst = b.getLong();
            long tLast = b.getLong();
            long tAtMin = b.getLong();
            long tAtMax = b.getLong();
            double vFirst = b.getDouble();
            double vLast = b.getDouble();
            double vMin = b.getDouble();
            double vMax = b.getDouble();
            int iMin = b.getShort();
            int iMax = b.getShort();
            ch.addSealed(new ChunkSummary(tFirst, tLast, vFirst, vLast, vMin, tAtMin, iMin, vMax, tAtMax, iMax));
        }
    }
}
