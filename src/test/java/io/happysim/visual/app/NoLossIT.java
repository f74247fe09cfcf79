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
 * what it recorded in SQLite — every event once, ids 1..N, times in order, every log line and sample.
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
    void aFinishedRunIsStoredWithoutLossOrDuplicates() throws Exception {
        DebugSession session = debugger.session();
        session.loadScenario("consistent-hash-lb");
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
            assertTrue(done.await(120, TimeUnit.SECONDS), "consistent-hash-lb completes");
        } finally {
            session.removeListener(listener);
        }
        SimState end = session.state();
        assertTrue(end.isComplete());
        assertEquals(0, session.pendingRows(), "completion waits until everything is stored");

        VisualStore store = debugger.store();
        DebugSession.Recorded recorded = session.recorded();
        assertEquals(end.eventsProcessed(), recorded.events());
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
        assertEquals(end.eventsProcessed() + 1, expectedId);

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

        for (var entity : session.model().simulation().probes()) {
            Probe probe = (Probe) entity;
            assertEquals(probe.data().totalAdded(), store.seriesSize(probe.name()), probe.name() + ": every sample stored");
        }

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
    }
}
