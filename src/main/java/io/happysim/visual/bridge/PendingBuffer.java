package io.happysim.visual.bridge;

import io.happysim.visual.store.Batch;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rows recorded but not yet in SQLite. The simulation thread adds; the drainer takes everything at
 * once (a swap, so the simulation goes on filling a fresh batch while the last one is written).
 *
 * <p>Bounded: when {@code capacity} rows are waiting, the simulation thread waits for the drainer
 * (backpressure) instead of dropping rows or growing memory. Other threads (a log line from a web
 * request) never wait — their few rows may go over the bound. {@link #abort()} releases a waiting
 * simulation thread for a reset or shutdown, which then discards what is pending.
 */
public final class PendingBuffer {
    /** Thrown on the simulation thread when a reset or shutdown cut a backpressure wait short. */
    public static final class RecordingAborted extends RuntimeException {
        RecordingAborted() {
            super("recording aborted by a reset or shutdown", null, false, false);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final int capacity;
    private final Thread simulationThread;
    private Batch batch = new Batch();
    private long rows;
    private long events;
    private long waits;
    private long waitedNanos;
    private volatile boolean aborted;
    private Runnable onFull = () -> { };

    /**
     * @param capacity         rows pending before the simulation waits
     * @param simulationThread the only thread that is ever made to wait (null: nobody waits — for tests of the batch logic)
     */
    public PendingBuffer(int capacity, Thread simulationThread) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.simulationThread = simulationThread;
    }

    /** The thread that waits when the buffer is full (the simulation's), or null. */
    public Thread simulationThread() {
        return simulationThread;
    }

    /** Called (outside the lock) when the buffer fills up, so the owner can start a drain right away. */
    public void onFull(Runnable onFull) {
        this.onFull = onFull;
    }

    public void addEvent(RecordedEvent event) {
        lock.lock();
        try {
            batch.addEvent(event);
            rows++;
            events++;
        } finally {
            lock.unlock();
        }
        waitIfFull();
    }

    public void addLog(RecordedLog log) {
        lock.lock();
        try {
            batch.addLog(log);
            rows++;
        } finally {
            lock.unlock();
        }
        waitIfFull();
    }

    public void addSample(String series, long timeNs, double value) {
        lock.lock();
        try {
            batch.addSample(series, timeNs, value);
            rows++;
        } finally {
            lock.unlock();
        }
        waitIfFull();
    }

    /** Everything pending, handed over to the caller (the drainer); the buffer starts a new batch. */
    public Batch takeAll() {
        lock.lock();
        try {
            Batch taken = batch;
            batch = new Batch();
            rows = 0;
            events = 0;
            drained.signalAll();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    public long pendingRows() {
        lock.lock();
        try {
            return rows;
        } finally {
            lock.unlock();
        }
    }

    /** Events among the pending rows. */
    public long pendingEvents() {
        lock.lock();
        try {
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** How often, and for how long in total, the simulation waited for the drainer. */
    public long backpressureWaits() {
        return waits;
    }

    public long backpressureNanos() {
        return waitedNanos;
    }

    /** Releases a waiting simulation thread (it gets {@link RecordingAborted}) and refuses further waits. */
    public void abort() {
        lock.lock();
        try {
            aborted = true;
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets what is pending and accepts rows again (after a reset cleared the store). */
    public void reset() {
        lock.lock();
        try {
            batch = new Batch();
            rows = 0;
            events = 0;
            aborted = false;
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void waitIfFull() {
        if (rows < capacity || Thread.currentThread() != simulationThread) {
            return;
        }
        onFull.run();
        long start = System.nanoTime();
        lock.lock();
        try {
            boolean waited = false;
            while (rows >= capacity && !aborted) {
                waited = true;
                drained.await(100, TimeUnit.MILLISECONDS);
            }
            if (waited) {
                waits++;
                waitedNanos += System.nanoTime() - start;
            }
            if (aborted) {
                throw new RecordingAborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingAborted();
        } finally {
            lock.unlock();
        }
    }
}
