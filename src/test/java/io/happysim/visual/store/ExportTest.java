package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed reads and the plain-SQLite export: every matching row once, in order, as the pages show them. */
class ExportTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    @AutoClose("shutdownNow")
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    private static final int EVENTS = 20_000;

    private StoredRuns runs() {
        return new StoredRuns(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan,
                StoreLimits.defaults().withBlockRows(512, 256), Runnable::run);
    }

    private static void fill(VisualStore store, List<RecordedEvent> es, List<RecordedLog> ls) {
        Batch b = new Batch().addEvents(es).addLogs(ls);
        for (RecordedEvent e : es) {
            b.addSample("Server.depth", e.timeNs(), e.eventId() % 13);
            if (e.eventId() % 10 == 0) {
                b.addSample("Sink.latency", e.timeNs(), e.eventId() / 1000.0);
            }
        }
        store.append(b);
    }

    private static List<RecordedEvent> pages(VisualStore store, EventQuery q) {
        List<RecordedEvent> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<RecordedEvent> p = store.events(q.direction(Direction.NEWER).limit(1000).cursor(cursor));
            out.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        return out;
    }

    @Test
    void streamedReadsHandOverEveryMatchingRowOnceInOrder() throws Exception {
        try (StoredRuns runs = runs()) {
            VisualStore store = runs.startRun(RunStart.unnamed(1));
            List<RecordedEvent> es = Reference.events(EVENTS, 3);
            List<RecordedLog> ls = Reference.logs(3_000, 3);
            fill(store, es, ls);
            for (EventQuery q : List.of(EventQuery.create(), EventQuery.create().eventType("Timeout"), EventQuery.create().excludeInternal(true)
                    .entity("Server").timeMin(10.0).timeMax(120.0), EventQuery.create().search("request_id\":4"))) {
                List<RecordedEvent> streamed = new ArrayList<>();
                List<Integer> chunks = new ArrayList<>();
                long n = store.eachEvent(q, 700, rows -> {
                    chunks.add(rows.size());
                    streamed.addAll(rows);
                });
                List<RecordedEvent> paged = pages(store, q);
                assertEquals(paged, streamed, q.criteria().filterKey());
                assertEquals(paged.size(), n);
                assertEquals(store.countEvents(q).total(), n);
                assertTrue(chunks.stream().allMatch(c -> c <= 700), "chunks of at most 700 rows: " + chunks);
            }
            List<RecordedLog> logs = new ArrayList<>();
            store.eachLog(LogQuery.create().minLevel(LogLevel.WARNING), 100, logs::addAll);
            assertEquals(ls.stream().filter(l -> LogLevel.parse(l.level(), "level").ordinal() >= LogLevel.WARNING.ordinal()).toList(), logs);
            // samples of a range: every stored one, times in [start, end)
            List<Double> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            long samples = store.eachSample("Server.depth", 20.0, 40.0, 333, (t, v, k) -> {
                for (int i = 0; i < k; i++) {
                    times.add(t[i] / 1e9);
                    values.add(v[i]);
                }
            });
            SeriesData raw = store.series("Server.depth", 20.0, 40.0, null);
            assertEquals(raw.times().length, samples);
            for (int i = 0; i < raw.times().length; i++) {
                assertEquals(raw.times()[i], times.get(i));
                assertEquals(raw.values()[i], values.get(i));
            }
            assertEquals(0, store.eachSample("no-such-series", null, null, 100, (t, v, k) -> { }));
        }
    }

    @Test
    void theExportIsAPlainSqliteFileInTheSeedSchemaWithEveryRow() throws Exception {
        try (StoredRuns runs = runs()) {
            VisualStore store = runs.startRun(new RunStart("bursty-mm1", "Bursty M/M/1", 42, "{\"rate\":5}", "{}", "{}", 1));
            List<RecordedEvent> es = Reference.events(EVENTS, 4);
            List<RecordedLog> ls = Reference.logs(2_000, 4);
            fill(store, es, ls);
            Path target = dir.resolve("run.sqlite");
            long rows = runs.exportPlain(store.runId(), target);
            assertEquals(EVENTS + 2_000 + EVENTS + EVENTS / 10, rows);

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
                List<RecordedEvent> exported = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT event_id, time_s, event_type, target_name, source_name, is_internal, context "
                        + "FROM events ORDER BY event_id")) {
                    while (rs.next()) {
                        String source = rs.getString(5);
                        exported.add(new RecordedEvent(rs.getLong(1), Math.round(rs.getDouble(2) * 1e9), rs.getString(3), rs.getString(4),
                                source, rs.getInt(6) == 1, rs.getString(7)));
                    }
                }
                List<RecordedEvent> paged = pages(store, EventQuery.create());
                assertEquals(paged.size(), exported.size());
                for (int i = 0; i < paged.size(); i++) {
                    RecordedEvent p = paged.get(i);
                    RecordedEvent x = exported.get(i);
                    assertEquals(p.timeS(), x.timeNs() / 1e9, 1e-9);
                    assertEquals(new RecordedEvent(p.eventId(), 0, p.eventType(), p.targetName(), p.sourceName(), p.internal(), p.contextJson()),
                            new RecordedEvent(x.eventId(), 0, x.eventType(), x.targetName(), x.sourceName(), x.internal(), x.contextJson()));
                }
                assertEquals(2_000, scalar(s, "SELECT count(*) FROM logs"));
                assertEquals(ls.get(1_234).message(), text(s, "SELECT message FROM logs WHERE log_id = 1235"));
                assertEquals(EVENTS, scalar(s, "SELECT count(*) FROM timeseries WHERE series_name = 'Server.depth'"));
                assertEquals(EVENTS / 10, scalar(s, "SELECT count(*) FROM timeseries WHERE series_name = 'Sink.latency'"));
                // "events of request 42", the question the packed file could not answer in SQL
                long request42 = es.stream().filter(e -> e.contextJson() != null && e.contextJson().matches(".*\"request_id\":42[,}].*")).count();
                assertTrue(request42 > 0);
                assertEquals(request42, scalar(s, "SELECT count(*) FROM events WHERE json_extract(context, '$.request_id') = 42"));
                Set<String> indexes = new TreeSet<>();
                try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'")) {
                    while (rs.next()) {
                        indexes.add(rs.getString(1));
                    }
                }
                assertEquals(Set.of("idx_events_time", "idx_events_type", "idx_logs_time", "idx_logs_level", "idx_ts_series_time"), indexes);
                assertEquals("42", text(s, "SELECT value FROM run_info WHERE key = 'seed'"));
                assertEquals("bursty-mm1", text(s, "SELECT value FROM run_info WHERE key = 'scenario'"));
                assertEquals("ok", text(s, "PRAGMA integrity_check"));
            }
        }
    }

    @Test
    void anExportOfTheRunBeingRecordedTakesWhatWasStoredWhenItBeganAndDoesNotHoldUpTheWriter() throws Exception {
        try (StoredRuns runs = runs()) {
            VisualStore store = runs.startRun(RunStart.unnamed(1));
            List<RecordedEvent> es = Reference.events(EVENTS * 2, 5);
            fill(store, es.subList(0, EVENTS), List.of());
            List<Long> appendsDuringExport = new ArrayList<>();
            long exported = store.eachEvent(EventQuery.create(), 500, rows -> {
                if (rows.get(0).eventId() % 5_000 == 1 && appendsDuringExport.size() < 4) {
                    // the writer appends while the export is between two chunks: nothing waits for the other
                    int from = EVENTS + appendsDuringExport.size() * 1000;
                    Future<?> f = writer.submit(() -> fill(store, es.subList(from, from + 1000), List.of()));
                    try {
                        f.get();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    appendsDuringExport.add(store.lastEventId());
                }
            });
            assertEquals(4, appendsDuringExport.size());
            assertEquals(EVENTS, exported, "rows stored after the export began are not included");
            assertEquals(EVENTS + 4_000, store.lastEventId());
        }
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
