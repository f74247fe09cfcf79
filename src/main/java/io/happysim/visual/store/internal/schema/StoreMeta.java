package io.happysim.visual.store.internal.schema;

import io.happysim.visual.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code store_meta} settings: the schema version and the block and chunk sizes the file was created with, which
 * outrank those asked for (every run of a file has the same block sizes). A run's generation (bumped by every clear,
 * so that readers of an older snapshot notice) is in its row of {@code runs}.
 */
public final class StoreMeta {
    public static final String SCHEMA_VERSION = "schema_version";
    static final String EVENT_BLOCK = "event_block";
    static final String LOG_BLOCK = "log_block";
    static final String SAMPLE_CHUNK = "sample_chunk";

    /** Rows per block of each journal, as the file holds them. */
    public record Layout(int eventBlockRows, int logBlockRows) {
    }

    private StoreMeta() {
    }

    /**
     * Writes the settings a new file lacks (an existing file keeps its own) and answers the block sizes in force.
     *
     * @param requested the block sizes for a new file
     * @param chunkSamples the sample chunk size of this version: a file made with another one cannot be read
     */
    public static Layout settle(Statement s, Layout requested, int chunkSamples) throws SQLException {
        insertIfMissing(s, SCHEMA_VERSION, Schema.VERSION);
        insertIfMissing(s, EVENT_BLOCK, requested.eventBlockRows());
        insertIfMissing(s, LOG_BLOCK, requested.logBlockRows());
        insertIfMissing(s, SAMPLE_CHUNK, chunkSamples);
        int eventBlock = requested.eventBlockRows();
        int logBlock = requested.logBlockRows();
        try (ResultSet rs = s.executeQuery("SELECT key, value FROM store_meta WHERE key IN ('" + EVENT_BLOCK + "', '" + LOG_BLOCK
                + "', '" + SAMPLE_CHUNK + "')")) {
            while (rs.next()) {
                int v = Integer.parseInt(rs.getString(2));
                switch (rs.getString(1)) {
                    case EVENT_BLOCK -> eventBlock = v;
                    case LOG_BLOCK -> logBlock = v;
                    default -> {
                        if (v != chunkSamples) {
                            throw new StoreException("the database uses sample chunks of " + v + ", this version " + chunkSamples, null);
                        }
                    }
                }
            }
        }
        return new Layout(eventBlock, logBlock);
    }

    /** The block sizes the file holds (a file without them: {@code fallback}), read without writing anything. */
    public static Layout layout(Statement s, Layout fallback) throws SQLException {
        int eventBlock = fallback.eventBlockRows();
        int logBlock = fallback.logBlockRows();
        try (ResultSet rs = s.executeQuery("SELECT key, value FROM store_meta WHERE key IN ('" + EVENT_BLOCK + "', '" + LOG_BLOCK + "')")) {
            while (rs.next()) {
                int v = Integer.parseInt(rs.getString(2));
                if (EVENT_BLOCK.equals(rs.getString(1))) {
                    eventBlock = v;
                } else {
                    logBlock = v;
                }
            }
        }
        return new Layout(eventBlock, logBlock);
    }

    private static void insertIfMissing(Statement s, String key, long value) throws SQLException {
        s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('" + key + "', '" + value + "')");
    }
}
