package io.happysim.visual.session;

import io.happysim.visual.bridge.PendingBuffer;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.Retention;
import io.happysim.visual.store.RunFinish;
import io.happysim.visual.store.RunStart;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.VisualStore;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history's life: what the recording buffers reaches the current run's store (drains every 500 ms by the
 * container, at once when the buffer fills, and after every step, waited for), and every load or reset starts a new
 * run while the previous one is kept (unless it processed no event) — finished (its final state, counts and size
 * written) and the retention applied afterwards, on the drain executor. The simulation thread itself never touches the disk: it hands store work to the
 * drain executor and waits only for what the next run needs (the ending run's last rows stored, the new run's tables).
 *
 * <p>Threads: the drainer serialises the writes; {@code drainQueued} is shared by whoever asks for a drain;
 * {@code previousRuns} is written once before the simulation thread starts; {@code lastRetentionNs} by whoever drains.
 */
final class HistoryLifecycle {
    private static final Logger LOG = Logger.getLogger(DebugSession.class.getName());
    /** How long the simulation thread waits for the rows of a step to be stored before it answers anyway. */
    private static final long STEP_DRAIN_WAIT_S = 10;
    /** How long a reset waits for the new run's tables. */
    private static final long START_WAIT_S = 60;
    /** How often the retention is checked while a run records (it grows). */
    private static final long RETENTION_CHECK_NS = TimeUnit.SECONDS.toNanos(10);

    private final StoredRuns runs;
    private final Retention retention;
    private final PendingBuffer pending;
    private final Drainer drainer;
    private final Executor drainExecutor;
    private final Supplier<SimulationBridge> bridge;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile int previousRuns;
    private volatile long lastRetentionNs = System.nanoTime();

    /**
     * @param drainExecutor runs drains asked for between the scheduled ones, the store work of the simulation thread,
     *                      and the finishing of ended runs
     * @param bridge        the current recording (whose server log lines a drain forwards)
     */
    HistoryLifecycle(StoredRuns runs, Retention retention, PendingBuffer pending, Executor drainExecutor, Supplier<SimulationBridge> bridge) {
        this.runs = runs;
        this.retention = retention;
        this.pending = pending;
        this.drainer = new Drainer(pending);
        this.drainExecutor = drainExecutor;
        this.bridge = bridge;
        pending.onFull(this::requestDrain);
    }

    /**
     * At start-up, before the first run: a scratch file's runs are deleted; a kept file's stay, listed beside the
     * runs this session records.
     */
    void open(boolean keepStoredHistory) {
        if (!keepStoredHistory) {
            runs.deleteAll();
        }
        previousRuns = runs.list().size();
        if (previousRuns > 0) {
            LOG.info(() -> "The history file keeps " + previousRuns + " runs of earlier sessions");
        }
    }

    /** Runs the file held from earlier server sessions when this one started. */
    int previousRuns() {
        return previousRuns;
    }

    /** The store drains go to: the current run's. */
    VisualStore store() {
        return drainer.store();
    }

    /**
     * Moves everything pending into the store, then copies the simulation's log lines to the server's log, and now and
     * then applies the retention. Never called on the simulation thread.
     */
    boolean drain() {
        boolean stored = drainer.drain();
        SimulationBridge current = bridge.get();
        if (current != null) {
            current.forwardServerLog();
        }
        if (System.nanoTime() - lastRetentionNs > RETENTION_CHECK_NS) {
            lastRetentionNs = System.nanoTime();
            retain();
        }
        return stored;
    }

    private void requestDrain() {
        if (drainQueued.compareAndSet(false, true)) {
            drainExecutor.execute(() -> {
                drainQueued.set(false);
                drain();
            });
        }
    }

    /**
     * Waits (on the simulation thread) until what the last action recorded is in the store, so the history endpoints
     * show it as soon as the action's answer arrives — and, before a reset or a new scenario, so that the ending run
     * keeps every row it recorded.
     */
    void drainAndWait() {
        try {
            onDrainThread(this::drain, STEP_DRAIN_WAIT_S);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the store did not take the latest rows in time; they stay pending", e);
        }
    }

    /**
     * A new run starts on {@code fresh}: its row and tables are made, drains go to it, ids start at 1 again. What is
     * pending is discarded: the ending run's rows were stored before ({@link #drainAndWait}), what remains was recorded
     * by the reset itself. The ending run is finished afterwards on the drain executor (its size is read from the file
     * page by page), then the retention is applied.
     *
     * @param ended the ending run's final word (null at start-up)
     */
    void startRun(SimulationBridge fresh, RunStart start, RunFinish ended) {
        VisualStore[] previous = new VisualStore[1];
        onDrainThread(() -> drainer.discardAndRun(() -> {
            previous[0] = drainer.store();
            drainer.switchTo(runs.startRun(start));
            fresh.clearRecording();
            pending.reset();
        }), START_WAIT_S);
        prepareChartBuckets(fresh);
        VisualStore endedStore = previous[0];
        if (endedStore != null && ended != null) {
            drainExecutor.execute(() -> {
                if (endedStore.lastEventId() == 0) {
                    dropEmpty(endedStore);
                } else {
                    finish(endedStore, ended);
                }
                retain();
            });
        } else {
            drainExecutor.execute(this::retain);
        }
    }

    /** Writes a run's end (counts, size, final state) to the catalog; a failure is logged, the run stays listed. */
    void finish(VisualStore store, RunFinish end) {
        try {
            runs.finish(store, end);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the end of run " + store.runId() + "; it is counted again at the next start", e);
        }
    }

    /**
     * A run that processed no event (a Restart or another model right after a load) is not kept: the Runs panel would
     * fill with empty rows, and retention would count them against the runs worth keeping.
     */
    private void dropEmpty(VisualStore store) {
        try {
            runs.delete(store.runId());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "run " + store.runId() + " recorded nothing and could not be dropped; it stays listed", e);
        }
    }

    private void retain() {
        try {
            runs.retain(retention);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention " + retention + " failed; it is tried again later", e);
        }
    }

    /** Bucketed charts are maintained by the store as samples arrive, so their first large query is already fast. */
    private void prepareChartBuckets(SimulationBridge target) {
        VisualStore store = drainer.store();
        ChartReads.bucketedCharts(target.model()).forEach(c -> store.prepareBuckets(c.series(), c.transform(), c.windowS()));
    }

    /** Runs store work for the simulation thread on the drain executor and waits for it: the simulation thread does no I/O. */
    private void onDrainThread(Runnable work, long timeoutSeconds) {
        Waits.get(CompletableFuture.runAsync(work, drainExecutor), timeoutSeconds, TimeUnit.SECONDS, "interrupted while waiting for the store",
                "the store did not answer within " + timeoutSeconds + " s");
    }

    Drainer.Status status() {
        return drainer.status();
    }

    /** Rows recorded but not yet in the store (including a failed batch waiting for its retry). */
    long pendingRows() {
        return pending.pendingRows() + drainer.retryRows();
    }

    long pendingEvents() {
        return pending.pendingEvents();
    }

    /** How often the simulation waited for the drainer, and for how long in all: "12 waits, 3.4 s". */
    String backpressure() {
        return String.format(Locale.ROOT, "%d waits, %.1f s", pending.backpressureWaits(), pending.backpressureNanos() / 1e9);
    }
}
