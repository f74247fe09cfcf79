package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only, id-keyed history (events or logs) packed into blocks of {@link JournalFormat#blockRows()} rows: the
 * writer's side. Row ids are 1-based and gap-free, so row {@code id} lives in block {@code (id-1)/rows} at offset
 * {@code (id-1)%rows}. Each block is one row of {@code <p>_blocks} (summary + packed kind ids and times), one of
 * {@code <p>_text} (the row texts) and one of {@code <p>_grams} (the n-gram filter); the last, partial block is
 * rewritten on every append.
 *
 * <p>Every {@link JournalFormat#segmentBlocks()} sealed blocks make a {@link Segment} (per-kind counts, time range),
 * stored in a {@code <p>_segments} row with its blocks' summaries and palettes when its last block is sealed. Memory
 * keeps the sealed blocks' summaries as a few primitives each ({@link SealedBlocks}), every segment, and the palettes
 * of the open segment's blocks and of the tail only: a block's palette (a few hundred bytes to a few KB) would
 * otherwise make memory grow with every block. Opening reads the segments' summaries and the {@code <p>_blocks} rows
 * after them only (at most one segment's), not every block row. Readers get an immutable {@link JournalView}. All state
 * here is the writer's: it changes under the store's writer lock, and only after the database committed.
 */
public final class Journal {
    /** The time of a row that has none (a log line written before the run). */
    public static final long NULL_TIME = Long.MIN_VALUE;

    private final JournalFormat format;
    /** Events: the dictionary contexts are shaped with; null for logs. */
    private final Shapes shapes;
    private final int per;
    private final SealedBlocks sealed;
    private int sealedCount;
    /** The palettes of the sealed blocks {@code segCount·per ..}: the segment being filled (a new array per segment). */
    private Palette[] openPalettes;
    private Tail tail;
    private BlockSummary tailSummary;
    private Palette tailPalette;
    private Segment[] segments = new Segment[16];
    private int segCount;
    private AppendStage stage;
    /** A segment a reopen rebuilt from block rows (a file written before segments were stored), to be stored. */
    private record Rebuilt(int segNo, Palette[] palettes) {
    }

    private final List<Rebuilt> rebuilt = new ArrayList<>();
    /** How many {@code <p>_blocks} rows the last {@link #load} read (tests: a reopen does not read every block). */
    private int blockRowsRead;

    public Journal(JournalFormat format, Shapes shapes) {
        this.format = format;
        this.shapes = shapes;
        this.per = format.segmentBlocks();
        this.sealed = new SealedBlocks(format.blockRows(), 64);
        this.openPalettes = new Palette[per];
        this.tail = new Tail(16, format.textFields());
    }

    public JournalFormat format() {
        return format;
    }

    public JournalView view() {
        long rows = (long) sealedCount * format.blockRows() + (tailSummary == null ? 0 : tailSummary.n());
        return new JournalView(format, sealed.frozen(), sealedCount, openPalettes, tailSummary, tailPalette, rows, segments, segCount,
                shapes == null ? null : shapes.view());
    }

    /** The highest stored id (0 when empty). */
    public long lastId() {
        return (long) sealedCount * format.blockRows() + tail.n;
    }

    /** {@code <p>_blocks} rows the last open read. */
    public int blockRowsRead() {
        return blockRowsRead;
    }

    /** Starts an append inside the open transaction of {@code db}. */
    public AppendStage begin(Db db) {
        stage = new AppendStage(this, db, tail.copy(), sealedCount, tailSummary, tailPalette, openPalettes, segCount);
        return stage;
    }

    /** A block sealed by the stage, beyond the published count: invisible until commit. */
    void stageSealed(int index, BlockSummary summary) {
        sealed.set(index, summary);
    }

    /** A complete segment of the stage: its summary from its blocks (staged already), its row written. */
    Segment sealSegment(Db db, int segNo, Palette[] palettes) throws SQLException {
        Segment s = Segment.of(palettes, sealed, segNo * per);
        SegmentRows.write(db, format, segNo, sealed, palettes, s);
        return s;
    }

    /** Publishes the staged append (call after the database commit succeeded). */
    public void commit() {
        if (stage == null) {
            return;
        }
        AppendStage st = stage;
        for (Segment s : st.newSegments) {
            addSegment(s);
        }
        tail = st.tail;
        sealedCount = st.sealedCount;
        tailSummary = tail.n == 0 ? null : st.tailSummary;
        tailPalette = tail.n == 0 ? null : st.tailPalette;
        openPalettes = st.openPalettes;
        stage = null;
    }

    private void addSegment(Segment s) {
        if (segCount == segments.length) {
            segments = Arrays.copyOf(segments, segCount * 2);
        }
        segments[segCount++] = s;
    }

    public void rollback() {
        stage = null;   // sealed slots beyond sealedCount are simply overwritten later
    }

    public void clear() {
        sealedCount = 0;
        segments = new Segment[16];
        segCount = 0;
        openPalettes = new Palette[per];
        tail = new Tail(16, format.textFields());
        tailSummary = null;
        tailPalette = null;
        stage = null;
        rebuilt.clear();
    }

    /**
     * Rebuilds the in-memory summaries and the writer's tail from the database: the stored segments' summaries, then
     * the block rows after them (no sealed block's rows are read). Block rows that complete segments not stored yet (a
     * file written before segments were) are summed into segments here and left for {@link #storeRebuilt}.
     */
    public void load(Db db) throws SQLException {
        clear();
        int[] expected = {0};
        SegmentRows.readAll(db, format, s -> {
            if (s.segNo() != expected[0] || s.blocks().length != per) {
                return false;       // not what this layout writes: the block rows from here on say what is stored
            }
            for (BlockSummary b : s.blocks()) {
                sealed.set(sealedCount++, b);
            }
            addSegment(Segment.of(s.kindCounts(), sealed, s.segNo() * per, per));
            expected[0]++;
            return true;
        });
        int blockRows = format.blockRows();
        List<BlockSummary> rest = new ArrayList<>();
        List<Palette> restPalettes = new ArrayList<>();
        PreparedStatement p = db.ps(format.sqlSummariesFrom);
        p.setInt(1, sealedCount);
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long tMin = rs.getLong(3);
                if (rs.wasNull()) {
                    tMin = NULL_TIME;
                }
                long tMax = rs.getLong(4);
                if (rs.wasNull()) {
                    tMax = NULL_TIME;
                }
                rest.add(new BlockSummary(rs.getInt(1), rs.getInt(2), tMin, tMax, rs.getInt(5), rs.getInt(6)));
                restPalettes.add(Palette.parse(rs.getString(7)));
            }
        }
        blockRowsRead = rest.size();
        for (int j = 0; j < rest.size(); j++) {
            BlockSummary bi = rest.get(j);
            int i = sealedCount;
            if (bi.blockNo() != i) {
                throw new StoreException("the " + format.prefix() + " history is damaged: block " + i + " is missing", null);
            }
            boolean last = j == rest.size() - 1;
            if (!last && bi.n() != blockRows) {
                throw new StoreException("the " + format.prefix() + " history is damaged: block " + i + " is partial", null);
            }
            if (last && bi.n() < blockRows) {
                tail = reloadTail(db, bi, restPalettes.get(j));
                tailSummary = bi;
                tailPalette = restPalettes.get(j);
            } else {
                sealed.set(i, bi);
                openPalettes[i - segCount * per] = restPalettes.get(j);
                sealedCount++;
                if (sealedCount == (segCount + 1) * per) {
                    addSegment(Segment.of(openPalettes, sealed, segCount * per));
                    rebuilt.add(new Rebuilt(segCount - 1, openPalettes));
                    openPalettes = new Palette[per];
                }
            }
        }
    }

    /** Whether the last {@link #load} rebuilt segments that are not stored yet. */
    public boolean hasRebuilt() {
        return !rebuilt.isEmpty();
    }

    /**
     * Stores the segments the last load rebuilt from block rows, inside the caller's write transaction, and forgets them
     * (if the transaction fails, the next open rebuilds them again).
     */
    public void storeRebuilt(Db db) throws SQLException {
        List<Rebuilt> todo = List.copyOf(rebuilt);
        rebuilt.clear();
        for (Rebuilt r : todo) {
            SegmentRows.write(db, format, r.segNo(), sealed, r.palettes(), segments[r.segNo()]);
        }
    }

    private Tail reloadTail(Db db, BlockSummary bi, Palette palette) throws SQLException {
        DecodedBlock b = BlockDecoder.decode(db, format, bi, palette, bi.n());
        Texts tx = BlockDecoder.readTexts(db, format, bi, bi.n(), shapes == null ? null : shapes.view());
        Tail t = new Tail(Math.max(16, bi.n()), format.textFields());
        for (int r = 0; r < bi.n(); r++) {
            int shape = tx instanceof ShapedTexts st ? st.shapeOfRow(r) : 0;
            t.add(b.times()[r], b.kinds()[r], tx.text(r, 0), format.textFields() > 1 ? tx.text(r, 1) : null, shape);
        }
        return t;
    }
}
