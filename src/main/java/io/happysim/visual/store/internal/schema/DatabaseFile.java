package io.happysim.visual.store.internal.schema;

import io.happysim.visual.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** What SQLite itself says about the file: its journal mode, its path and its size on disk. */
public final class DatabaseFile {
    private final DataSource dataSource;

    public DatabaseFile(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The journal mode the database actually runs in ("wal" when configured right). */
    public String journalMode() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            return (rs.next() ? rs.getString(1) : "").toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new StoreException("query failed: PRAGMA journal_mode", e);
        }
    }

    /** The absolute path of the main database file ("" for an in-memory database). */
    public String path() {
        try (Connection c = dataSource.getConnection()) {
            return mainFile(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the database path", e);
        }
    }

    /** The main file and its WAL, in bytes (0 for what does not exist). */
    public Sizes sizes() {
        String path = path();
        long main = 0;
        long wal = 0;
        if (!path.isEmpty()) {
            try {
                main = Files.size(Path.of(path));
            } catch (Exception ignored) {
                // in-memory or gone
            }
            try {
                wal = Files.size(Path.of(path + "-wal"));
            } catch (Exception ignored) {
                // no WAL right now
            }
        }
        return new Sizes(main, wal);
    }

    /** Bytes of the main file and of its write-ahead log. */
    public record Sizes(long main, long wal) {
    }

    /** The path for a message: "" when it cannot be read. */
    static String pathQuietly(Connection c) {
        try {
            return mainFile(c);
        } catch (SQLException ignored) {
            return "";      // only for the message
        }
    }

    private static String mainFile(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    return rs.getString("file");
                }
            }
            return "";
        }
    }
}
