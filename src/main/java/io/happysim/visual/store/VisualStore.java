package io.happysim.visual.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The debugger's history database: every event, log line and sample of a run, in SQLite.
 *
 * <p>Plain JDBC over a {@link DataSource}, so the same class runs inside Liberty (container-managed
 * pool) and in unit tests (a bare {@code org.sqlite.SQLiteDataSource} on a temporary file).
 */
public final class VisualStore {
    private final DataSource dataSource;

    public VisualStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The journal mode the database actually runs in ("wal" when configured right), read from SQLite itself. */
    public String journalMode() {
        return queryString("PRAGMA journal_mode").toLowerCase(Locale.ROOT);
    }

    /** The absolute path of the main database file, as SQLite reports it. */
    public String databasePath() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    return rs.getString("file");
                }
            }
            return "";
        } catch (SQLException e) {
            throw new StoreException("cannot read the database path", e);
        }
    }

    private String queryString(String sql) {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            throw new StoreException("query failed: " + sql, e);
        }
    }
}
