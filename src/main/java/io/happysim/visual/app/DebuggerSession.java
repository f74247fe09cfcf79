package io.happysim.visual.app;

import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.LogCapture;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.session.DebugSession;
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
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The one debugging session of this server, as a container singleton: it hands the plain-Java
 * {@link DebugSession} the container's threads (a managed thread for the simulation, managed
 * executors for the drains) and its SQLite DataSource, hands the store its search-scan helper
 * (a managed thread too), and schedules the drain every 500 ms.
 *
 * <p>The DataSource is looked up at start, not injected: on a server without it (or with another database) the
 * application still starts, logs what to add and answers every call with that ({@link #setupProblem()}).
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

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    Settings settings;

    private ExecutorService scanHelper;
    private VisualStore store;
    private DebugSession session;
    private ScheduledFuture<?> drainTask;
    private String databasePath;
    private String setupProblem;

    @PostConstruct
    void start() {
        StoreSetup.Found found = lookUpStore();
        if (!found.isUsable()) {
            setupProblem = found.problem();
            LOG.severe(() -> StoreSetup.logLine(setupProblem));
            return;
        }
        DataSource dataSource = found.dataSource();
        scanHelper = VisualStore.scanHelper(threads);
        store = new VisualStore(dataSource, scanHelper);
        databasePath = store.databasePath();
        SimulationBridge.Config recording = new SimulationBridge.Config(SimulationBridge.Config.defaults().tailCapacity(),
                settings.maxInMemorySamples(), LogCapture.javaLevel(settings.logLevel()));
        DebugSession.Config config = DebugSession.Config.defaults().withScenario(settings.scenario()).withRecording(recording)
                .withKeepStoredHistory(!settings.temporaryDatabase());
        ScenarioCatalog catalog = new ScenarioCatalog(settings.modelsDir());
        session = new DebugSession(store, threads, executor, config, catalog);
        session.start();
        if (settings.temporaryDatabase() && !databasePath.isEmpty()) {
            deleteAtServerExit(Path.of(databasePath));
        }
        drainTask = scheduler.scheduleWithFixedDelay(this::drain, DRAIN_INTERVAL_MS, DRAIN_INTERVAL_MS, TimeUnit.MILLISECONDS);
        LOG.info(() -> "happysim session started with scenario '" + session.scenario().id() + "'; history store at "
                + databasePath + (settings.temporaryDatabase() ? " (scratch: emptied at start-up, deleted when the server stops)" : " (kept across restarts)"));
    }

    private static StoreSetup.Found lookUpStore() {
        try {
            return StoreSetup.lookUp(new InitialContext());
        } catch (NamingException e) {
            return StoreSetup.Found.missing("no naming service to look " + StoreSetup.JNDI_NAME + " up in: " + StoreSetup.rootMessage(e));
        }
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
        if (setupProblem != null) {
            return;
        }
        if (drainTask != null) {
            drainTask.cancel(false);
        }
        session.close();
        store.close();
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

    /**
     * Why the debugger cannot run on this server (it has no usable SQLite DataSource {@value StoreSetup#JNDI_NAME}),
     * or null when it runs.
     */
    public String setupProblem() {
        return setupProblem;
    }

    /** @throws NotConfiguredException on a server without the history store */
    public DebugSession session() {
        requireStore();
        return session;
    }

    /** @throws NotConfiguredException on a server without the history store */
    public VisualStore store() {
        requireStore();
        return store;
    }

    /** @throws NotConfiguredException on a server without the history store */
    public String databasePath() {
        requireStore();
        return databasePath;
    }

    private void requireStore() {
        if (setupProblem != null) {
            throw new NotConfiguredException(setupProblem);
        }
    }

    public boolean temporaryDatabase() {
        return settings.temporaryDatabase();
    }
}
