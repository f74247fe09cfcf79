package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.schema.Codec;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code <prefix>_segments} rows: one per complete segment, written in the append that seals its last block, so
 * that opening a journal reads a few bytes per block instead of every {@code <prefix>_blocks} row (whose pages hold the
 * packed rows: reading them made a reopen proportional to the history). {@code summary}: the number of blocks, per
 * block its rows without a time, flags and time range (0 = none, else zigzag(time − the previous time) + 1), then the
 * segment's per-kind counts (how many kinds, then (kind − previous kind, rows) for each kind present), all varints.
 * {@code palettes}: each block's {@link Palette}, read only when a query needs a block's kinds.
 */
final class SegmentRows {
    /** A stored segment as a reopen reads it: its blocks' summaries and its per-kind counts. */
    record Stored(int segNo, BlockSummary[] blocks, int[] kindCounts) {
    }

    /** Receives the stored segments in order; answers whether to go on. */
    @FunctionalInterface
    interface Sink {
        boolean accept(Stored s) throws SQLException;
    }

    private SegmentRows() {
    }

    /** Writes segment {@code segNo}: the sealed blocks {@code [segNo·per, (segNo+1)·per)} with their palettes. */
    static void write(Db db, JournalFormat format, int segNo, SealedBlocks headers, Palette[] palettes, Segment segment) throws SQLException {
        int per = palettes.length;
        int from = segNo * per;
        Codec.Out s = new Codec.Out(per * 12 + segment.kindCounts().length * 3 + 16);
        s.varint(per);
        long prev = 0;
        for (int i = from; i < from + per; i++) {
            s.varint(headers.nulls(i));
            s.varint(headers.flags(i));
            prev = time(s, headers.tMin(i), prev);
            prev = time(s, headers.tMax(i), prev);
        }
        int[] kc = segment.kindCounts();
        int present = 0;
        for (int c : kc) {
            present += c > 0 ? 1 : 0;
        }
        s.varint(present);
        int prevKind = 0;
        for (int k = 0; k < kc.length; k++) {
            if (kc[k] > 0) {
                s.varint(k - prevKind);
                s.varint(kc[k]);
                prevKind = k;
            }
        }
        Codec.Out p = new Codec.Out(per * 64);
        for (Palette pal : palettes) {
            pal.writeTo(p);
        }
        PreparedStatement ps = db.ps(format.sqlInsertSegment);
        ps.setInt(1, segNo);
        ps.setBytes(2, s.toArray());
        ps.setBytes(3, p.toArray());
        ps.executeUpdate();
    }

    private static long time(Codec.Out out, long t, long prev) {
        if (t == Journal.NULL_TIME) {
            out.varint(0);
            return prev;
        }
        long d = t - prev;
        out.varint(((d << 1) ^ (d >> 63)) + 1);
        return t;
    }

    /** Every stored segment's summary, in segment order (their palettes are not read). */
    static void readAll(Db db, JournalFormat format, Sink sink) throws SQLException {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(format.sqlSegmentSummaries)) {
            while (rs.next()) {
                if (!sink.accept(decode(rs.getInt(1), rs.getBytes(2), format.blockRows()))) {
                    return;
                }
            }
        }
    }

    private static Stored decode(int segNo, byte[] summary, int blockRows) {
        Codec.In in = new Codec.In(summary);
        int per = (int) in.varint();
        BlockSummary[] blocks = new BlockSummary[per];
        long prev = 0;
        for (int j = 0; j < per; j++) {
            int nulls = (int) in.varint();
            int flags = (int) in.varint();
            long tMin = Journal.NULL_TIME;
            long v = in.varint();
            if (v != 0) {
                long z = v - 1;
                tMin = prev + ((z >>> 1) ^ -(z & 1));
                prev = tMin;
            }
            long tMax = Journal.NULL_TIME;
            v = in.varint();
            if (v != 0) {
                long z = v - 1;
                tMax = prev + ((z >>> 1) ^ -(z & 1));
                prev = tMax;
            }
            blocks[j] = new BlockSummary(segNo * per + j, blockRows, tMin, tMax, nulls, flags);
        }
        int present = (int) in.varint();
        int[] kinds = new int[present];
        int[] counts = new int[present];
        int kind = 0;
        for (int i = 0; i < present; i++) {
            kind += (int) in.varint();
            kinds[i] = kind;
            counts[i] = (int) in.varint();
        }
        int[] kc = new int[present == 0 ? 1 : kinds[present - 1] + 1];
        for (int i = 0; i < present; i++) {
            kc[kinds[i]] = counts[i];
        }
        return new Stored(segNo, blocks, kc);
    }

    /** The palettes of segment {@code segNo}'s blocks, or null when it is not stored (cleared underneath a reader). */
    static SegmentPalettes palettes(Db db, JournalFormat format, int segNo) throws SQLException {
        byte[] b = db.blob(format.sqlSegmentPalettes, segNo);
        if (b == null) {
            return null;
        }
        Codec.In in = new Codec.In(b);
        Palette[] out = new Palette[format.segmentBlocks()];
        for (int j = 0; j < out.length; j++) {
            out[j] = Palette.readFrom(in);
        }
        return new SegmentPalettes(out);
    }
}
