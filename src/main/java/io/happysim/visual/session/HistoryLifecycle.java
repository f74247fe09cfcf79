package io.happysim.visual.session;

import io.happysim.visual.bridge.PendingBuffer;
import io.happysim.visual.bridge.SimulationBridge;
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
 * The history's life: what the recording buffers reaches the store (drains every 500 ms by the container, at once
 * when the buffer fills, and after every step, waited for), and the store is emptied when a run starts afresh (reset,
 * another scenario) or when the session records its first rows over a previous server run's history. The simulation
 * thread itself never touches the disk: it hands store work to the drain executor and waits.
 *
 * <p>Threads: {@code previousRun} is written on the simulation thread (and once by {@code start} before it runs),
 * read by any; the drainer serialises the writes; {@code drainQueued} is shared by whoever asks for a drain.
 */
final class HistoryLifecycle {
    private static final Logger LOG = Logger.getLogger(DebugSession.class.getName());
    /** How long the simulation thread waits for the rows of a step to be stored before it answers anyway. */
    private static final long STEP_DRAIN_WAIT_S = 10;
    /** How long a reset waits for the store to be emptied. */
    private static final long CLEAR_WAIT_S = 60;

    private final VisualStore store;
    private final PendingBuffer pending;
    private final Drainer drainer;
    private final Executor drainExecutor;
    private final Supplier<SimulationBridge> bridge;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean previousRun;

    /**
     * @param drainExecutor runs drains asked for between the scheduled ones, and the store work of the simulation thread
     * @param bridge        the current recording (whose server log lines a drain forwards)
     */
    HistoryLifecycle(VisualStore store, PendingBuffer pending, Executor drainExecutor, Supplier<SimulationBridge> bridge) {
        this.store = store;
        this.pending = pending;
        this.drainer = new Drainer(store, pending);
        this.drainExecutor = drainExecutor;
        this.bridge = bridge;
        pending.onFull(this::requestDrain);
    }

    /**
     * At start-up: a history already in the store (a previous server run on a kept database) stays readable, and
     * nothing is written, until the session records something of its own.
     */
    void keepPreviousRun(boolean keepStoredHistory) {
        previousRun = keepStoredHistory && store.stats().lastEventId() + store.stats().lastLogId() > 0;
        drainer.hold(previousRun);
        if (previousRun) {
            LOG.info(() -> "The store holds a previous run's history; it stays readable until this session records anything");
        }
    }

    /** True while the store still shows a previous server run's history. */
    boolean showsPreviousRun() {
        return previousRun;
    }

    /**
     * Moves everything pending into the store, then copies the simulation's log lines to the server's log. Never
     * called on the simulation thread.
     */
    boolean drain() {
        boolean stored = drainer.drain();
        SimulationBridge current = bridge.get();
        if (current != null) {
            current.forwardServerLog();
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
     * show it as soon as the action's answer arrives.
     */
    void drainAndWait() {
        try {
            onDrainThread(this::drain, STEP_DRAIN_WAIT_S);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the store did not take the latest rows in time; they stay pending", e);
        }
    }

    /**
     * A run starts afresh on {@code fresh}: the store and every buffer emptied, ids back to 1. What is pending is
     * discarded rather than flushed: it would be deleted at once, and the new run's first rows (the reset's own log
     * lines) may already be among it with ids that start over. The first load over a previous run's history leaves it
     * in place (see {@link #keepPreviousRun}).
     *
     * @param current the recording being replaced, null at start-up
     */
    void startAfresh(SimulationBridge current, SimulationBridge fresh) {
        if (previousRun && current == null) {
            LOG.fine("start-up on a kept history: this session's first rows wait until it records something");
        } else {
            onDrainThread(() -> drainer.discardAndRun(() -> {
                store.clear();
                fresh.clearRecording();
                pending.reset();
            }), CLEAR_WAIT_S);
            leavePreviousRun(current);
        }
        prepareChartBuckets(fresh);
    }

    /** The first thing this session records replaces a previous run's history: the store is emptied, what is pending is kept. */
    void leavePreviousRun(SimulationBridge current) {
        if (previousRun) {
            onDrainThread(() -> drainer.exclusive(store::clear), CLEAR_WAIT_S);
            previousRun = false;
            drainer.hold(false);
            prepareChartBuckets(current);
        }
    }

    /** Bucketed charts are maintained by the store as samples arrive, so their first large query is already fast. */
    private void prepareChartBuckets(SimulationBridge target) {
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
