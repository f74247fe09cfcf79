package io.happysim.visual.session;

import io.happysim.visual.bridge.PendingBuffer;
import io.happysim.visual.store.Batch;
import io.happysim.visual.store.VisualStore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of the history store: moves what the bridge recorded into the current run's store in SQLite, one
 * transaction per batch. A batch that fails (disk full, locked file) is kept and retried first next time, so
 * nothing is lost or reordered; meanwhile the bounded pending buffer makes the simulation wait.
 *
 * <p>Runs on whatever thread calls {@link #drain()} (the container's scheduler every 500 ms, or
 * at once when the buffer fills); the lock keeps it to one drain at a time and lets a reset
 * switch to a new run's store with no drain in between.
 *
 * <p>Threads: {@code store}, {@code retry}, the counters and {@code failingStreak} are written under the lock (volatile
 * where {@code /api/store} reads them).
 */
public final class Drainer {
    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());

    /** What {@code /api/store} shows about draining. */
    public record Status(long drains, long failures, long lastDrainMs, long lastDrainEpochMs, long rowsDrained,
                         String lastError) {
    }

    private volatile VisualStore store;
    private final PendingBuffer pending;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Batch retry;
    private volatile long drains;
    private volatile long failures;
    private volatile long lastDrainMs;
    private volatile long lastDrainEpochMs;
    private volatile long rowsDrained;
    private volatile String lastError;
    private long failingStreak;

    /** @param pending the session's buffer (one for the session's life: every run it records goes through it) */
    public Drainer(PendingBuffer pending) {
        this.pending = pending;
    }

    /** The store drains go to: the current run's (null before the first run). */
    public VisualStore store() {
        return store;
    }

    /** From now on drains go to {@code next}: call it inside {@link #discardAndRun}, with no drain in progress. */
    public void switchTo(VisualStore next) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("switch stores only with no drain in progress");
        }
        store = next;
    }

    /**
     * Writes everything pending, batch after batch, until the buffer is empty or a write fails.
     * @return true when everything pending reached the store
     */
    public boolean drain() {
        lock.lock();
        try {
            while (store != null) {
                Batch batch = retry != null ? retry : pending.takeAll();
                retry = null;
                if (batch.isEmpty()) {
                    return true;
                }
                long start = System.nanoTime();
                try {
                    store.append(batch);
                } catch (RuntimeException e) {
                    retry = batch;
                    failures++;
                    lastError = String.valueOf(e.getMessage());
                    logFailure(batch, e);
                    return false;
                }
                if (failingStreak > 0) {
                    LOG.info("drain recovered after " + failingStreak + " failed attempts; " + batch.rows() + " rows stored");
                    failingStreak = 0;
                }
                lastDrainMs = (System.nanoTime() - start) / 1_000_000;
                lastDrainEpochMs = System.currentTimeMillis();
                rowsDrained += batch.rows();
                drains++;
                lastError = null;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first failure of a streak is logged with its cause; while it lasts (every 500 ms) only attempts 2, 4,
     * 8, … are, so a full disk does not flood the server log with one stack trace per retry.
     */
    private void logFailure(Batch batch, RuntimeException e) {
        failingStreak++;
        if (failingStreak == 1) {
            LOG.log(Level.WARNING, "drain of " + batch.rows() + " rows failed; they are kept and retried", e);
        } else if (Long.bitCount(failingStreak) == 1) {
            LOG.warning("drain still failing after " + failingStreak + " attempts (" + batch.rows() + " rows kept): " + e.getMessage());
        }
    }

    /**
     * Runs {@code action} with no drain in progress or starting, after discarding whatever is pending or
     * waiting for a retry: for a reset or a scenario change, which then start a new run. The ending run's rows were
     * drained before; what is pending now was recorded by the reset itself.
     */
    public void discardAndRun(Runnable action) {
        lock.lock();
        try {
            Batch lost = retry;
            if (lost != null) {
                LOG.warning("the last " + lost.rows() + " rows of the ending run could not be stored (" + lastError + "); they are dropped");
            }
            retry = null;
            pending.takeAll();
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Rows taken from the buffer but not yet stored (a failed batch waiting for its retry). */
    public long retryRows() {
        Batch waiting = retry;
        return waiting == null ? 0 : waiting.rows();
    }

    public Status status() {
        return new Status(drains, failures, lastDrainMs, lastDrainEpochMs, rowsDrained, lastError);
    }
}
