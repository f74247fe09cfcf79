package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in one file: isolated from each other, listed after a reopen, deleted with their space, kept by retention. */
class StoredRunsTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    @AutoClose("shutdownNow")
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    private StoredRuns open(Path file) {
        return new StoredRuns(TestDataSources.pooled(TestDataSources.sqlite(file)), scan, StoreLimits.defaults().withBlockRows(256, 256), background);
    }

    private static RunStart start(String scenario, long seed) {
        return new RunStart(scenario, scenario + " title", seed, "{\"rate\":" + seed + "}", "{}", "{\"charts\":[]}", 1_000 + seed);
    }

    /** Events, logs and samples of one run: the reference rows of {@code seed}, its series named after the run. */
    private static void record(VisualStore store, int events, long seed, String series) {
        List<RecordedEvent> es = Reference.events(events, seed);
        List<RecordedLog> ls = Reference.logs(events / 4, seed);
        for (int from = 0; from < events; from += 5_000) {
            int to = Math.min(events, from + 5_000);
            Batch b = new Batch().addEvents(es.subList(from, to)).addLogs(ls.subList(from / 4, to / 4));
            for (int i = from; i < to; i++) {
                b.addSample(series, es.get(i).timeNs(), seed * 1000 + i % 97);
            }
            store.append(b);
        }
    }

    @Test
    void runsAreIsolatedIdsFiltersTotalsAndSeries() {
        try (StoredRuns runs = open(dir.resolve("iso.db"))) {
            VisualStore a = runs.startRun(start("first", 1));
            record(a, 3_000, 1, "A.depth");
            VisualStore b = runs.startRun(start("second", 2));
            record(b, 1_200, 2, "B.depth");
            assertEquals(b, runs.current());
            assertEquals(b.runId(), runs.currentId());
            VisualStore pastA = runs.open(a.runId());
            assertFalse(pastA.writable(), "a past run opens read-only");

            // ids start at 1 in each run, totals are each run's own
            assertEquals(3_000, pastA.countEvents(EventQuery.create()).total());
            assertEquals(1_200, b.countEvents(EventQuery.create()).total());
            assertEquals(1, pastA.events(EventQuery.create().direction(Direction.NEWER).limit(1)).items().get(0).eventId());
            assertEquals(1, b.events(EventQuery.create().direction(Direction.NEWER).limit(1)).items().get(0).eventId());
            assertEquals(Reference.events(3_000, 1).subList(2_900, 3_000), pastA.lastEvents(100));
            assertEquals(Reference.events(1_200, 2).subList(1_100, 1_200), b.lastEvents(100));
            // filters count each run's rows only
            long timeoutsA = Reference.events(3_000, 1).stream().filter(e -> e.eventType().equals("Timeout")).count();
            long timeoutsB = Reference.events(1_200, 2).stream().filter(e -> e.eventType().equals("Timeout")).count();
            assertEquals(timeoutsA, pastA.countEvents(EventQuery.create().eventType("Timeout")).total());
            assertEquals(timeoutsB, b.countEvents(EventQuery.create().eventType("Timeout")).total());
            assertEquals(750, pastA.stats().logs());
            assertEquals(300, b.stats().logs());
            // series are each run's own
            assertEquals(List.of("A.depth"), pastA.seriesNames());
            assertEquals(List.of("B.depth"), b.seriesNames());
            assertEquals(0, b.seriesSize("A.depth"));
            assertEquals(1000.0, pastA.series("A.depth", null, null, null).values()[0]);
            assertEquals(2000.0, b.series("B.depth", null, null, null).values()[0]);
            // a past run is not written to
            assertThrows(StoreException.class, () -> pastA.append(new Batch().addEvent(new RecordedEvent(3_001, 1, "X", "Y", null, false, null))));
            assertEquals(3_000, runs.open(a.runId()).lastEventId());
        }
    }

    @Test
    void reopeningAFileListsItsRunsNewestFirstWithWhatTheyWere() {
        Path file = dir.resolve("reopen.db");
        long first;
        long second;
        try (StoredRuns runs = open(file)) {
            VisualStore a = runs.startRun(start("first", 7));
            first = a.runId();
            record(a, 2_000, 7, "A.depth");
            VisualStore b = runs.startRun(start("second", 8));
            second = b.runId();
            runs.finish(a, new RunFinish(12.5, "{\"entities\":{\"Sink\":{\"count\":3}}}", 5_000));
            record(b, 500, 8, "B.depth");
            // the server stops without finishing the current run (b)
        }
        try (StoredRuns runs = open(file)) {
            List<RunRecord> listed = runs.list();
            assertEquals(List.of(second, first), listed.stream().map(RunRecord::id).toList(), "newest first");
            RunRecord a = runs.get(first);
            assertEquals("first", a.scenario());
            assertEquals("first title", a.title());
            assertEquals(7, a.seed());
            assertEquals("{\"rate\":7}", a.paramsJson());
            assertEquals(1_007, a.startedAtMs());
            assertEquals(5_000L, a.endedAtMs());
            assertEquals(12.5, a.timeReachedS());
            assertEquals(2_000, a.events());
            assertEquals(500, a.logs());
            assertEquals(2_000, a.samples());
            assertTrue(a.bytes() > 0);
            assertEquals("{\"entities\":{\"Sink\":{\"count\":3}}}", a.finalStateJson());
            assertEquals("{\"charts\":[]}", a.viewJson());
            // the run the server left unfinished was counted from its tables when the file was opened again
            RunRecord b = runs.get(second);
            assertFalse(b.unfinished());
            assertEquals(500, b.events());
            assertEquals(Reference.events(500, 8).get(499).timeS(), b.timeReachedS(), 1e-9);
            assertNull(b.finalStateJson());
            assertEquals(Reference.events(2_000, 7), pagesOf(runs.open(first)));
            // a new run gets a new id, never a deleted one's
            runs.delete(second).join();
            VisualStore c = runs.startRun(start("third", 9));
            assertEquals(second + 1, c.runId());
        }
    }

    private static List<RecordedEvent> pagesOf(VisualStore store) {
        List<RecordedEvent> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<RecordedEvent> p = store.events(EventQuery.create().direction(Direction.NEWER).limit(1000).cursor(cursor));
            out.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        return out;
    }

    @Test
    void aRunLeftUnfinishedIsSizedFromTheFilesUseAtTheNextStart() throws Exception {
        Path file = dir.resolve("unfinished.db");
        long second;
        try (StoredRuns runs = open(file)) {
            VisualStore a = runs.startRun(start("first", 1));
            record(a, 20_000, 1, "A.depth");
            VisualStore b = runs.startRun(start("second", 2));
            runs.finish(a, new RunFinish(1, null, 2));
            record(b, 30_000, 2, "B.depth");
            second = b.runId();
            // the server stops while b records
        }
        try (StoredRuns runs = open(file)) {
            long estimated = runs.get(second).bytes();
            long exact;
            try (Connection c = TestDataSources.sqlite(file).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'r" + second + "\\_%' ESCAPE '\\'")) {
                rs.next();
                exact = rs.getLong(1);
            }
            // what the file uses beyond the finished run: the unfinished run's pages and the few of the catalog
            assertTrue(exact > 1_000_000, "the run takes " + exact + " bytes");
            assertTrue(estimated >= exact && estimated - exact <= 8 * 16_384, "estimated " + estimated + ", page by page " + exact);
        }
    }

    @Test
    void deletingARunGivesItsPagesBack() throws Exception {
        Path file = dir.resolve("delete.db");
        try (StoredRuns runs = open(file)) {
            VisualStore a = runs.startRun(start("big", 1));
            record(a, 60_000, 1, "A.depth");
            VisualStore b = runs.startRun(start("small", 2));
            runs.finish(a, new RunFinish(1, null, 2));
            record(b, 2_000, 2, "B.depth");
            long runBytes = runs.get(a.runId()).bytes();
            long usedBefore = runs.usedBytes();
            checkpoint(file);
            long fileBefore = Files.size(file);
            assertTrue(runBytes > 1_000_000, "the big run takes " + runBytes + " bytes");

            assertThrows(CurrentRunException.class, () -> runs.delete(b.runId()));
            runs.delete(a.runId()).get(30, TimeUnit.SECONDS);
            assertThrows(NoSuchRunException.class, () -> runs.get(a.runId()));
            assertThrows(NoSuchRunException.class, () -> runs.open(a.runId()));
            assertThrows(NoSuchRunException.class, () -> runs.delete(a.runId()));
            assertEquals(List.of(b.runId()), runs.list().stream().map(RunRecord::id).toList());

            assertEquals(0, runs.freeBytes(), "every free page is given back");
            assertEquals(usedBefore - runBytes, runs.usedBytes(), runBytes / 50.0, "the run's pages are gone from the file");
            checkpoint(file);
            long fileAfter = Files.size(file);
            assertTrue(fileAfter < fileBefore - runBytes * 0.9, "file " + fileBefore + " → " + fileAfter + " bytes, run " + runBytes);
            try (Connection c = TestDataSources.sqlite(file).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name LIKE 'r" + a.runId() + "\\_%' ESCAPE '\\'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no table of the deleted run is left");
            }
            // the other run is untouched
            assertEquals(Reference.events(2_000, 2), pagesOf(b));
        }
    }

    private static void checkpoint(Path file) throws Exception {
        try (Connection c = TestDataSources.sqlite(file).getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    @Test
    void retentionDeletesTheOldestRunsFirstButNeverTheCurrentOne() throws Exception {
        try (StoredRuns runs = open(dir.resolve("retention.db"))) {
            List<Long> ids = new ArrayList<>();
            VisualStore previous = null;
            for (int i = 1; i <= 5; i++) {
                VisualStore s = runs.startRun(start("run" + i, i));
                if (previous != null) {
                    runs.finish(previous, new RunFinish(i, null, i));
                }
                record(s, 4_000, i, "S.depth");
                ids.add(s.runId());
                previous = s;
            }
            assertEquals(List.of(), runs.retain(new Retention(5, 0)));
            assertEquals(List.of(ids.get(0), ids.get(1)), runs.retain(new Retention(3, 0)), "the two oldest go first");
            assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2)), runs.list().stream().map(RunRecord::id).toList());
            // by size: the limit lies between one and two runs' bytes, so only the current run (the newest) stays
            long one = runs.get(ids.get(2)).bytes();
            assertEquals(List.of(ids.get(2), ids.get(3)), runs.retain(new Retention(0, one + one / 2)));
            assertEquals(List.of(ids.get(4)), runs.list().stream().map(RunRecord::id).toList());
            // the current run alone over the limit: kept
            assertEquals(List.of(), runs.retain(new Retention(1, 1)));
            assertEquals(List.of(ids.get(4)), runs.list().stream().map(RunRecord::id).toList());
            background.submit(() -> null).get(30, TimeUnit.SECONDS);   // the reclaim of the deleted runs is done
            assertEquals(0, runs.freeBytes());
        }
    }

    @Test
    void retentionOrderIsOldestFirstByCountAndBytes() {
        List<RunRecord> newestFirst = List.of(rec(5, 100), rec(4, 100), rec(3, 500), rec(2, 100), rec(1, 100));
        assertEquals(List.of(1L, 2L), new Retention(3, 0).victims(newestFirst, 5));
        assertEquals(List.of(1L, 2L, 3L), new Retention(0, 300).victims(newestFirst, 5));
        assertEquals(List.of(1L), new Retention(4, 900).victims(newestFirst, 5));
        assertEquals(List.of(2L, 3L, 4L, 5L), new Retention(1, 0).victims(newestFirst, 1), "the current run stays, even the oldest");
        assertEquals(List.of(), Retention.keepAll().victims(newestFirst, 5));
    }

    private static RunRecord rec(long id, long bytes) {
        return new RunRecord(id, "s", "t", 0, "{}", "{}", id, id, 0, 0, 0, 0, bytes, null, null);
    }

    @Test
    void aScratchFileStartsEmpty() {
        Path file = dir.resolve("scratch.db");
        try (StoredRuns runs = open(file)) {
            record(runs.startRun(start("old", 1)), 3_000, 1, "A.depth");
        }
        try (StoredRuns runs = open(file)) {
            assertEquals(1, runs.list().size());
            runs.deleteAll();
            assertEquals(List.of(), runs.list());
            assertEquals(0, runs.freeBytes());
            VisualStore fresh = runs.startRun(start("new", 2));
            assertEquals(0, fresh.lastEventId());
            assertEquals(2, fresh.runId());
        }
    }

    @Test
    void aStoreOpenedOnItsOwnUsesTheNewestRun() {
        Path file = dir.resolve("alone.db");
        DataSource ds = TestDataSources.sqlite(file);
        try (StoredRuns runs = open(file)) {
            record(runs.startRun(start("a", 1)), 100, 1, "A.depth");
            record(runs.startRun(start("b", 2)), 200, 2, "B.depth");
        }
        try (VisualStore alone = new VisualStore(ds, scan)) {
            assertEquals(2, alone.runId());
            assertEquals(200, alone.lastEventId());
        }
        Path empty = dir.resolve("empty.db");
        try (VisualStore alone = new VisualStore(TestDataSources.sqlite(empty), scan)) {
            assertEquals(1, alone.runId(), "a file without runs gets a first one");
        }
    }
}
