package io.happysim.visual.store.internal.schema;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table names of one run. Every run has its own copy of the history tables, named {@code r<id>_<table>}
 * ({@code r7_event_blocks}, {@code r7_names} …), so a run is written, read and dropped without touching another one and
 * the store's SQL stays as it was for a single history. Names are built from the run's integer id only: nothing a
 * user typed ever becomes part of an SQL text. Immutable.
 */
public final class Tables {
    /** The tables of a run, in the order they are created (the dictionaries first). */
    static final List<String> DATA_TABLES = List.of("names", "shapes", "event_kinds", "log_kinds", "event_blocks",
            "event_text", "event_grams", "event_segments", "log_blocks", "log_text", "log_grams", "log_segments", "series",
            "sample_chunks", "chunk_summaries");
    /** The views of a run (see {@link Schema}). */
    static final List<String> VIEWS = List.of("event_kinds_v", "log_kinds_v", "event_counts_v");
    private static final Pattern RUN_TABLE = Pattern.compile("r([1-9][0-9]{0,17})_[a-z_]+");

    private final long runId;
    private final String prefix;

    private Tables(long runId) {
        this.runId = runId;
        this.prefix = "r" + runId + "_";
    }

    public static Tables of(long runId) {
        if (runId < 1) {
            throw new IllegalArgumentException("run ids start at 1 (got " + runId + ")");
        }
        return new Tables(runId);
    }

    /** The run an object of the schema belongs to ({@code r7_event_blocks} → 7), or -1 when it is no run's. */
    public static long runOf(String objectName) {
        Matcher m = RUN_TABLE.matcher(objectName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public long runId() {
        return runId;
    }

    /** {@code r<id>_}. */
    public String prefix() {
        return prefix;
    }

    /** This run's copy of {@code table} (one of the history tables or views). */
    public String name(String table) {
        return prefix + table;
    }

    public String names() {
        return name("names");
    }

    public String shapes() {
        return name("shapes");
    }

    public String eventKinds() {
        return name("event_kinds");
    }

    public String logKinds() {
        return name("log_kinds");
    }

    public String series() {
        return name("series");
    }

    public String sampleChunks() {
        return name("sample_chunks");
    }

    /** The packed summaries of the sealed sample chunks, a group of chunks per row (schema 4). */
    public String chunkSummaries() {
        return name("chunk_summaries");
    }

    /** The prefix of one of this run's block journals ({@code r7_event}, {@code r7_log}). */
    public String journal(String journalPrefix) {
        return prefix + journalPrefix;
    }

    /** Every history table of this run. */
    public List<String> dataTables() {
        return DATA_TABLES.stream().map(this::name).toList();
    }

    /** Every view of this run. */
    public List<String> views() {
        return VIEWS.stream().map(this::name).toList();
    }

    @Override
    public String toString() {
        return "run " + runId;
    }
}
