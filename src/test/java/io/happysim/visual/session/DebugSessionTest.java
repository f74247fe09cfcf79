package io.happysim.visual.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.Direction;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.Page;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.nio.file.Path;
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

/** The session without a server: real scenarios, a real SQLite store, plain threads in place of the container's. */
class DebugSessionTest {
    @TempDir
    Path dir;

    private final ExecutorService drains = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    private VisualStore store;
    private DebugSession session;

    private DebugSession start(int pendingCapacity) {
        return start(pendingCapacity, false);
    }

    private DebugSession start(int pendingCapacity, boolean keepStoredHistory) {
        store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan);
        session = new DebugSession(store, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config("bursty-mm1", pendingCapacity, new SimulationBridge.Config(5_000, 0, Level.INFO), 30_000,
                        keepStoredHistory), new io.happysim.scenarios.ScenarioCatalog(null));
        session.start();
        scheduler.scheduleWithFixedDelay(session::drain, 500, 500, TimeUnit.MILLISECONDS);
        return session;
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (session != null) {
            session.close();
        }
        drains.shutdownNow();
        scan.shutdownNow();
    }

    private static CountDownLatch completion(DebugSession session) {
        CountDownLatch done = new CountDownLatch(1);
        session.addListener(new SessionListener() {
            @Override
            public void onComplete(SimState state) {
                done.countDown();
            }
        });
        return done;
    }

    @Test
    void startsPrimedAndPausedAtZeroWithTheUpcomingEvents() {
        SimState state = start(10_000).state();
        assertEquals(0.0, state.timeS());
        assertEquals(0, state.eventsProcessed());
        assertTrue(state.isPaused() && state.isRunning() && !state.isComplete());
        assertEquals("bursty-mm1", state.scenario());
        assertEquals(List.of("source_event", "source_event"), state.upcoming().stream().map(SimState.UpcomingEvent::eventType).toList());
        assertEquals(0.05, state.upcoming().get(0).timeS(), 1e-9);
        assertTrue(state.entities().keySet().containsAll(List.of("Source", "Server", "Sink", "Probe_Server_depth")));
    }

    @Test
    void aStepAnswersItsEventsAndTheyAreAlreadyInTheStore() {
        start(10_000);
        StepResult result = session.step(5);
        assertEquals(5, result.state().eventsProcessed());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), result.newEvents().stream().map(RecordedEvent::eventId).toList());
        assertEquals("step_done", result.state().pauseReason().kind());
        Page<RecordedEvent> stored = store.events(EventQuery.create().direction(Direction.NEWER).limit(10));
        assertEquals(5, stored.total(), "the step waited for its rows to be stored");
        assertEquals(result.newEvents(), stored.items());
    }

    @Test
    void runToStopsAtTheFirstEventAtOrAfterTheTime() {
        start(10_000);
        StepResult result = session.runTo(30.0);
        assertEquals(30.0, result.state().timeS(), 1e-6);
        assertEquals("run_to_reached", result.state().pauseReason().kind());
        assertTrue(result.newEvents().size() <= DebugSession.LIVE_TAIL_LIMIT);
        assertEquals(result.state().eventsProcessed(), result.newEvents().size() + result.droppedEvents());
        assertThrows(ControlException.class, () -> session.runTo(10.0), "the past is refused");
        StepResult toEvent = session.runToEvent(result.state().eventsProcessed() + 7);
        assertEquals(result.state().eventsProcessed() + 7, toEvent.state().eventsProcessed());
    }

    @Test
    void playAtMaxSpeedRecordsEveryEventExactlyOnceInOrder() throws Exception {
        start(2_000); // a small buffer: the run has to wait for the drainer many times
        CountDownLatch done = completion(session);
        session.play(0, false);
        assertTrue(done.await(60, TimeUnit.SECONDS), "bursty-mm1 completes");
        SimState end = session.state();
        assertTrue(end.isComplete());
        assertEquals("complete", end.pauseReason().kind());
        assertEquals(0, session.pendingRows(), "a finished run is fully stored");
        long processed = end.eventsProcessed();
        assertEquals(processed, store.countEvents(EventQuery.create()).total());
        long expectedId = 1;
        long lastTime = Long.MIN_VALUE;
        String cursor = null;
        do {
            Page<RecordedEvent> page = store.events(EventQuery.create().direction(Direction.NEWER).limit(1000).cursor(cursor));
            for (RecordedEvent event : page.items()) {
                assertEquals(expectedId++, event.eventId());
                assertTrue(event.timeNs() >= lastTime);
                lastTime = event.timeNs();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(processed + 1, expectedId);
        assertThrows(ControlException.class, () -> session.step(1), "a complete run cannot step");
    }

    @Test
    void resetEmptiesTheStoreAndGoesBackToZero() {
        start(10_000);
        session.runTo(20.0);
        SimState state = session.reset();
        assertEquals(0, state.eventsProcessed());
        assertEquals(0.0, state.timeS());
        assertNull(state.pauseReason());
        assertEquals(0, store.countEvents(EventQuery.create()).total());
        assertEquals(0, store.stats().logs(), "the log history starts empty too");
        StepResult again = session.step(1);
        assertEquals(1L, again.newEvents().get(0).eventId(), "ids start at 1 again");
    }

    @Test
    void debugPlayStopsAtAMetricBreakpointAndSaysWhich() throws Exception {
        start(10_000);
        Map<String, Object> bp = session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Server", "depth", "ge", 5.0, null));
        CountDownLatch hit = new CountDownLatch(1);
        session.addListener(new SessionListener() {
            @Override
            public void onBreakpointHit(Map<String, Object> breakpoint, SimState state) {
                assertEquals(bp.get("id"), breakpoint.get("id"));
                hit.countDown();
            }
        });
        session.play(0, true);
        assertTrue(hit.await(30, TimeUnit.SECONDS));
        SimState state = session.state();
        assertEquals("breakpoint", state.pauseReason().kind());
        assertEquals(bp.get("id"), state.pauseReason().breakpointId());
        assertTrue(((Number) state.entities().get("Server").get("depth")).doubleValue() >= 5);
        assertFalse(state.isPlaying());
    }

    @Test
    void aPlainPlayRunsThroughBreakpoints() throws Exception {
        start(10_000);
        session.addBreakpoint(new BreakpointRequest("event_count", null, 10.0, null, null, null, null, null, null));
        CountDownLatch done = completion(session);
        session.play(0, false);
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals(1, session.breakpoints().size(), "the one-shot breakpoint did not fire");
    }

    @Test
    void pauseStopsAPacedPlayAndReadsWorkWhilePlaying() throws Exception {
        start(10_000);
        session.play(1, false);
        Thread.sleep(300);
        assertTrue(session.state().isPlaying());
        assertTrue(session.entityState("Server").containsKey("depth"), "a read runs between two events without stopping the play");
        assertTrue(session.state().isPlaying());
        SimState paused = session.pause();
        assertFalse(paused.isPlaying());
        assertTrue(paused.isPaused());
        assertTrue(paused.timeS() < 2.0, "1x for ~0.3 s of wall time: " + paused.timeS());
        assertEquals("pause_requested", paused.pauseReason().kind());
    }

    @Test
    void unknownNamesAndBadBreakpointsAreRefused() {
        start(10_000);
        assertThrows(UnknownNameException.class, () -> session.entityState("Nope"));
        assertThrows(UnknownNameException.class, () -> session.removeBreakpoint("bp-99"));
        assertThrows(UnknownNameException.class, () -> session.loadScenario("nope"));
        assertThrows(InvalidRequestException.class,
                () -> session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Server", "colour", "gt", 1.0, null)));
        assertThrows(InvalidRequestException.class,
                () -> session.addBreakpoint(new BreakpointRequest("metric", null, null, null, "Server", "depth", "approx", 1.0, null)));
        assertThrows(InvalidRequestException.class, () -> session.addBreakpoint(new BreakpointRequest("sometimes", null, null, null, null, null, null, null, null)));
    }

    @Test
    void loadingAnotherScenarioReplacesTheModelAndTheHistory() {
        start(10_000);
        session.step(20);
        SimState state = session.loadScenario("consistent-hash-lb");
        assertEquals("consistent-hash-lb", state.scenario());
        assertEquals(0, state.eventsProcessed());
        assertEquals(0, store.countEvents(EventQuery.create()).total());
        assertTrue(session.topology().hasNode("Router"));
    }

    @Test
    void aKeptDatabaseShowsThePreviousRunUntilTheSessionRecordsItsOwn() {
        start(10_000, true);
        session.step(10);
        session.close();
        store.close();

        start(10_000, true);
        assertTrue(session.showsPreviousRun());
        assertEquals(10, store.countEvents(EventQuery.create()).total(), "the previous server run's history survived");
        session.drain();
        assertEquals(10, store.countEvents(EventQuery.create()).total(), "draining does not mix the new run into it");
        StepResult first = session.step(1);
        assertFalse(session.showsPreviousRun());
        assertEquals(1, store.countEvents(EventQuery.create()).total());
        assertEquals(first.newEvents(), store.lastEvents(1));
        assertTrue(store.stats().logs() > 0, "the new run's own log lines were kept and stored");
    }

    @Test
    void aFailingDiskStallsTheRunAndLosesNothingOnceItRecovers() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean diskFull = new java.util.concurrent.atomic.AtomicBoolean();
        store = new VisualStore(TestDataSources.failing(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("flaky.db"))),
                what -> diskFull.get() && what.startsWith("commit")), scan);
        session = new DebugSession(store, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config("bursty-mm1", 500, new SimulationBridge.Config(5_000, 0, Level.INFO), 30_000, false), new io.happysim.scenarios.ScenarioCatalog(null));
        session.start();
        java.util.List<java.util.logging.LogRecord> drainLog = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger drainLogger = java.util.logging.Logger.getLogger(Drainer.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                drainLog.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        drainLogger.addHandler(capture);
        drainLogger.setUseParentHandlers(false);
        scheduler.scheduleWithFixedDelay(session::drain, 100, 100, TimeUnit.MILLISECONDS);
        diskFull.set(true);
        CountDownLatch done = completion(session);
        session.play(0, false);
        Thread.sleep(1_500);
        assertTrue(session.drainStatus().failures() > 0, "the failed drains are counted");
        assertTrue(session.drainStatus().lastError().contains("injected failure"), session.drainStatus().lastError());
        assertFalse(session.state().isComplete(), "the simulation waits for the store instead of running ahead");
        assertTrue(session.pendingRows() <= 2 * 500 + 100, "what waits in memory stays bounded: " + session.pendingRows());
        diskFull.set(false);
        assertTrue(done.await(60, TimeUnit.SECONDS), "the run goes on once the disk takes writes again");
        assertEquals(0, session.pendingRows());
        DebugSession.Recorded recorded = session.recorded();
        assertEquals(recorded.events(), store.stats().events(), "every event stored once");
        assertEquals(recorded.logs(), store.stats().logs());
        assertEquals(recorded.samples(), store.stats().samples());
        assertEquals(store.stats().events(), store.lastEvents(1).get(0).eventId(), "ids without gaps or duplicates");
        drainLogger.removeHandler(capture);
        drainLogger.setUseParentHandlers(true);
        long failures = session.drainStatus().failures();
        assertTrue(failures >= 8, "enough failed attempts to tell a flood from a summary: " + failures);
        assertEquals(1, drainLog.stream().filter(r -> r.getThrown() != null).count(), "one stack trace per streak");
        long warnings = drainLog.stream().filter(r -> r.getLevel() == Level.WARNING).count();
        assertEquals(1 + (63 - Long.numberOfLeadingZeros(failures)), warnings, "then attempts 2, 4, 8, … of " + failures);
        assertTrue(drainLog.get(drainLog.size() - 1).getMessage().startsWith("drain recovered after " + failures + " failed attempts"),
                drainLog.get(drainLog.size() - 1).getMessage());
    }

    @Test
    void aScratchDatabaseStartsEmpty() {
        start(10_000, false);
        session.step(10);
        session.close();
        store.close();
        start(10_000, false);
        assertFalse(session.showsPreviousRun());
        assertEquals(0, store.countEvents(EventQuery.create()).total());
    }
}
