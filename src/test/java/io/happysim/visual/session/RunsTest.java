package io.happysim.visual.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.ContextJson;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.CurrentRunException;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.NoSuchRunException;
import io.happysim.visual.store.Retention;
import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs through the session: each run keeps what it recorded, a past run shows as it was, two runs compare. */
class RunsTest {
    @TempDir
    Path dir;

    private final ExecutorService drains = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    private StoredRuns stored;
    private DebugSession session;

    private void start(Retention retention) {
        stored = new StoredRuns(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan, StoreLimits.defaults(), drains);
        session = new DebugSession(stored, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config("bursty-mm1", 10_000, new SimulationBridge.Config(5_000, 0, Level.INFO), 30_000, false, retention),
                new ScenarioCatalog(null));
        session.start();
        scheduler.scheduleWithFixedDelay(session::drain, 200, 200, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        session.close();
        stored.close();
        drains.shutdownNow();
        scan.shutdownNow();
    }

    private void playToTheEnd() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        SessionListener listener = new SessionListener() {
            @Override
            public void onComplete(SimState state) {
                done.countDown();
            }
        };
        session.addListener(listener);
        session.play(0, false);
        assertTrue(done.await(60, TimeUnit.SECONDS));
        session.removeListener(listener);
    }

    /** What a finished run shows while it is current: its charts (500 points), its entities, what it recorded. */
    private record Seen(long run, Map<String, SeriesData> charts, Map<String, Map<String, Object>> entities, DebugSession.Recorded recorded,
                        double timeS) {
    }

    private Seen seen() {
        Map<String, SeriesData> charts = new LinkedHashMap<>();
        for (Chart c : session.model().charts()) {
            charts.put(c.chartId(), session.chartData(c.chartId(), new SeriesRange(null, null, 500)).orElseThrow().data());
        }
        SimState s = session.state();
        return new Seen(s.runId(), charts, s.entities(), session.recorded(), s.timeS());
    }

    @Test
    void everyRunKeepsWhatItRecordedShowsAsItWasAndComparesWithAnother() throws Exception {
        start(Retention.keepAll());
        playToTheEnd();
        Seen first = seen();
        session.loadScenario("bursty-mm1", 7L, Map.of());
        playToTheEnd();
        Seen second = seen();
        assertTrue(second.run() > first.run());

        Runs runs = session.runs();
        assertEquals(List.of(second.run(), first.run()), runs.list().stream().map(RunInfo::id).toList(), "newest first");
        RunInfo a = runs.info(first.run());
        RunInfo b = runs.info(second.run());
        assertEquals(42, a.seed());
        assertEquals(7, b.seed());
        assertFalse(a.current());
        assertTrue(b.current());
        assertEquals("bursty-mm1", a.scenario());
        assertEquals(first.timeS(), a.timeReachedS(), 1e-9);
        // the no-loss guarantee, per run: every row each run recorded is in its own store, ids 1..N
        for (Seen s : List.of(first, second)) {
            VisualStore store = runs.store(s.run());
            assertEquals(s.recorded().events(), store.stats().events(), "run " + s.run() + ": events");
            assertEquals(s.recorded().logs(), store.stats().logs(), "run " + s.run() + ": log lines");
            assertEquals(s.recorded().samples(), store.stats().samples(), "run " + s.run() + ": samples");
            assertEquals(s.recorded().events(), store.lastEvents(1).get(0).eventId());
            assertEquals(s.recorded().events(), store.countEvents(EventQuery.create()).total());
        }
        awaitFinished(first.run());
        assertEquals(first.recorded().events(), runs.info(first.run()).events());
        assertTrue(runs.info(first.run()).bytes() > 0);

        // the past run shows as it was: the same chart points, the same final state
        RunView past = runs.view(first.run());
        for (Map.Entry<String, SeriesData> c : first.charts().entrySet()) {
            SeriesData now = past.chartData(c.getKey(), new SeriesRange(null, null, 500)).orElseThrow();
            assertArrayEquals(c.getValue().times(), now.times(), c.getKey());
            assertArrayEquals(c.getValue().values(), now.values(), c.getKey());
        }
        assertEquals(session.model().charts().size(), past.charts().size());
        Map<String, Object> entities = Values.map(past.state().get("entities"));
        assertEquals(first.entities().keySet(), entities.keySet());
        assertEquals(((Number) first.entities().get("Sink").get("events_received")).longValue(),
                ((Number) Values.map(entities.get("Sink")).get("events_received")).longValue());
        assertTrue(past.entityHistory("Server", 50).containsKey("depth"));
        assertThrows(UnknownNameException.class, () -> past.entityHistory("NoSuchEntity", 50));
        assertEquals(first.recorded().events(), ((Number) past.state().get("events_processed")).longValue());

        // compared: the summaries side by side, both runs' series of a shared chart
        RunComparison c = runs.compare(first.run(), second.run());
        RunComparison.Row events = c.summary().stream().filter(r -> r.key().equals("events")).findFirst().orElseThrow();
        assertEquals((double) first.recorded().events(), events.a());
        assertEquals((double) second.recorded().events(), events.b());
        assertEquals(events.a().doubleValue() != events.b().doubleValue(), events.differs());
        RunComparison.Row p99 = c.summary().stream().filter(r -> r.key().equals("sink:Sink:p99")).findFirst().orElseThrow();
        assertTrue(p99.a() > 0 && p99.b() > 0, "latency p99 of both runs' sink: " + p99);
        assertTrue(c.summary().stream().anyMatch(r -> r.key().equals("metric:Server.depth")));
        RunComparison.Row time = c.summary().stream().filter(r -> r.key().equals("simulated_time_s")).findFirst().orElseThrow();
        assertFalse(time.differs(), "both ran the whole 60 s: " + time);
        assertEquals(session.model().charts().size(), c.charts().size(), "the same scenario: every chart is shared");
        assertEquals(c.summary(), runs.compare(first.run(), second.run()).summary(), "read again (the past run's summary kept): the same");
        String chartId = String.valueOf(c.charts().get(0).get("chart_id"));
        PairedSeries pair = runs.compareChart(first.run(), second.run(), chartId, new SeriesRange(null, null, 300));
        assertArrayEquals(past.chartData(chartId, new SeriesRange(null, null, 300)).orElseThrow().values(), pair.a().values());
        assertArrayEquals(session.chartData(chartId, new SeriesRange(null, null, 300)).orElseThrow().data().values(), pair.b().values());
        assertTrue(pair.a().times().length <= 300 && pair.b().times().length <= 300);
        String probe = String.valueOf(c.probes().get(0).get("name"));
        PairedSeries probes = runs.compareProbe(first.run(), second.run(), probe, Transform.MAX, 5.0, new SeriesRange(null, null, null));
        assertEquals(13, probes.a().times().length, "[0, 60] s in 5 s buckets: the sample at t = 60 s opens the 13th");
        assertArrayEquals(past.probeData(probe, Transform.MAX, 5.0, SeriesRange.ALL).data().values(), probes.a().values());
        assertThrows(UnknownNameException.class, () -> runs.compareChart(first.run(), second.run(), "no-such-chart", SeriesRange.ALL));

        // deleted: gone from the list and from reads; the current run cannot be deleted
        assertThrows(CurrentRunException.class, () -> runs.delete(second.run()));
        runs.delete(first.run());
        assertEquals(List.of(second.run()), runs.list().stream().map(RunInfo::id).toList());
        assertThrows(NoSuchRunException.class, () -> runs.view(first.run()));
        assertThrows(NoSuchRunException.class, () -> runs.store(first.run()));
    }

