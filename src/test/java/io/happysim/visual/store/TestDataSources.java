package io.happysim.visual.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** DataSources for store tests and benchmarks, configured like Liberty's {@code jdbc/visualStore}. */
public final class TestDataSources {
    private TestDataSources() {
    }

    /** WAL, synchronous=NORMAL, busy_timeout=5000, SERIALIZABLE: what the container gives. */
    public static SQLiteDataSource sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** A minimal connection pool (as the container has): close() returns the connection for reuse. */
    public static DataSource pooled(DataSource target) {
        return new Pool(target);
    }

    /** Fails operations on connections whose SQL / method matches, while {@code armed} says so. */
    public static DataSource failing(DataSource target, Predicate<String> failWhen) {
        return new Base() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = target.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, m, args) -> {
                            String what = m.getName() + (args != null && args.length > 0 && args[0] instanceof String s ? ":" + s : "");
                            if (failWhen.test(what)) {
                                throw new SQLException("injected failure at " + what);
                            }
                            return invoke(real, m, args);
                        });
            }
        };
    }

    static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A DataSource of which only {@code getConnection()} is left to write (a test's interceptor of another's connections). */
    abstract static class Base implements DataSource {
        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    private static final class Pool extends Base {
        private final DataSource target;
        private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

        Pool(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = idle.poll();
            if (real == null) {
                real = target.getConnection();
            }
            Connection r = real;
            boolean[] closed = {false};
            InvocationHandler h = (proxy, m, args) -> {
                if (m.getName().equals("close")) {
                    if (!closed[0]) {
                        closed[0] = true;
                        if (!r.getAutoCommit()) {
                            r.rollback();
                            r.setAutoCommit(true);
                        }
                        idle.add(r);
                    }
                    return null;
                }
                if (m.getName().equals("isClosed")) {
                    return closed[0];
                }
                return invoke(r, m, args);
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
        }
    }
}
