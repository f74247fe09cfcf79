package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;

/** Atomic appends, retries, clear, reopen, and readers running beside the writer. */
class DurabilityTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @TempDir
    Path dir;

    static Batch batch(List<RecordedEvent> es, List<RecordedLog> ls, int from, int to, int logFrom, int logTo) {
        Batch b = new Batch().addEvents(es.subList(from, to)).addLogs(ls.subList(logFrom, logTo));
        for (int i = from; i < to; i++) {
            b.addSample("Probe_Server_depth", es.get(i).timeNs(), i % 17);
        }
        return b;
    }

    @Test
    void aFailingBatchLeavesNothingAndCanBeRetried() {
        Path file = dir.resolve("atomic.db");
        AtomicReference<String> failOn = new AtomicReference<>(null);
        DataSource ds = TestDataSources.failing(TestDataSources.sqlite(file), what -> failOn.get() != null && what.startsWith(failOn.get()));
        VisualStore store = new VisualStore(ds, scan, StoreLimits.defaults().withBlockRows(64, 64));
        List<RecordedEvent> es = Reference.events(1000, 1);
        List<RecordedLog> ls = Reference.logs(500, 2);
        store.append(batch(es, ls, 0, 100, 0, 50));
        store.prepareBuckets("Probe_Server_depth", Transform.P99, 1.0);
        for (String where : List.of("commit", "prepareStatement:INSERT OR REPLACE INTO r1_sample_chunks", "prepareStatement:INSERT INTO r1_names")) {
            failOn.set(where);
            Batch b = batch(es, ls, 100, 400, 50, 300);
            // new names make the dictionary insert happen in this batch
            b.addEvent(new RecordedEvent(401, es.get(399).timeNs() + 1, "BrandNewType", "NewEntity", null, false, "{\"x\":1}"));
            assertThrows(StoreException.class, () -> store.append(b), where);
            assertEquals(100, store.lastEventId(), where);
            assertEquals(50, store.lastLogId());
            assertEquals(100, store.seriesSize("Probe_Server_depth"));
            assertEquals(100, store.countEvents(EventQuery.create()).total());
            assertEquals(0, store.countEvents(EventQuery.create().eventType("BrandNewType")).total());
            assertTrue(!store.eventTypes().contains("BrandNewType"));
            failOn.set(null);
            // the database has nothing of it either
            VisualStore other = new VisualStore(TestDataSources.sqlite(file), scan);
            assertEquals(100, other.lastEventId());
            assertEquals(100, other.seriesSize("Probe_Server_depth"));
        }
        Batch b = batch(es, ls, 100, 400, 50, 300);
        b.addEvent(new RecordedEvent(401, es.get(399).timeNs() + 1, "BrandNewType", "NewEntity", null, false, "{\"x\":1}"));
        store.append(b);
        assertEquals(401, store.countEvents(EventQuery.create()).total());
        assertEquals(1, store.countEvents(EventQuery.create().eventType("BrandNewType")).total());
        assertEquals(300, store.lastLogId());
        assertEquals(400, store.seriesSize("Probe_Server_depth"));
        List<RecordedEvent> expected = new ArrayList<>(es.subList(0, 400));
        expected.add(b.events().get(b.events().size() - 1));
        assertEquals(expected, store.lastEvents(1000));
        // gaps and duplicates are refused before anything is written
        assertThrows(IllegalArgumentException.class, () -> store.append(new Batch().addEvent(es.get(0))));
        assertThrows(IllegalArgumentException.class, () -> store.append(new Batch().addEvents(es.subList(500, 501))));
        assertEquals(401, store.lastEventId());
    }

    @Test
    void reopeningAnExistingFileSeesTheHistoryAndRebuildsSummaries() {
        Path file = dir.resolve("reopen.db");
        List<RecordedEvent> es = Reference.events(2000, 5);
        List<RecordedLog> ls = Reference.logs(700, 6);
        VisualStore a = new VisualStore(TestDataSources.sqlite(file), scan, StoreLimits.defaults().withBlockRows(128, 100));
        a.prepareBuckets("Probe_Server_depth", Transform.MEAN, 0.5);
        a.append(batch(es, ls, 0, 1500, 0, 500));
        EventQuery q = EventQuery.create().excludeInternal(true).search("request").limit(50);
        Page<RecordedEvent> p1 = a.events(q);
        SeriesData m1 = a.buckets("Probe_Server_depth", Transform.MEAN, 0.5, null, null, 100);
        SeriesData s1 = a.series("Probe_Server_depth", null, null, 64);
        List<String> types = a.eventTypes();
        a.close();
        assertThrows(StoreException.class, a::eventTypes);

        VisualStore b = new VisualStore(TestDataSources.sqlite(file), scan);   // default block sizes asked: the file's win
        assertEquals(p1, b.events(q));
        assertEquals(1500, b.countEvents(EventQuery.create()).total());
        assertEquals(types, b.eventTypes());
        assertArrayEquals(m1.values(), b.buckets("Probe_Server_depth", Transform.MEAN, 0.5, null, null, 100).values());
        assertArrayEquals(s1.times(), b.series("Probe_Server_depth", null, null, 64).times());
        assertEquals(1, b.stats().bucketSeries());
        // appends continue the tail block and the open bucket
        b.append(batch(es, ls, 1500, 2000, 500, 700));
        assertEquals(es, b.lastEvents(5000));
        Page<RecordedLog> logs = b.logs(LogQuery.create().direction(Direction.NEWER).limit(1000));
        assertEquals(ls, logs.items());
        VisualStore fresh = new VisualStore(TestDataSources.sqlite(dir.resolve("fresh.db")), scan);
        fresh.append(batch(es, ls, 0, 2000, 0, 700));
        assertArrayEquals(fresh.buckets("Probe_Server_depth", Transform.MEAN, 0.5, null, null, null).values(),
                b.buckets("Probe_Server_depth", Transform.MEAN, 0.5, null, null, null).values());
    }

    @Test
    void aNewDatabaseGetsLargePagesAndStaysInWal() throws Exception {
        Path file = dir.resolve("pages.db");
        VisualStore s = new VisualStore(TestDataSources.sqlite(file), scan);
        s.append(new Batch().addEvents(Reference.events(10, 1)));
        assertEquals("wal", s.journalMode());
        try (var c = TestDataSources.sqlite(file).getConnection(); var st = c.createStatement(); var rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            assertEquals(16384, rs.getInt(1));
        }
    }

    @Test
    void clearEmptiesEverythingAndIdsStartAgain() {
        VisualStore s = new VisualStore(TestDataSources.sqlite(dir.resolve("clear.db")), scan, StoreLimits.defaults().withBlockRows(64, 64));
        List<RecordedEvent> es = Reference.events(500, 8);
        List<RecordedLog> ls = Reference.logs(100, 8);
        s.append(batch(es, ls, 0, 500, 0, 100));
        assertEquals(500, s.countEvents(EventQuery.create().search("7")).stored());
        s.clear();
        assertEquals(0, s.countEvents(EventQuery.create()).total());
        assertEquals(0, s.countEvents(EventQuery.create().search("7")).total());
        assertEquals(List.of(), s.eventTypes());
        assertEquals(List.of(), s.seriesNames());
        assertEquals(0, s.stats().samples());
        assertEquals(0, s.logs(LogQuery.create()).total());
        List<RecordedEvent> es2 = Reference.events(200, 9);
        s.append(new Batch().addEvents(es2));
        assertEquals(es2, s.lastEvents(1000));
        assertEquals(es2.stream().filter(e -> e.contextJson() != null && e.contextJson().contains("7")
                || Long.toString(e.eventId()).contains("7") || e.targetName().contains("7")).count(),
                s.countEvents(EventQuery.create().search("7")).total());
        assertEquals(200, new VisualStore(TestDataSources.sqlite(dir.resolve("clear.db")), scan).lastEventId());
    }

    @Test
    void readersNeverSeeAPartialBatchAndAreNotBlocked() throws Exception {
        VisualStore s = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("conc.db"))), scan, StoreLimits.defaults().withBlockRows(256, 256));
        int batchSize = 20_000;
        int batches = 12;
        List<RecordedEvent> es = Reference.events(batchSize * batches, 10);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        AtomicLong readsDuringAppend = new AtomicLong();
        AtomicBoolean appending = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    boolean during = appending.get();
                    Page<RecordedEvent> p = s.events(EventQuery.create().limit(3));
                    long total = p.total();
                    if (total % batchSize != 0) {
                        throw new AssertionError("partial batch visible: " + total);
                    }
                    if (total > 0 && p.items().get(0).eventId() != total) {
                        throw new AssertionError("newest row " + p.items().get(0).eventId() + " but total " + total);
                    }
                    long series = s.seriesSize("Probe_Server_depth");
                    if (series % batchSize != 0) {
                        throw new AssertionError("partial samples visible: " + series);
                    }
                    reads.incrementAndGet();
                    if (during && appending.get()) {
                        readsDuringAppend.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int k = 0; k < batches; k++) {
            Batch b = batch(es, List.of(), k * batchSize, (k + 1) * batchSize, 0, 0);
            appending.set(true);
            s.append(b);
            appending.set(false);
            Thread.sleep(5);
        }
        done.set(true);
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(reads.get() > 0);
        assertTrue(readsDuringAppend.get() > 0, "readers completed queries while an append was running");
        assertEquals(batchSize * batches, s.countEvents(EventQuery.create()).total());
        assertEquals(es.stream().filter(e -> e.eventType().equals("Timeout")).map(RecordedEvent::eventId).collect(Collectors.toList()),
                s.events(EventQuery.create().eventType("Timeout").direction(Direction.NEWER).limit(1000)).items().stream()
                        .map(RecordedEvent::eventId).collect(Collectors.toList()));
    }
}
