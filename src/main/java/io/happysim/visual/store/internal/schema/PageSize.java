package io.happysim.visual.store.internal.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A new, empty database gets 16 KiB pages (blobs of a 4096-row block then span 3× fewer overflow pages, which makes
 * block reads about 3× faster). The container's connections are in WAL mode, which fixes the page size, so this
 * leaves WAL, sets the size, VACUUMs the empty file and returns to WAL. Best effort: if another connection holds
 * the file, the database keeps its page size.
 */
public final class PageSize {
    static final int PREFERRED = 16384;

    private PageSize() {
    }

    public static void preferLargePages(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int tables;
            int pageSize;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                tables = rs.next() ? rs.getInt(1) : 1;
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                pageSize = rs.next() ? rs.getInt(1) : 0;
            }
            if (tables > 0 || pageSize >= PREFERRED) {
                return;
            }
            try {
                s.execute("PRAGMA journal_mode=DELETE");
                s.execute("PRAGMA page_size=" + PREFERRED);
                s.execute("VACUUM");
            } catch (SQLException ignored) {
                // keep the page size we have
            } finally {
                s.execute("PRAGMA journal_mode=WAL");
            }
        } catch (SQLException ignored) {
            // the schema step that follows reports a database that cannot be used
        }
    }
}
