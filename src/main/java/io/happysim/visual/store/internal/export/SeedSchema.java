package io.happysim.visual.store.internal.export;

import java.util.List;

/**
 * The seed design's row schema ({@code sqlite-backed-storage-design.md}): one row per event, log line and sample, with
 * its five indexes, as {@code sqlite3}, pandas and DuckDB read it; plus {@code run_info} (key, value), what the run was.
 * A sample's {@code value} may be NULL: SQLite stores a NaN sample as NULL, so the seed's NOT NULL is left out there.
 * Statements are for a database attached as {@value #SCHEMA}.
 */
final class SeedSchema {
    static final String SCHEMA = "export";

    static final List<String> TABLES = List.of(
            "CREATE TABLE export.events (event_id INTEGER PRIMARY KEY, time_s REAL NOT NULL, event_type TEXT NOT NULL, "
                    + "target_name TEXT NOT NULL, source_name TEXT, is_internal INTEGER NOT NULL DEFAULT 0, context TEXT)",
            "CREATE TABLE export.logs (log_id INTEGER PRIMARY KEY AUTOINCREMENT, time_s REAL, wall_time TEXT NOT NULL, "
                    + "level TEXT NOT NULL, logger_name TEXT NOT NULL, message TEXT NOT NULL)",
            "CREATE TABLE export.timeseries (id INTEGER PRIMARY KEY AUTOINCREMENT, series_name TEXT NOT NULL, time_s REAL NOT NULL, "
                    + "value REAL)",
            "CREATE TABLE export.run_info (key TEXT PRIMARY KEY, value TEXT)");

    /** Built after the rows are in: one sort per index instead of a B-tree update per row. */
    static final List<String> INDEXES = List.of(
            "CREATE INDEX export.idx_events_time ON events (time_s)",
            "CREATE INDEX export.idx_events_type ON events (event_type)",
            "CREATE INDEX export.idx_logs_time ON logs (time_s)",
            "CREATE INDEX export.idx_logs_level ON logs (level)",
            "CREATE INDEX export.idx_ts_series_time ON timeseries (series_name, time_s)");

    static final String INSERT_EVENT = "INSERT INTO export.events(event_id, time_s, event_type, target_name, source_name, is_internal, "
            + "context) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_LOG = "INSERT INTO export.logs(log_id, time_s, wall_time, level, logger_name, message) VALUES (?, ?, ?, ?, ?, ?)";
    static final String INSERT_SAMPLE = "INSERT INTO export.timeseries(series_name, time_s, value) VALUES (?, ?, ?)";
    static final String INSERT_INFO = "INSERT INTO export.run_info(key, value) VALUES (?, ?)";

    private SeedSchema() {
    }
}
