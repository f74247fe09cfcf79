package io.happysim.visual.store.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection borrowed for one store operation, with its prepared statements cached for the operation's
 * duration. Reads run inside one (deferred) read transaction so every statement of a query sees the same
 * database snapshot; {@link #close()} ends the transaction and restores autocommit before returning the
 * connection to the pool.
 */
public final class Db implements AutoCloseable {
    /**
     * The most of the file a connection reads by memory mapping for a long scan (SQLite's own limit in sqlite-jdbc: 1 TiB;
     * it maps what the file has).
     */
    private static final long SCAN_MAP_BYTES = 1L << 40;

    /** {@link #generation} of a run that is not in the catalog. */
    public static final long NO_RUN = -1;
    private static final String SQL_GENERATION = "SELECT generation FROM runs WHERE id = ?";
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** Borrows a connection and opens a transaction on it (reads and writes alike). */
    public Db(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    public Connection connection() {
        return connection;
    }

    public PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    /**
     * Lets this connection read the file by memory mapping (SQLite's {@code mmap_size}) before it reads a large part of
     * it in one pass (every block's texts for a first-time search): pages are then read without a system call and a copy
     * each — reading the 1.2 GB of sample chunks of a 100 M-sample series alone took 0.5 instead of 1.2 s, and a search's
     * full count 15–25 % less. (Building a bucket series on two threads gained nothing from it: not used there.) The
     * setting stays with the (pooled) connection. Best effort: a connection that refuses reads as before.
     */
    public void mapForScan() {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("PRAGMA mmap_size=" + SCAN_MAP_BYTES);
        } catch (SQLException ignored) {
            // read without mapping
        }
    }

    /** The single BLOB column of the single row selected by {@code key}, or null. */
    public byte[] blob(String sql, long key) throws SQLException {
        PreparedStatement p = ps(sql);
        p.setLong(1, key);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /**
     * A run's generation (bumped by every clear of its history) as this connection's transaction sees it, or
     * {@link #NO_RUN} when the run is not in the catalog (deleted).
     */
    public long generation(Tables run) throws SQLException {
        PreparedStatement p = ps(SQL_GENERATION);
        p.setLong(1, run.runId());
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getLong(1) : NO_RUN;
        }
    }

    /** Sets a run's generation inside the open transaction. */
    public void setGeneration(Tables run, long generation) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("UPDATE runs SET generation = ? WHERE id = ?")) {
            p.setLong(1, generation);
            p.setLong(2, run.runId());
            p.executeUpdate();
        }
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    public void rollbackQuietly() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is returned anyway
        }
    }

    @Override
    public void close() {
        for (PreparedStatement p : statements.values()) {
            try {
                p.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();   // a read transaction: nothing to keep; a write one has committed already
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the pool will discard a broken connection
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // returned
        }
    }
}
