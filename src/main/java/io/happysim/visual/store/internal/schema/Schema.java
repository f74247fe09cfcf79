package io.happysim.visual.store.internal.schema;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables and views of the history file (the README's "Schema" table describes every column). The file holds the
 * {@code store_meta} settings, the catalog of runs ({@code runs}) and, per run, its own copy of the history tables
 * ({@link Tables}: {@code r<id>_names} …): events and logs are two block journals with the same three tables each
 * ({@code <prefix>_blocks}, {@code _text}, {@code _grams}); series are chunks of samples; names, shapes and kinds are
 * dictionaries.
 */
public final class Schema {
    /**
     * The layout this version reads. 4 added the stored summaries ({@code <journal>_segments}, {@code chunk_summaries}):
     * a file of version 3 is upgraded in place ({@link Upgrades}); one of another version is recreated empty (see
     * {@link OtherVersions}).
     */
    public static final int VERSION = 4;
    /** Table prefix of the event journal (within a run's prefix). */
    public static final String EVENTS = "event";
    /** Table prefix of the log journal (within a run's prefix). */
    public static final String LOGS = "log";

    private Schema() {
    }

    /** Creates the file-wide tables that are missing: the settings and the catalog of runs. */
    public static void createCatalog(Statement s) throws SQLException {
        s.executeUpdate("CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        // AUTOINCREMENT: a deleted run's id is never given to a new run (links and exports name runs by id)
        s.executeUpdate("CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, scenario TEXT NOT NULL, "
                + "title TEXT NOT NULL, seed INTEGER NOT NULL, params TEXT NOT NULL, params_changed TEXT NOT NULL, "
                + "started_at INTEGER NOT NULL, ended_at INTEGER, time_reached_s REAL NOT NULL DEFAULT 0, "
                + "events INTEGER NOT NULL DEFAULT 0, logs INTEGER NOT NULL DEFAULT 0, samples INTEGER NOT NULL DEFAULT 0, "
                + "bytes INTEGER NOT NULL DEFAULT 0, view TEXT NOT NULL, final_state TEXT, generation INTEGER NOT NULL DEFAULT 0)");
    }

    /** Creates the history tables and views of one run that are missing (an existing run's are left as they are). */
    public static void createRun(Statement s, Tables t) throws SQLException {
        for (String ddl : runDdl(t).split(";\n")) {
            if (!ddl.isBlank()) {
                s.executeUpdate(ddl);
            }
        }
    }

    static String runDdl(Tables t) {
        return "CREATE TABLE IF NOT EXISTS " + t.names() + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
                + "CREATE TABLE IF NOT EXISTS " + t.shapes() + " (id INTEGER PRIMARY KEY, shape TEXT NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + t.eventKinds() + " (id INTEGER PRIMARY KEY, type_id INTEGER NOT NULL, "
                + "target_id INTEGER NOT NULL, source_id INTEGER, internal INTEGER NOT NULL, shape_id INTEGER);\n"
                + "CREATE TABLE IF NOT EXISTS " + t.logKinds() + " (id INTEGER PRIMARY KEY, level INTEGER NOT NULL, logger_id INTEGER NOT NULL);\n"
                + journal(t.journal(EVENTS)) + journal(t.journal(LOGS)) + series(t)
                + "CREATE VIEW IF NOT EXISTS " + t.name("event_kinds_v") + " AS SELECT k.id AS kind, t.name AS event_type, g.name AS target_name, "
                + "s.name AS source_name, k.internal AS is_internal, CASE k.shape_id WHEN 1 THEN '(verbatim)' ELSE h.shape END AS context_shape "
                + "FROM " + t.eventKinds() + " k JOIN " + t.names() + " t ON t.id = k.type_id "
                + "JOIN " + t.names() + " g ON g.id = k.target_id LEFT JOIN " + t.names() + " s ON s.id = k.source_id "
                + "LEFT JOIN " + t.shapes() + " h ON h.id = k.shape_id;\n"
                + "CREATE VIEW IF NOT EXISTS " + t.name("log_kinds_v") + " AS SELECT k.id AS kind, CASE k.level WHEN 0 THEN 'DEBUG' WHEN 1 THEN 'INFO' "
                + "WHEN 2 THEN 'WARNING' WHEN 3 THEN 'ERROR' ELSE 'CRITICAL' END AS level, l.name AS logger_name "
                + "FROM " + t.logKinds() + " k JOIN " + t.names() + " l ON l.id = k.logger_id;\n"
                + "CREATE VIEW IF NOT EXISTS " + t.name("event_counts_v") + " AS SELECT b.block_no, b.first_id, b.t_min / 1e9 AS time_min_s, "
                + "b.t_max / 1e9 AS time_max_s, json_extract(p.value, '$[0]') AS kind, json_extract(p.value, '$[1]') AS rows "
                + "FROM " + t.journal(EVENTS) + "_blocks b, json_each(b.palette) p;\n";
    }

    private static String journal(String p) {
        return "CREATE TABLE IF NOT EXISTS " + p + "_blocks (block_no INTEGER PRIMARY KEY, first_id INTEGER NOT NULL, n INTEGER NOT NULL, "
                + "t_min INTEGER, t_max INTEGER, nulls INTEGER NOT NULL, flags INTEGER NOT NULL, palette TEXT NOT NULL, cols BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_text (block_no INTEGER PRIMARY KEY, offsets BLOB NOT NULL, text BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_grams (block_no INTEGER PRIMARY KEY, grams BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_segments (seg_no INTEGER PRIMARY KEY, summary BLOB NOT NULL, palettes BLOB NOT NULL);\n";
    }

    private static String series(Tables t) {
        return "CREATE TABLE IF NOT EXISTS " + t.series() + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, base_id INTEGER, "
                + "transform TEXT, window_s REAL, open_idx INTEGER, open_from INTEGER);\n"
                + "CREATE TABLE IF NOT EXISTS " + t.sampleChunks() + " (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, chunk_no INTEGER NOT NULL, "
                + "n INTEGER NOT NULL, t_first INTEGER NOT NULL, t_last INTEGER NOT NULL, v_first REAL, v_last REAL, "
                + "v_min REAL, t_at_min INTEGER NOT NULL, i_min INTEGER NOT NULL, v_max REAL, t_at_max INTEGER NOT NULL, i_max INTEGER NOT NULL, data BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + t.chunkSummaries() + " (id INTEGER PRIMARY KEY, data BLOB NOT NULL);\n";
    }
}
