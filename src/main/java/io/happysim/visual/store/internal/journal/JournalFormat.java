package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.schema.Schema;
import io.happysim.visual.store.internal.schema.Tables;

/**
 * How one journal is laid out in the file: its table prefix (within its run's), rows per block (fixed when the file was created), text
 * fields per row and which of them are searchable, and whether texts are shaped (event contexts: shape + digit runs)
 * or plain UTF-8 (log lines). Also the SQL that reads and writes its three tables. Immutable.
 */
public final class JournalFormat {
    /** Sealed blocks per segment for 4096-row blocks; smaller with the small blocks tests use. */
    static final int MAX_SEGMENT_BLOCKS = 64;

    private final String prefix;
    private final int blockRows;
    private final int segmentBlocks;
    private final int textFields;
    private final boolean[] searchable;
    private final boolean shaped;
    final String sqlCols;
    final String sqlText;
    final String sqlTextRange;
    final String sqlGramsRange;
    final String sqlInsertBlock;
    final String sqlInsertText;
    final String sqlInsertGrams;
    final String sqlSummariesFrom;
    final String sqlInsertSegment;
    final String sqlSegmentSummaries;
    final String sqlSegmentPalettes;

    private JournalFormat(String prefix, int blockRows, int textFields, boolean[] searchable, boolean shaped) {
        this.prefix = prefix;
        this.blockRows = blockRows;
        this.segmentBlocks = Math.max(2, Math.min(MAX_SEGMENT_BLOCKS, blockRows / 16));
        this.textFields = textFields;
        this.searchable = searchable;
        this.shaped = shaped;
        this.sqlCols = "SELECT cols FROM " + prefix + "_blocks WHERE block_no = ?";
        this.sqlText = "SELECT offsets, text FROM " + prefix + "_text WHERE block_no = ?";
        this.sqlTextRange = "SELECT block_no, offsets, text FROM " + prefix + "_text WHERE block_no >= ? AND block_no <= ? ORDER BY block_no";
        this.sqlGramsRange = "SELECT block_no, grams FROM " + prefix + "_grams WHERE block_no >= ? AND block_no <= ? ORDER BY block_no";
        this.sqlInsertBlock = "INSERT OR REPLACE INTO " + prefix + "_blocks(block_no, first_id, n, t_min, t_max, nulls, flags, palette, cols) "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
        this.sqlInsertText = "INSERT OR REPLACE INTO " + prefix + "_text(block_no, offsets, text) VALUES (?,?,?)";
        this.sqlInsertGrams = "INSERT OR REPLACE INTO " + prefix + "_grams(block_no, grams) VALUES (?,?)";
        this.sqlSummariesFrom = "SELECT block_no, n, t_min, t_max, nulls, flags, palette FROM " + prefix + "_blocks WHERE block_no >= ? "
                + "ORDER BY block_no";
        this.sqlInsertSegment = "INSERT OR REPLACE INTO " + prefix + "_segments(seg_no, summary, palettes) VALUES (?,?,?)";
        this.sqlSegmentSummaries = "SELECT seg_no, summary FROM " + prefix + "_segments ORDER BY seg_no";
        this.sqlSegmentPalettes = "SELECT palettes FROM " + prefix + "_segments WHERE seg_no = ?";
    }

    /** A run's events: one text per row (the context), shaped and searchable. */
    public static JournalFormat events(Tables run, int blockRows) {
        return new JournalFormat(run.journal(Schema.EVENTS), blockRows, 1, new boolean[] {true}, true);
    }

    /** A run's logs: two texts per row, the wall time (not searched) and the message (searched). */
    public static JournalFormat logs(Tables run, int blockRows) {
        return new JournalFormat(run.journal(Schema.LOGS), blockRows, 2, new boolean[] {false, true}, false);
    }

    public String prefix() {
        return prefix;
    }

    public int blockRows() {
        return blockRows;
    }

    /** Sealed blocks summed into one {@link Segment}. */
    public int segmentBlocks() {
        return segmentBlocks;
    }

    public int textFields() {
        return textFields;
    }

    public boolean searchable(int field) {
        return searchable[field];
    }

    public boolean shaped() {
        return shaped;
    }

    /** The id of a block's first row (ids are 1-based and gap-free). */
    public long firstId(int blockNo) {
        return (long) blockNo * blockRows + 1;
    }
}
