package io.happysim.visual.store.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection borrowed for one store operation, with its prepared statements cached for the operation's
 * duration. Reads run inside one (deferred) read transaction so every statement of a query sees the same
 * database snapshot; {@link #close()} ends the transaction and restores autocommit before returning the
 * connection to the pool.
 */
public final class Db implements AutoCloseable {
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

    /** The single BLOB column of the single row selected by {@code key}, or null. */
    public byte[] blob(String sql, long key) throws SQLException {
        PreparedStatement p = ps(sql);
        p.setLong(1, key);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /** The store's generation (bumped by every clear) as this connection's transaction sees it. */
    public long generation() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM store_meta WHERE key = '" + StoreMeta.GENERATION + "'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
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
