package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.internal.dictionary.Shapes;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * <p>Every block's {@link BlockSummary} is also kept in memory, and every {@link JournalFormat#segmentBlocks()} sealed
 * blocks are summed into a {@link Segment}; readers get them as an immutable {@link JournalView}. All state here is
 * the writer's: it changes under the store's writer lock, and only after the database committed.
 */
public final class Journal {
    /** The time of a row that has none (a log line written before the run). */
    public static final long NULL_TIME = Long.MIN_VALUE;

    private final JournalFormat format;
    /** Events: the dictionary contexts are shaped with; null for logs. */
    private final Shapes shapes;
    private BlockSummary[] sealed = new BlockSummary[64];
    private int sealedCount;
    private Tail tail;
    private BlockSummary tailSummary;
    private Segment[] segments = new Segment[16];
    private int segCount;
    private AppendStage stage;

    public Journal(JournalFormat format, Shapes shapes) {
        this.format = format;
        this.shapes = shapes;
        this.tail = new Tail(16, format.textFields());
    }

    public JournalFormat format() {
        return format;
    }

    public JournalView view() {
        long rows = (long) sealedCount * format.blockRows() + (tailSummary == null ? 0 : tailSummary.n());
        return new JournalView(format, sealed, sealedCount, tailSummary, rows, segments, segCount, shapes == null ? null : shapes.view());
    }

    /** The highest stored id (0 when empty). */
    public long lastId() {
        return (long) sealedCount * format.blockRows() + tail.n;
    }

    /** Starts an append inside the open transaction of {@code db}. */
    public AppendStage begin(Db db) {
        stage = new AppendStage(this, db, tail.copy(), sealedCount, tailSummary);
        return stage;
    }

    /** A block sealed by the stage, beyond the published count: invisible until commit. */
    void stageSealed(int index, BlockSummary summary) {
        if (index == sealed.length) {
            sealed = Arrays.copyOf(sealed, sealed.length * 2);
        }
        sealed[index] = summary;
    }

    /** Publishes the staged append (call after the database commit succeeded). */
    public void commit() {
        if (stage == null) {
            return;
        }
        tail = stage.tail;
        sealedCount = stage.sealedCount;
        tailSummary = tail.n == 0 ? null : stage.tailSummary;
        stage = null;
        buildSegments();
    }

    public void rollback() {
        stage = null;   // sealed slots beyond sealedCount are simply overwritten later
    }

    public void clear() {
        sealed = new BlockSummary[64];
        sealedCount = 0;
        segments = new Segment[16];
        segCount = 0;
        tail = new Tail(16, format.textFields());
        tailSummary = null;
        stage = null;
    }

    private void buildSegments() {
        int per = format.segmentBlocks();
        while ((segCount + 1) * per <= sealedCount) {
            if (segCount == segments.length) {
                segments = Arrays.copyOf(segments, segCount * 2);
            }
            segments[segCount] = Segment.of(sealed, segCount * per, per);
            segCount++;
        }
    }

    /** Rebuilds the in-memory summaries and the writer's tail from the database (no sealed block's rows are read). */
    public void load(Db db) throws SQLException {
        clear();
        List<BlockSummary> summaries = new ArrayList<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(format.sqlSummaries)) {
            while (rs.next()) {
                long tMin = rs.getLong(3);
                if (rs.wasNull()) {
                    tMin = NULL_TIME;
                }
                long tMax = rs.getLong(4);
                if (rs.wasNull()) {
                    tMax = NULL_TIME;
                }
                Palette palette = Palette.parse(rs.getString(7));
                summaries.add(new BlockSummary(rs.getInt(1), rs.getInt(2), tMin, tMax, rs.getInt(5), rs.getInt(6),
                        palette.kinds(), palette.counts()));
            }
        }
        int blockRows = format.blockRows();
        for (int i = 0; i < summaries.size(); i++) {
            BlockSummary bi = summaries.get(i);
            if (bi.blockNo() != i) {
                throw new StoreException("the " + format.prefix() + " history is damaged: block " + i + " is missing", null);
            }
            boolean last = i == summaries.size() - 1;
            if (!last && bi.n() != blockRows) {
                throw new StoreException("the " + format.prefix() + " history is damaged: block " + i + " is partial", null);
            }
            if (last && bi.n() < blockRows) {
                tail = reloadTail(db, bi);
                tailSummary = bi;
            } else {
                stageSealed(sealedCount, bi);
                sealedCount++;
            }
        }
        buildSegments();
    }

    private Tail reloadTail(Db db, BlockSummary bi) throws SQLException {
        DecodedBlock b = BlockDecoder.decode(db, format, bi, bi.n());
        Texts tx = BlockDecoder.readTexts(db, format, bi, bi.n(), shapes == null ? null : shapes.view());
        Tail t = new Tail(Math.max(16, bi.n()), format.textFields());
        for (int r = 0; r < bi.n(); r++) {
            int shape = tx instanceof ShapedTexts st ? st.shapeOfRow(r) : 0;
            t.add(b.times()[r], b.kinds()[r], tx.text(r, 0), format.textFields() > 1 ? tx.text(r, 1) : null, shape);
        }
        return t;
    }
}
