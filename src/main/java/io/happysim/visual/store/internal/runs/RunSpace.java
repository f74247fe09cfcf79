package io.happysim.visual.store.internal.runs;

import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.NewFile;
import io.happysim.visual.store.internal.schema.Tables;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The space runs take in the file: a run's size (the pages of its tables and their indexes, from SQLite's
 * {@code dbstat}), dropping a run's tables, giving free pages back to the file system ({@code incremental_vacuum}, in
 * steps) and finding the tables of runs the catalog no longer lists.
 */
public final class RunSpace {
    /** The file as a whole: pages in use, free pages, and whether free pages can be given back. */
    public record Usage(long pageSize, long pages, long freePages, boolean incrementalVacuum) {
        public long usedBytes() {
            return (pages - freePages) * pageSize;
        }

        public long freeBytes() {
            return freePages * pageSize;
        }
    }

    private RunSpace() {
    }

    /** Bytes of the pages a run's tables and their indexes take (every page is read once: seconds for a big run). */
    public static long bytes(Db db, Tables run) throws SQLException {
        List<String> objects = new ArrayList<>();
        PreparedStatement list = db.ps("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND tbl_name = ?");
        for (String table : run.dataTables()) {
            list.setString(1, table);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    objects.add(rs.getString(1));
                }
            }
        }
        long bytes = 0;
        PreparedStatement size = db.ps("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ? AND aggregate = TRUE");
        for (String object : objects) {
            size.setString(1, object);
            try (ResultSet rs = size.executeQuery()) {
                bytes += rs.next() ? rs.getLong(1) : 0;
            }
        }
        return bytes;
    }

    /** Drops a run's views and tables inside the open transaction (their pages go to the free list). */
    public static void drop(Db db, Tables run) throws SQLException {
        try (Statement s = db.connection().createStatement()) {
            for (String view : run.views()) {
                s.executeUpdate("DROP VIEW IF EXISTS " + view);
            }
            for (String table : run.dataTables()) {
                s.executeUpdate("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    /**
     * Gives at most {@code pages} free pages back to the file system (a file made without incremental auto-vacuum
     * keeps them for its next runs); answers the free pages left.
     */
    public static long vacuumStep(Db db, int pages) throws SQLException {
        try (Statement s = db.connection().createStatement()) {
            if (NewFile.pragma(s, "auto_vacuum") == NewFile.INCREMENTAL) {
                s.executeUpdate("PRAGMA incremental_vacuum(" + pages + ")");   // executeUpdate runs it to its end
            }
            return NewFile.pragma(s, "freelist_count");
        }
    }

    public static Usage usage(Db db) throws SQLException {
        try (Statement s = db.connection().createStatement()) {
            return new Usage(NewFile.pragma(s, "page_size"), NewFile.pragma(s, "page_count"), NewFile.pragma(s, "freelist_count"),
                    NewFile.pragma(s, "auto_vacuum") == NewFile.INCREMENTAL);
        }
    }

    /** Runs whose tables are in the file but whose row is not in the catalog (a deletion the server did not finish). */
    public static Set<Long> orphans(Db db, Set<Long> listed) throws SQLException {
        Set<Long> out = new TreeSet<>();
        try (ResultSet rs = db.ps("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").executeQuery()) {
            while (rs.next()) {
                long run = Tables.runOf(rs.getString(1));
                if (run > 0 && !listed.contains(run)) {
                    out.add(run);
                }
            }
        }
        return out;
    }
}
