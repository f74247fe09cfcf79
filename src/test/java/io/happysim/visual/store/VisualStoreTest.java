package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;

class VisualStoreTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());


    @TempDir
    Path dir;

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig.JournalMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(mode);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    @Test
    void reportsTheJournalModeTheDatabaseRunsIn() {
        assertEquals("wal", new VisualStore(dataSource(dir.resolve("wal.db"), SQLiteConfig.JournalMode.WAL), scan).journalMode());
        assertEquals("delete", new VisualStore(dataSource(dir.resolve("del.db"), SQLiteConfig.JournalMode.DELETE), scan).journalMode());
    }

    @Test
    void reportsTheFileItWritesTo() {
        Path file = dir.resolve("history.db");
        assertEquals(file.toAbsolutePath().toString(), new VisualStore(dataSource(file, SQLiteConfig.JournalMode.WAL), scan).databasePath());
    }

    @Test
    void anUnreachableDatabaseIsAStoreException() {
        SQLiteDataSource broken = new SQLiteDataSource();
        broken.setUrl("jdbc:sqlite:" + dir.resolve("missing-dir/sub/x.db"));
        assertThrows(StoreException.class, () -> new VisualStore(broken, scan).journalMode());
    }
}
