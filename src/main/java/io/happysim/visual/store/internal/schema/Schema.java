package io.happysim.visual.store.internal.schema;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables and views of the history file (the README's "Schema" table describes every column). Events and logs are
 * two block journals with the same three tables each ({@code <prefix>_blocks}, {@code _text}, {@code _grams});
 * series are chunks of samples; names, shapes and kinds are dictionaries.
 */
public final class Schema {
    /** The layout this version reads; a file written with another one is recreated empty (see {@link OtherVersions}). */
    public static final int VERSION = 2;
    /** Table prefix of the event journal. */
    public static final String EVENTS = "event";
    /** Table prefix of the log journal. */
    public static final String LOGS = "log";

    /** Every table that holds history; {@code clear()} empties them all in one transaction. */
    public static final List<String> DATA_TABLES = List.of("names", "shapes", "event_kinds", "log_kinds", "event_blocks",
            "event_text", "event_grams", "log_blocks", "log_text", "log_grams", "series", "sample_chunks");

    private Schema() {
    }

    /** Creates whatever is missing (an existing file of this version is left as it is). */
    public static void create(Statement s) throws SQLException {
        for (String ddl : ddl().split(";\n")) {
            if (!ddl.isBlank()) {
                s.executeUpdate(ddl);
            }
        }
    }

    static String ddl() {
        return "CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
                + "CREATE TABLE IF NOT EXISTS event_kinds (id INTEGER PRIMARY KEY, type_id INTEGER NOT NULL, target_id INTEGER NOT NULL, "
                + "source_id INTEGER, internal INTEGER NOT NULL, shape_id INTEGER);\n"
                + "CREATE TABLE IF NOT EXISTS shapes (id INTEGER PRIMARY KEY, shape TEXT NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS log_kinds (id INTEGER PRIMARY KEY, level INTEGER NOT NULL, logger_id INTEGER NOT NULL);\n"
                + journal(EVENTS) + journal(LOGS) + series()
                + "CREATE VIEW IF NOT EXISTS event_kinds_v AS SELECT k.id AS kind, t.name AS event_type, g.name AS target_name, "
                + "s.name AS source_name, k.internal AS is_internal, CASE k.shape_id WHEN 1 THEN '(verbatim)' ELSE h.shape END AS context_shape "
                + "FROM event_kinds k JOIN names t ON t.id = k.type_id "
                + "JOIN names g ON g.id = k.target_id LEFT JOIN names s ON s.id = k.source_id LEFT JOIN shapes h ON h.id = k.shape_id;\n"
                + "CREATE VIEW IF NOT EXISTS log_kinds_v AS SELECT k.id AS kind, CASE k.level WHEN 0 THEN 'DEBUG' WHEN 1 THEN 'INFO' "
                + "WHEN 2 THEN 'WARNING' WHEN 3 THEN 'ERROR' ELSE 'CRITICAL' END AS level, l.name AS logger_name "
                + "FROM log_kinds k JOIN names l ON l.id = k.logger_id;\n"
                + "CREATE VIEW IF NOT EXISTS event_counts_v AS SELECT b.block_no, b.first_id, b.t_min / 1e9 AS time_min_s, "
                + "b.t_max / 1e9 AS time_max_s, json_extract(p.value, '$[0]') AS kind, json_extract(p.value, '$[1]') AS rows "
                + "FROM event_blocks b, json_each(b.palette) p;\n";
    }

    private static String journal(String p) {
        return "CREATE TABLE IF NOT EXISTS " + p + "_blocks (block_no INTEGER PRIMARY KEY, first_id INTEGER NOT NULL, n INTEGER NOT NULL, "
                + "t_min INTEGER, t_max INTEGER, nulls INTEGER NOT NULL, flags INTEGER NOT NULL, palette TEXT NOT NULL, cols BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_text (block_no INTEGER PRIMARY KEY, offsets BLOB NOT NULL, text BLOB NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + p + "_grams (block_no INTEGER PRIMARY KEY, grams BLOB NOT NULL);\n";
    }

    private static String series() {
        return "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, base_id INTEGER, "
                + "transform TEXT, window_s REAL, open_idx INTEGER, open_from INTEGER);\n"
                + "CREATE TABLE IF NOT EXISTS sample_chunks (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, chunk_no INTEGER NOT NULL, "
                + "n INTEGER NOT NULL, t_first INTEGER NOT NULL, t_last INTEGER NOT NULL, v_first REAL, v_last REAL, "
                + "v_min REAL, t_at_min INTEGER NOT NULL, i_min INTEGER NOT NULL, v_max REAL, t_at_max INTEGER NOT NULL, i_max INTEGER NOT NULL, data BLOB NOT NULL);\n";
    }
}
