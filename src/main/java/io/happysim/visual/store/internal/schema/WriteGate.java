package io.happysim.visual.store.internal.schema;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The file's write turn: every writer of one database file — each run's history writer, the catalog, the reclaiming
 * of a deleted run's space — takes it around its write transaction. SQLite would serialise them anyway, but a writer
 * that finds the file busy sleeps in SQLite's busy handler (in steps of up to 100 ms); waiting here instead hands the
 * turn over the moment the other transaction ends. Fair, so that a long series of short reclaim steps cannot starve the
 * drainer. One per file.
 */
public final class WriteGate {
    private final ReentrantLock lock = new ReentrantLock(true);

    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }

    /** True when another writer is waiting for the turn (a reclaim step then ends early). */
    public boolean othersWaiting() {
        return lock.hasQueuedThreads();
    }
}
