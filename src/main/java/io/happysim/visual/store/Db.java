package io.happysim.visual.store;

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
final class Db implements AutoCloseable {
    final Connection c;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Db(Connection c, boolean transaction) throws SQLException {
        this.c = c;
        if (transaction) {
            c.setAutoCommit(false);
        }
    }

    PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    /** The single BLOB column of the single row selected by {@code key}, or null. */
    byte[] blob(String sql, long key) throws SQLException {
        PreparedStatement p = ps(sql);
        p.setLong(1, key);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /** The store's generation (bumped by every clear) as this connection's transaction sees it. */
    long generation() throws SQLException {
        try (java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM store_meta WHERE key = 'generation'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    void commit() throws SQLException {
        c.commit();
    }

    void rollbackQuietly() {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
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
            if (!c.getAutoCommit()) {
                c.rollback();   // a read transaction: nothing to keep; a write one has committed already
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the pool will discard a broken connection
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // returned
        }
    }
}
