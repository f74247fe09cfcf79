package io.happysim.visual.session;

import io.happysim.scenarios.BurstyMm1Scenario;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.StoreStats;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * A recording in a process of its own, to be killed: plays {@code bursty-mm1-long} at full speed into
 * the database file given as the first argument, draining every 500 ms as the server does, and after
 * every drain prints {@code stored <events> <logs> <samples> recorded <events> pending <rows>} — what it
 * may promise is on disk, and what the simulation had recorded by then — until it is killed (or the run
 * ends: {@code complete}).
 */
public final class RecordingChild {
    private RecordingChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ExecutorService drains = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(file)), VisualStore.scanHelper(Executors.defaultThreadFactory()));
        DebugSession session = new DebugSession(store, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config(BurstyMm1Scenario.LONG_ID, 200_000, new SimulationBridge.Config(5_000, 10_000, Level.INFO), 60_000,
                        false), new ScenarioCatalog(null));
        session.start();
        scheduler.scheduleWithFixedDelay(() -> {
            session.drain();
            StoreStats stats = store.stats();
            // only what a finished drain committed is promised; rows recorded meanwhile may still be pending
            System.out.println("stored " + stats.events() + " " + stats.logs() + " " + stats.samples() + " recorded "
                    + session.recorded().events() + " pending " + session.pendingRows());
            System.out.flush();
        }, 500, 500, TimeUnit.MILLISECONDS);
        session.play(0, false);
        while (!session.state().isComplete()) {
            Thread.sleep(100);
        }
        System.out.println("complete");
        System.out.flush();
    }
}
