package io.happysim.visual.app;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * What a Liberty server must offer the debugger — its features, the SQLite driver and the history store's DataSource
 * {@value #JNDI_NAME} — and whether this one does. Looked up by hand rather than injected: a WAR dropped into a
 * server without it then starts anyway and says exactly what to add, instead of failing in CDI with a stack trace.
 */
public final class StoreSetup {
    public static final String JNDI_NAME = "jdbc/visualStore";
    /** The sqlite-jdbc the project builds and tests with (pom.xml {@code sqlite.version}; a unit test keeps them equal). */
    public static final String SQLITE_JDBC_VERSION = "3.54.1.0";
    public static final String SQLITE_JDBC_URL = "https://repo1.maven.org/maven2/org/xerial/sqlite-jdbc/" + SQLITE_JDBC_VERSION
            + "/sqlite-jdbc-" + SQLITE_JDBC_VERSION + ".jar";

    /**
     * The minimal server.xml, as the README prints it ("Deploy the WAR to an existing Liberty"; a unit test keeps the
     * two equal, and an integration test runs a server made of nothing else). The features are those of the project's
     * own server without the test-only localConnector; the dataSource is the project's own.
     */
    public static final String SERVER_XML = """
            <server description="happysim">
                <featureManager>
                    <feature>restfulWS-3.1</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>jsonp-2.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>enterpriseBeansLite-4.0</feature>
                    <feature>concurrent-3.0</feature>
                    <feature>websocket-2.1</feature>
                    <feature>jdbc-4.3</feature>
                    <feature>jndi-1.0</feature>
                </featureManager>

                <!-- sqlite-jdbc-3.54.1.0.jar from Maven Central (org.xerial:sqlite-jdbc:3.54.1.0), saved in the server's lib folder:
                     https://repo1.maven.org/maven2/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar -->
                <library id="sqliteLib">
                    <file name="${server.config.dir}/lib/sqlite-jdbc-3.54.1.0.jar"/>
                </library>

                <!-- The history store: SQLite in WAL mode. -->
                <dataSource id="visualStore" jndiName="jdbc/visualStore" type="javax.sql.DataSource"
                            isolationLevel="TRANSACTION_SERIALIZABLE" transactional="false">
                    <jdbcDriver libraryRef="sqliteLib" javax.sql.DataSource="org.sqlite.SQLiteDataSource"/>
                    <properties url="jdbc:sqlite:${server.output.dir}/happysim.db"
                                journalMode="WAL" synchronous="NORMAL" busyTimeout="5000"/>
                    <connectionManager maxPoolSize="8" minPoolSize="1" purgePolicy="EntirePool"/>
                </dataSource>
            </server>
            """;

    private StoreSetup() {
    }

    /** The history store's DataSource when it is usable, else (dataSource null) why not, in words a user can act on. */
    public record Found(DataSource dataSource, String problem) {
        static Found usable(DataSource dataSource) {
            return new Found(dataSource, null);
        }

        static Found missing(String problem) {
            return new Found(null, problem);
        }

        public boolean isUsable() {
            return dataSource != null;
        }
    }

    /** Looks {@value #JNDI_NAME} up and checks it is a DataSource that connects to SQLite. */
    public static Found lookUp(Context naming) {
        Object bound;
        try {
            bound = naming.lookup(JNDI_NAME);
        } catch (NameNotFoundException e) {
            return Found.missing("no DataSource is bound at " + JNDI_NAME + " (the server has no <dataSource jndiName=\"" + JNDI_NAME
                    + "\">, or not the jdbc-4.3 feature)");
        } catch (NamingException | RuntimeException e) {
            return Found.missing("the DataSource " + JNDI_NAME + " cannot be created: " + rootMessage(e)
                    + " (is sqlite-jdbc-" + SQLITE_JDBC_VERSION + ".jar where its <library> says? A jar saved there while the server"
                    + " runs is seen after a restart of the server)");
        }
        if (!(bound instanceof DataSource dataSource)) {
            return Found.missing(JNDI_NAME + " is a " + (bound == null ? "null" : bound.getClass().getName()) + ", not a DataSource");
        }
        String problem = problemWith(dataSource);
        return problem == null ? Found.usable(dataSource) : Found.missing(problem);
    }

    /** Null when the DataSource connects to SQLite, else what is wrong with it. */
    static String problemWith(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String product = meta.getDatabaseProductName();
            if ("SQLite".equalsIgnoreCase(product)) {
                return null;
            }
            return JNDI_NAME + " connects to " + product + " (driver " + meta.getDriverName()
                    + "), not SQLite: the history store needs SQLite (org.sqlite.SQLiteDataSource from sqlite-jdbc)";
        } catch (SQLException | RuntimeException e) {
            return "the DataSource " + JNDI_NAME + " does not connect: " + rootMessage(e)
                    + " (does the folder of its url exist, and may the server write there?)";
        }
    }

    /**
     * The one log line of a server without the store: the problem, the jar and the server.xml to add, on one line
     * (XML does not care about the line breaks and a log reader does).
     */
    public static String logLine(String problem) {
        String oneLine = SERVER_XML.replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").replaceAll("\\s+", " ").trim();
        return "happysim is not configured: " + problem + ". To run it, save sqlite-jdbc-" + SQLITE_JDBC_VERSION + ".jar ("
                + SQLITE_JDBC_URL + ") in the server's lib folder, add this to server.xml (or save it as configDropins/overrides/happysim.xml)"
                + " and restart the server: "
                + oneLine + " (README: \"Deploy the WAR to an existing Liberty\"; GET /api/health and the page at / say the same)";
    }

    /** The innermost cause's message: the container wraps the useful one (e.g. the missing driver class) several levels deep. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName() : message.strip();
    }
}
