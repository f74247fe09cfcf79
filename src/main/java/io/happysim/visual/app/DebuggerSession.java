package io.happysim.visual.app;

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
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one debugging session of this server: owns the history store and the drain that feeds it.
 *
 * <p>Bean-managed concurrency and transactions: the container's default write lock on every method
 * would serialise history reads behind the drain, and the store commits its own JDBC batches.
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

    private VisualStore store;
    private ScheduledFuture<?> drainTask;
    private final AtomicLong drains = new AtomicLong();
    private volatile long lastDrainEpochMs;

    @PostConstruct
    void start() {
        store = new VisualStore(dataSource);
        drainTask = scheduler.scheduleWithFixedDelay(this::drain, DRAIN_INTERVAL_MS, DRAIN_INTERVAL_MS, TimeUnit.MILLISECONDS);
        LOG.info(() -> "happysim session started; history store at " + store.databasePath());
    }

    @PreDestroy
    void stop() {
        if (drainTask != null) {
            drainTask.cancel(false);
        }
        drain();
    }

    /** One pass of the drainer: moves what the simulation recorded into SQLite. */
    void drain() {
        try {
            drains.incrementAndGet();
            lastDrainEpochMs = System.currentTimeMillis();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "drain failed; it will be retried", e);
        }
    }

    public VisualStore store() {
        return store;
    }

    public long drains() {
        return drains.get();
    }

    public long lastDrainEpochMs() {
        return lastDrainEpochMs;
    }
}
