package io.happysim.visual.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest records of a run (events or log lines), kept in memory for the live view. Records are
 * numbered 1, 2, 3 … in the order they are added, so each watcher only remembers the last number it
 * saw and asks for what came after; a watcher that fell further behind than the capacity is told how
 * many it missed (they are all in the store). Bounded: memory does not grow with the run.
 *
 * <p>Written by the simulation thread, read by WebSocket and REST threads, hence synchronized; the
 * critical sections are a few array operations.
 */
public final class LiveTail<T> {
    private final Object[] ring;
    private long lastId;

    public LiveTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new Object[capacity];
    }

    /** What a watcher gets: the newest records after its last one, and how many in between it did not get. */
    public record Slice<T>(List<T> items, long dropped, long lastId) {
    }

    public synchronized void add(T record) {
        lastId++;
        ring[(int) ((lastId - 1) % ring.length)] = record;
    }

    public synchronized long lastId() {
        return lastId;
    }

    /** At most {@code max} of the newest records numbered above {@code afterId}, oldest first. */
    @SuppressWarnings("unchecked")
    public synchronized Slice<T> since(long afterId, int max) {
        long from = Math.max(afterId, 0);
        long available = lastId - from;
        if (available <= 0) {
            return new Slice<>(List.of(), 0, lastId);
        }
        int take = (int) Math.min(Math.min(available, max), ring.length);
        List<T> items = new ArrayList<>(take);
        for (long id = lastId - take + 1; id <= lastId; id++) {
            items.add((T) ring[(int) ((id - 1) % ring.length)]);
        }
        return new Slice<>(items, available - take, lastId);
    }

    /** The newest {@code n} records, oldest first. */
    public Slice<T> newest(int n) {
        return since(0, n);
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        lastId = 0;
    }
}
