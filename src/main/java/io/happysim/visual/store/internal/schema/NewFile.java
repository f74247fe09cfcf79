package io.happysim.visual.store.internal.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What a new, empty database gets before its first table: 16 KiB pages (blobs of a 4096-row block then span 3× fewer
 * overflow pages, which makes block reads about 3× faster) and incremental auto-vacuum (a deleted run's pages can then
 * be given back to the file system, {@code PRAGMA incremental_vacuum}, instead of only being reused). Both can only be
 * chosen while the file is empty. The container's connections are in WAL mode, which fixes the page size, so this
 * leaves WAL, sets both, VACUUMs the empty file and returns to WAL. Best effort: if another connection holds the file,
 * the database keeps what it has (a file without auto-vacuum reuses a deleted run's pages for the next runs).
 */
public final class NewFile {
    static final int PREFERRED_PAGE_SIZE = 16384;
    /** {@code PRAGMA auto_vacuum} of an incremental file. */
    public static final int INCREMENTAL = 2;

    private NewFile() {
    }

    public static void prepare(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int tables;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                tables = rs.next() ? rs.getInt(1) : 1;
            }
            if (tables > 0 || (pragma(s, "page_size") >= PREFERRED_PAGE_SIZE && pragma(s, "auto_vacuum") == INCREMENTAL)) {
                return;
            }
            try {
                s.execute("PRAGMA journal_mode=DELETE");
                s.execute("PRAGMA page_size=" + PREFERRED_PAGE_SIZE);
                s.execute("PRAGMA auto_vacuum=INCREMENTAL");
                s.execute("VACUUM");
            } catch (SQLException ignored) {
                // keep the page size and vacuum mode we have
            } finally {
                s.execute("PRAGMA journal_mode=WAL");
            }
        } catch (SQLException ignored) {
            // the schema step that follows reports a database that cannot be used
        }
    }

    /** An integer pragma of the connection's main database. */
    public static int pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
