package io.happysim.visual.app;

import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.LogCapture;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.VisualStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one debugging session of this server, as a container singleton: it hands the plain-Java
 * {@link DebugSession} the container's threads (a managed thread for the simulation, managed
 * executors for the drains) and the runs of its SQLite DataSource, hands the store its search-scan helper
 * (a managed thread too), and schedules the drain every 500 ms.
 *
 * <p>Bean-managed concurrency and transactions: the container's default write lock on every method
 * would serialise history reads behind the simulation, and the store commits its own JDBC batches.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DebuggerSession {
    static final long DRAIN_INTERVAL_MS = 500;
    private static final Logger LOG = Logger.getLogger(DebuggerSession.class.getName());

    @Resource(lookup = "jdbc/visualStore")
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    Settings settings;

    private ExecutorService scanHelper;
    private StoredRuns runs;
    private DebugSession session;
    private ScheduledFuture<?> drainTask;
    private String databasePath;

    @PostConstruct
    void start() {
        scanHelper = VisualStore.scanHelper(threads);
        runs = new StoredRuns(dataSource, scanHelper, StoreLimits.defaults(), executor);
        databasePath = runs.databasePath();
        SimulationBridge.Config recording = new SimulationBridge.Config(SimulationBridge.Config.defaults().tailCapacity(),
                settings.maxInMemorySamples(), LogCapture.javaLevel(settings.logLevel()));
        DebugSession.Config config = DebugSession.Config.defaults().withScenario(settings.scenario()).withRecording(recording)
                .withKeepStoredHistory(!settings.temporaryDatabase()).withRetention(settings.retention());
        ScenarioCatalog catalog = new ScenarioCatalog(settings.modelsDir());
        session = new DebugSession(runs, threads, executor, config, catalog);
        session.start();
        if (settings.temporaryDatabase() && !databasePath.isEmpty()) {
            deleteAtServerExit(Path.of(databasePath));
        }
        drainTask = scheduler.scheduleWithFixedDelay(this::drain, DRAIN_INTERVAL_MS, DRAIN_INTERVAL_MS, TimeUnit.MILLISECONDS);
        LOG.info(() -> "happysim session started with scenario '" + session.scenario().id() + "'; history store at "
                + databasePath + (settings.temporaryDatabase() ? " (scratch: emptied at start-up, deleted when the server stops)" : " (kept across restarts)"));
    }

    private void drain() {
        try {
            session.drain();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scheduled drain failed; it will be retried", e);
        }
    }

    /** Stops the simulation and writes everything recorded. */
    @PreDestroy
    void stop() {
        if (drainTask != null) {
            drainTask.cancel(false);
        }
        session.close();
        runs.close();
        scanHelper.shutdownNow();
    }

    /**
     * A scratch database goes when the server stops. Not when the application stops: the server's
     * connection pool outlives a redeployment and would go on writing to a deleted file.
     * {@code deleteOnExit} keeps only the paths (no class of this application) until the JVM exits.
     */
    private static void deleteAtServerExit(Path db) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            db.resolveSibling(db.getFileName() + suffix).toFile().deleteOnExit();
        }
    }

    public DebugSession session() {
        return session;
    }

    /** Every run of the history file. */
    public StoredRuns runs() {
        return runs;
    }

    /** The current run's history store. */
    public VisualStore store() {
        return session.store();
    }

    public String databasePath() {
        return databasePath;
    }

    public boolean temporaryDatabase() {
        return settings.temporaryDatabase();
    }
}
