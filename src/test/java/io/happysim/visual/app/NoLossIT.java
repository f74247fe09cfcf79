package io.happysim.visual.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.instrumentation.Probe;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.SessionListener;
import io.happysim.visual.session.SimState;
import io.happysim.visual.store.Direction;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.LogQuery;
import io.happysim.visual.store.Page;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.StoreStats;
import io.happysim.visual.store.VisualStore;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty: a scenario played to completion through the container's threads leaves exactly
 * what it recorded in SQLite — every event once, ids 1..N, times in order, every log line and sample — and so does
 * the next run after a reset, in its own run, while the first keeps what it had.
 */
@ExtendWith(ArquillianExtension.class)
class NoLossIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar().addClass(NoLossIT.class).addClass(Deployments.class);
    }

    @Inject
    DebuggerSession debugger;

    @Resource(lookup = "jdbc/visualStore")
    DataSource dataSource;

    @Test
    void everyFinishedRunIsStoredWithoutLossOrDuplicates() throws Exception {
        DebugSession session = debugger.session();
        session.loadScenario("consistent-hash-lb");
        Finished first = playToTheEnd(session);
        assertStoredWithoutLoss(debugger.store(), first);

        // a reset starts a new run: the first keeps exactly what it had, the second is stored as completely
        session.reset();
        assertTrue(session.state().runId() > first.run());
        Finished second = playToTheEnd(session);
        assertStoredWithoutLoss(debugger.store(), second);
        assertStoredWithoutLoss(session.runs().store(first.run()), first);
        assertEquals(first.recorded().events(), second.recorded().events(), "the same scenario and seed record the same events");
        assertEquals(first.recorded().samples(), second.recorded().samples(), "and the same samples");

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
    }

    /** A run played to its end: its id, what the recording produced, and every probe's sample count. */
    private record Finished(long run, DebugSession.Recorded recorded, java.util.Map<String, Long> probeSamples) {
    }

    private static Finished playToTheEnd(DebugSession session) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        SessionListener listener = new SessionListener() {
            @Override
            public void onComplete(SimState state) {
                done.countDown();
            }
        };
        session.addListener(listener);
        try {
            session.play(0, false);
            assertTrue(done.await(120, TimeUnit.SECONDS), "the run completes");
        } finally {
            session.removeListener(listener);
        }
        SimState end = session.state();
        assertTrue(end.isComplete());
        assertEquals(0, session.pendingRows(), "completion waits until everything is stored");
        DebugSession.Recorded recorded = session.recorded();
        assertEquals(end.eventsProcessed(), recorded.events());
        java.util.Map<String, Long> probes = new java.util.LinkedHashMap<>();
        for (var entity : session.model().simulation().probes()) {
            Probe probe = (Probe) entity;
            probes.put(probe.name(), probe.data().totalAdded());
        }
        return new Finished(end.runId(), recorded, probes);
    }

    private static void assertStoredWithoutLoss(VisualStore store, Finished run) {
        assertEquals(run.run(), store.runId());
        DebugSession.Recorded recorded = run.recorded();
        StoreStats stats = store.stats();
        assertEquals(recorded.events(), stats.events(), "events stored = events processed");
        assertEquals(recorded.logs(), stats.logs(), "log lines stored = log lines captured");
        assertEquals(recorded.samples(), stats.samples(), "samples stored = samples recorded");

        long expectedId = 1;
        long lastTime = Long.MIN_VALUE;
        String cursor = null;
        do {
            Page<RecordedEvent> page = store.events(EventQuery.create().direction(Direction.NEWER).limit(1000).cursor(cursor));
            for (RecordedEvent event : page.items()) {
                assertEquals(expectedId++, event.eventId(), "ids 1..N without gaps");
                assertTrue(event.timeNs() >= lastTime, "times never go back");
                lastTime = event.timeNs();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(recorded.events() + 1, expectedId);

        long expectedLog = 1;
        cursor = null;
        do {
            Page<RecordedLog> page = store.logs(LogQuery.create().direction(Direction.NEWER).limit(1000).cursor(cursor));
            for (RecordedLog log : page.items()) {
                assertEquals(expectedLog++, log.logId());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(recorded.logs() + 1, expectedLog);
        run.probeSamples().forEach((probe, samples) -> assertEquals(samples, store.seriesSize(probe), probe + ": every sample stored"));
    }
}
