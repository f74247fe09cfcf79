package io.happysim.visual.store.internal.schema;

import io.happysim.visual.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code store_meta} settings: the schema version, the generation (bumped by every clear, so that readers of an
 * older snapshot notice) and the block and chunk sizes the file was created with, which outrank those asked for.
 */
public final class StoreMeta {
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String GENERATION = "generation";
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
        insertIfMissing(s, GENERATION, 0);
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

    private static void insertIfMissing(Statement s, String key, long value) throws SQLException {
        s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('" + key + "', '" + value + "')");
    }

    /** The stored generation (0 for a file that has none yet). */
    public static long generation(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM store_meta WHERE key = '" + GENERATION + "'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    public static void setGeneration(Connection c, long generation) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE store_meta SET value = ? WHERE key = '" + GENERATION + "'")) {
            p.setString(1, Long.toString(generation));
            p.executeUpdate();
        }
    }
}
