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
import io.happysim.visual.store.Retention;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.StoredRuns;
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
    private StoredRuns runs;
    private DebugSession session;

    /** The current run's store(). */
    private VisualStore store() {
        return session.store();
    }

    private DebugSession start(int pendingCapacity) {
        return start(pendingCapacity, false);
    }

    private DebugSession start(int pendingCapacity, boolean keepStoredHistory) {
        runs = new StoredRuns(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan, StoreLimits.defaults(), drains);
        session = new DebugSession(runs, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config("bursty-mm1", pendingCapacity, new SimulationBridge.Config(5_000, 0, Level.INFO), 30_000,
                        keepStoredHistory, Retention.keepAll()), new io.happysim.scenarios.ScenarioCatalog(null));
        session.start();
        scheduler.scheduleWithFixedDelay(session::drain, 500, 500, TimeUnit.MILLISECONDS);
        return session;
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (session != null) {
            session.close();
            runs.close();
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

    /** A page puts updates and answers in order by seq: it must grow with every publication, across resets and models. */
    @Test
    void everyPublishedStateIsNumberedHigherThanTheOneBefore() {
        long first = start(10_000).state().seq();
        long afterStep = session.step(3).state().seq();
        long playing = session.play(1, false).seq();
        long paused = session.pause().seq();
        long reset = session.reset().seq();
        long loaded = session.loadScenario("bursty-mm1").seq();
        assertTrue(first >= 1 && first < afterStep && afterStep < playing && playing < paused && paused < reset && reset < loaded,
                List.of(first, afterStep, playing, paused, reset, loaded).toString());
        assertEquals(loaded, session.state().seq(), "a read does not publish");
    }

    @Test
    void aStepAnswersItsEventsAndTheyAreAlreadyInTheStore() {
        start(10_000);
        StepResult result = session.step(5);
        assertEquals(5, result.state().eventsProcessed());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), result.newEvents().stream().map(RecordedEvent::eventId).toList());
        assertEquals("step_done", result.state().pauseReason().kind());
        Page<RecordedEvent> stored = store().events(EventQuery.create().direction(Direction.NEWER).limit(10));
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
        assertEquals(processed, store().countEvents(EventQuery.create()).total());
        long expectedId = 1;
        long lastTime = Long.MIN_VALUE;
        String cursor = null;
        do {
            Page<RecordedEvent> page = store().events(EventQuery.create().direction(Direction.NEWER).limit(1000).cursor(cursor));
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
    void resetStartsANewRunAtZeroAndKeepsTheEndingOne() {
        start(10_000);
        long first = session.state().runId();
        StepResult reached = session.runTo(20.0);
        long processed = reached.state().eventsProcessed();
        long logs = session.recorded().logs();
        SimState state = session.reset();
        assertEquals(0, state.eventsProcessed());
        assertEquals(0.0, state.timeS());
        assertNull(state.pauseReason());
        assertTrue(state.runId() > first, "a new run");
        assertEquals(0, store().countEvents(EventQuery.create()).total());
        assertEquals(0, store().stats().logs(), "the new run's log history starts empty too");
        StepResult again = session.step(1);
        assertEquals(1L, again.newEvents().get(0).eventId(), "ids start at 1 again");
        VisualStore ended = session.runs().store(first);
        assertEquals(processed, ended.countEvents(EventQuery.create()).total(), "the ending run kept every event");
        assertEquals(logs, ended.stats().logs(), "and every log line");
        assertEquals(List.of(state.runId(), first), session.runs().list().stream().map(RunInfo::id).toList(), "newest first");
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
        assertEquals(0, store().countEvents(EventQuery.create()).total());
        assertTrue(session.topology().hasNode("Router"));
    }

    @Test
    void aKeptDatabaseKeepsTheRunsOfEarlierSessionsBesideTheNewOne() {
        start(10_000, true);
        long earlier = session.state().runId();
        session.step(10);
        session.close();
        runs.close();

        start(10_000, true);
        assertEquals(1, session.previousRuns());
        assertTrue(session.state().runId() > earlier);
        RunInfo kept = session.runs().info(earlier);
        assertEquals(10, kept.events(), "the earlier session's run is listed with what it recorded");
        assertEquals("bursty-mm1", kept.scenario());
        assertFalse(kept.current());
        assertEquals(10, session.runs().store(earlier).countEvents(EventQuery.create()).total(), "and its history is readable");
        assertEquals(0, store().countEvents(EventQuery.create()).total(), "the new run starts empty");
        StepResult first = session.step(1);
        assertEquals(1, store().countEvents(EventQuery.create()).total());
        assertEquals(first.newEvents(), store().lastEvents(1));
        assertTrue(store().stats().logs() > 0, "the new run's own log lines were kept and stored");
        assertEquals(10, session.runs().store(earlier).countEvents(EventQuery.create()).total(), "nothing of it went to the earlier run");
    }

    @Test
    void aFailingDiskStallsTheRunAndLosesNothingOnceItRecovers() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean diskFull = new java.util.concurrent.atomic.AtomicBoolean();
        runs = new StoredRuns(TestDataSources.failing(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("flaky.db"))),
                what -> diskFull.get() && what.startsWith("commit")), scan, StoreLimits.defaults(), drains);
        session = new DebugSession(runs, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config("bursty-mm1", 500, new SimulationBridge.Config(5_000, 0, Level.INFO), 30_000, false, Retention.keepAll()),
                new io.happysim.scenarios.ScenarioCatalog(null));
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
        assertEquals(recorded.events(), store().stats().events(), "every event stored once");
        assertEquals(recorded.logs(), store().stats().logs());
        assertEquals(recorded.samples(), store().stats().samples());
        assertEquals(store().stats().events(), store().lastEvents(1).get(0).eventId(), "ids without gaps or duplicates");
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
        runs.close();
        start(10_000, false);
        assertEquals(0, session.previousRuns());
        assertEquals(List.of(session.state().runId()), session.runs().list().stream().map(RunInfo::id).toList(), "only the new run");
        assertEquals(0, store().countEvents(EventQuery.create()).total());
    }
}