    private void awaitFinished(long run) throws InterruptedException {
        for (int i = 0; i < 200 && stored.get(run).unfinished(); i++) {
            Thread.sleep(50);
        }
        assertFalse(stored.get(run).unfinished(), "run " + run + " was finished on the drain executor");
    }

    @Test
    void retentionKeepsTheNewestRunsAsNewOnesStart() throws Exception {
        start(new Retention(2, 0));
        session.step(100);
        long first = session.state().runId();
        session.reset();
        session.step(100);
        long second = session.state().runId();
        session.reset();
        long third = session.state().runId();
        for (int i = 0; i < 200 && session.runs().list().size() > 2; i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(third, second), session.runs().list().stream().map(RunInfo::id).toList(), "the oldest run went first");
        assertThrows(NoSuchRunException.class, () -> session.runs().view(first));
    }

    @Test
    void aRunThatProcessedNothingIsNotKept() throws Exception {
        start(new Retention(20, 0));
        session.step(50);
        long kept = session.state().runId();
        session.reset();
        long empty = session.state().runId();
        session.loadScenario("bursty-mm1", 7L, Map.of());   // ends the empty run: nothing was processed in it
        long current = session.state().runId();
        for (int i = 0; i < 200 && session.runs().list().size() > 2; i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(current, kept), session.runs().list().stream().map(RunInfo::id).toList(),
                "the run with 50 events is kept, the empty one " + empty + " is not");
        assertThrows(NoSuchRunException.class, () -> session.runs().view(empty));
    }
    /** A past run's group members (and any entity's state) are what the live run showed at its end, sorted the same way. */
    @Test
    void aPastRunShowsItsGroupMembersAsTheyWereAtItsEnd() throws Exception {
        start(Retention.keepAll());
        session.loadScenario("server-farm");
        session.step(5_000);
        long run = session.state().runId();
        String group = session.topology().nodes().stream().filter(n -> Boolean.TRUE.equals(n.isGroup())).findFirst().orElseThrow().id();
        Map<String, Object> live = session.groupMembers(group, 0, 100, null, "completed", true);
        String busiest = (String) ((Map<?, ?>) ((List<?>) live.get("members")).get(0)).get("name");
        Map<String, Object> busiestLive = session.entityState(busiest);
        session.reset();
        awaitFinished(run);

        RunView past = session.runs().view(run);
        Map<String, Object> kept = past.groupMembers(group, 0, 100, null, "completed", true);
        assertEquals(live.get("total"), kept.get("total"));
        assertEquals(canonical(live.get("members")), canonical(kept.get("members")), "members, order and metrics as at the run's end");
        assertEquals(canonical(busiestLive), canonical(past.entityState(busiest)));
        Map<String, Object> searched = past.groupMembers(group, 0, 100, busiest, null, false);
        assertEquals(1, searched.get("total"));
        assertThrows(UnknownNameException.class, () -> past.groupMembers("Nope", 0, 10, null, null, false));
        assertThrows(UnknownNameException.class, () -> past.entityState("Nope"));
        assertEquals(0L, session.groupMembers(group, 0, 100, null, "completed", true).get("members") instanceof List<?> l
                ? l.stream().mapToLong(m -> ((Number) ((Map<?, ?>) ((Map<?, ?>) m).get("state")).get("completed")).longValue()).sum() : -1,
                "the live run after the reset starts from nothing");
    }

    /** A value as the catalog keeps it (through JSON and back), for comparing a live value with a kept one. */
    private static String canonical(Object value) {
        return ContextJson.of(JsonText.object(ContextJson.of(Map.of("v", value))));
    }
}
