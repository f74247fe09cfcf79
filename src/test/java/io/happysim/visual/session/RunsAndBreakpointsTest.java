package io.happysim.visual.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Entity;
import io.happysim.core.Simulation;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.Retention;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue 16 asked of the session: Debug after a breakpoint continues to the next crossing, breakpoint changes reach
 * every listener, a change of model keeps the breakpoints that fit and names the others, a run-to reports its progress
 * and a pause stops it, group members sort by a metric, and entity metrics (grouped members' too) can be charted.
 */
class RunsAndBreakpointsTest {
    @TempDir
    Path dir;

    private final ExecutorService drains = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    private StoredRuns runs;
    private DebugSession session;

    private DebugSession start(String scenario) {
        runs = new StoredRuns(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan, StoreLimits.defaults(), drains);
        session = new DebugSession(runs, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config(scenario, 200_000, new SimulationBridge.Config(5_000, 0, Level.INFO), 30_000, false, Retention.keepAll()),
                new ScenarioCatalog(null));
        session.start();
        scheduler.scheduleWithFixedDelay(session::drain, 200, 200, TimeUnit.MILLISECONDS);
        return session;
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (session != null) {
            session.close();
        }
        if (runs != null) {
            runs.close();
        }
        drains.shutdownNow();
        scan.shutdownNow();
    }

    /** The events after which Server.depth > 5 became true (it was not after the event before), from a run of its own. */
    private static List<Long> depthCrossings(int howMany) {
        Simulation sim = new ScenarioCatalog(null).find("bursty-mm1").orElseThrow().build().simulation();
        Entity server = sim.entity("Server");
        List<Long> crossings = new ArrayList<>();
        boolean[] was = {false};
        sim.addEventListener(e -> {
            boolean now = ((Number) server.metric("depth")).doubleValue() > 5;
            if (now && !was[0] && crossings.size() < howMany) {
                crossings.add(sim.eventsProcessed());
            }
            was[0] = now;
        });
        sim.prime();
        sim.run();
        return crossings;
    }

    private static CountDownLatch nextHit(DebugSession session) {
        CountDownLatch hit = new CountDownLatch(1);
        session.addListener(new SessionListener() {
            @Override
            public void onBreakpointHit(Map<String, Object> breakpoint, SimState state) {
                hit.countDown();
            }
        });
        return hit;
    }

    @Test
    void debugAfterABreakpointContinuesToTheNextCrossing() throws Exception {
        List<Long> crossings = depthCrossings(3);
        assertEquals(3, crossings.size());
        assertTrue(crossings.get(1) - crossings.get(0) > 1, "the crossings are apart: " + crossings);
        start("bursty-mm1");
        session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Server", "depth", "gt", 5.0, null));
        List<Long> stops = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CountDownLatch hit = nextHit(session);
            session.play(0, true);
            assertTrue(hit.await(30, TimeUnit.SECONDS), "stop " + (i + 1));
            SimState state = session.state();
            assertEquals("breakpoint", state.pauseReason().kind());
            stops.add(state.eventsProcessed());
        }
        assertEquals(crossings, stops, "each Debug stops where the condition becomes true again, not one event later");
    }

    @Test
    void breakpointChangesAreToldToEveryListener() {
        start("bursty-mm1");
        List<List<Map<String, Object>>> heard = new CopyOnWriteArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void onBreakpoints(List<Map<String, Object>> breakpoints, List<Map<String, Object>> dropped) {
                heard.add(breakpoints);
            }
        });
        Map<String, Object> bp = session.addBreakpoint(new BreakpointRequest("time", 5.0, null, null, null, null, null, null, null));
        assertEquals(1, heard.size());
        assertEquals(bp.get("id"), heard.get(0).get(0).get("id"));
        session.step(1);
        assertEquals(1, heard.size(), "nothing changed, nothing told");
        session.runTo(6.0);
        assertEquals(2, heard.size(), "the one-shot breakpoint fired and went away");
        assertEquals(List.of(), heard.get(1));
        Map<String, Object> again = session.addBreakpoint(new BreakpointRequest("event_type", null, null, "Request", null, null, null, null, null));
        session.removeBreakpoint((String) again.get("id"));
        assertEquals(4, heard.size());
        assertEquals(List.of(), heard.get(3));
    }

    @Test
    void anotherModelKeepsTheBreakpointsThatFitAndNamesTheOthers() {
        start("bursty-mm1");
        session.addBreakpoint(new BreakpointRequest("time", 30.0, null, null, null, null, null, null, null));
        session.addBreakpoint(new BreakpointRequest("event_count", null, 500.0, null, null, null, null, null, null));
        session.addBreakpoint(new BreakpointRequest("event_type", null, null, "Request", null, null, null, null, null));
        session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Server", "depth", "gt", 10.0, null));
        session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Sink", "events_received", "ge", 100.0, null));
        session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Source", "generated", "ge", 1.0, null));
        List<List<Map<String, Object>>> dropped = new CopyOnWriteArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void onBreakpoints(List<Map<String, Object>> breakpoints, List<Map<String, Object>> d) {
                dropped.add(d);
            }
        });
        session.loadScenario("retrying-client");
        List<String> kept = session.breakpoints().stream().map(b -> b.get("kind") + ":" + b.getOrDefault("entity", "")).toList();
        assertEquals(List.of("time:", "event_count:", "event_type:", "metric:Server"), kept, "time, count, type and the Server's depth fit");
        assertEquals(1, dropped.size());
        List<Map<String, Object>> gone = dropped.get(0);
        assertEquals(List.of("Sink", "Source"), gone.stream().map(b -> b.get("entity")).toList());
        assertEquals("this model has no entity 'Sink'", gone.get(0).get("reason"));
        // and the kept ones work in the new model: the first Request stops a run-to
        String typeBreakpoint = (String) session.breakpoints().get(2).get("id");
        StepResult r = session.runToEvent(600);
        assertEquals("breakpoint", r.state().pauseReason().kind());
        assertEquals(typeBreakpoint, r.state().pauseReason().breakpointId());
        assertEquals("Request", r.newEvents().get(r.newEvents().size() - 1).eventType());
    }

    @Test
    void aRunToReportsItsProgressAndAPauseStopsIt() throws Exception {
        start("bursty-mm1-long");
        long target = 8_000_000;
        CompletableFuture<StepResult> run = CompletableFuture.supplyAsync(() -> session.runToEvent(target));
        SimState.Progress progress = null;
        for (int i = 0; i < 200 && (progress == null || progress.eventsPerS() <= 0); i++) {
            Thread.sleep(25);
            SimState s = session.state();
            progress = s.progress();
            if (progress != null) {
                assertTrue(s.isPlaying());
                assertNull(s.pauseReason(), "no stale reason while it runs");
            }
        }
        assertNotNull(progress, "updates carry the run's progress");
        assertEquals("run_to_event", progress.kind());
        assertEquals(target, progress.target().eventNumber());
        assertEquals(0, progress.fromEvents());
        assertTrue(progress.eventsPerS() > 0);
        Thread.sleep(200);
        SimState paused = session.pause();
        StepResult answer = run.get(30, TimeUnit.SECONDS);
        assertEquals("pause_requested", answer.state().pauseReason().kind(), "the pause ended the run-to and its caller heard so");
        assertTrue(answer.state().eventsProcessed() < target, "stopped before the target: " + answer.state().eventsProcessed());
        assertFalse(paused.isPlaying());
        assertNull(paused.progress());
        // the same run-to started from the WebSocket answers at once and reaches its target
        long next = paused.eventsProcessed() + 50_000;
        CountDownLatch reached = new CountDownLatch(1);
        session.addListener(new SessionListener() {
            @Override
            public void onUpdate(SimState state) {
                if (state.pauseReason() != null && state.pauseReason().kind().equals("run_to_reached")) {
                    reached.countDown();
                }
            }
        });
        SimState started = session.startRunToEvent(next);
        assertTrue(started.isPlaying());
        assertTrue(reached.await(30, TimeUnit.SECONDS));
        assertEquals(next, session.state().eventsProcessed());
        assertThrows(ControlException.class, () -> session.startRunToEvent(next), "the past is refused");
    }

    @Test
    void groupMembersSortByAMetricAndTheirHistoryCanBeCharted() {
        start("server-farm");
        session.runTo(20.0);
        Map<String, Object> page = session.groupMembers("group:Server", 0, 40, null, "accepted", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members = (List<Map<String, Object>>) page.get("members");
        assertEquals(40, members.size());
        List<Double> accepted = members.stream().map(m -> ((Number) ((Map<?, ?>) m.get("state")).get("accepted")).doubleValue()).toList();
        List<Double> sorted = new ArrayList<>(accepted);
        sorted.sort((a, b) -> Double.compare(b, a));
        assertEquals(sorted, accepted, "busiest first");
        String busiest = (String) members.get(0).get("name");
        assertTrue(session.entityMetrics().get(busiest).contains("depth"), "a grouped member's metrics are recorded");
        var depth = session.entitySeries(busiest, "depth", null, null, new SeriesRange(null, null, null));
        assertEquals(200, depth.times().length, 5, "sampled every 0.1 s for 20 s");
        var p99 = session.entitySeries(busiest, "depth", io.happysim.visual.store.Transform.P99, 5.0, new SeriesRange(null, null, null));
        assertEquals(4, p99.times().length, "four 5 s buckets");
        assertThrows(UnknownNameException.class, () -> session.entitySeries("Nope", "depth", null, null, new SeriesRange(null, null, null)));
    }
}
