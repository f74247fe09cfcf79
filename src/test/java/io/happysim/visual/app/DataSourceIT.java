package io.happysim.visual.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.happysim.visual.it.Deployments;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs inside Liberty: the container-managed SQLite DataSource is configured as the store needs it. */
@ExtendWith(ArquillianExtension.class)
class DataSourceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar().addClass(DataSourceIT.class).addClass(Deployments.class);
    }

    @Resource(lookup = "jdbc/visualStore")
    DataSource dataSource;

    @Test
    void everyPooledConnectionRunsInWalWithNormalSyncAndABusyTimeout() throws Exception {
        assertNotNull(dataSource, "jdbc/visualStore is not bound");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals("wal", scalar(s, "PRAGMA journal_mode").toLowerCase());
            assertEquals("1", scalar(s, "PRAGMA synchronous"), "synchronous=NORMAL is 1");
            assertEquals("5000", scalar(s, "PRAGMA busy_timeout"));
        }
    }

    @Test
    void writesAndReadsThroughTheContainerPool() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS it_probe (k TEXT PRIMARY KEY, v INTEGER)");
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO it_probe (k, v) VALUES (?, ?)")) {
                p.setString(1, "answer");
                p.setInt(2, 42);
                p.executeUpdate();
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals("42", scalar(s, "SELECT v FROM it_probe WHERE k = 'answer'"));
            s.execute("DROP TABLE it_probe");
        }
    }

    private static String scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
