package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * FIFO while the queue is short, LIFO once {@code threshold} or more wait: under congestion the
 * newest requests, whose callers are still waiting, are served first, and the oldest (likely
 * already timed out upstream) wait — Facebook's adaptive LIFO.
 */
public final class AdaptiveLifoQueue implements QueuePolicy {
    private final int threshold;
    private final PolicyCounts counts;
    private final ArrayDeque<Event> items = new ArrayDeque<>();
    private boolean lastPopLifo;
    private long dequeuedFifo;
    private long dequeuedLifo;
    private long modeSwitches;

    public AdaptiveLifoQueue(int threshold, int capacity) {
        if (threshold < 1) {
            throw new IllegalArgumentException("congestion threshold must be at least 1, got " + threshold);
        }
        this.counts = new PolicyCounts(capacity);
        this.threshold = threshold;
    }

    @Override
    public boolean offer(Event event) {
        if (counts.isFull(items.size())) {
            return false;
        }
        items.addLast(event);
        counts.countEnqueued();
        return true;
    }

    @Override
    public Event poll() {
        if (items.isEmpty()) {
            return null;
        }
        boolean lifo = isCongested();
        if (lifo != lastPopLifo && dequeuedFifo + dequeuedLifo > 0) {
            modeSwitches++;
        }
        lastPopLifo = lifo;
        if (lifo) {
            dequeuedLifo++;
            return items.pollLast();
        }
        dequeuedFifo++;
        return items.pollFirst();
    }

    @Override
    public Event peek() {
        return isCongested() ? items.peekLast() : items.peekFirst();
    }

    /** Whether the next pop takes the newest request. */
    public boolean isCongested() {
        return items.size() >= threshold;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public int capacity() {
        return counts.capacity();
    }

    @Override
    public void drainTo(Consumer<? super Event> sink) {
        Event waiting;
        while ((waiting = items.pollFirst()) != null) {
            sink.accept(waiting);
        }
    }

    @Override
    public void clear() {
        items.clear();
        lastPopLifo = false;
        counts.clear();
        dequeuedFifo = 0;
        dequeuedLifo = 0;
        modeSwitches = 0;
    }

    /** {@code congested} first (charts as 0/1), {@code mode} (FIFO or LIFO, the next pop's), then the counters. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("congested", isCongested());
        stats.put("mode", isCongested() ? "LIFO" : "FIFO");
        stats.put("enqueued", counts.enqueued());
        stats.put("dequeued_fifo", dequeuedFifo);
        stats.put("dequeued_lifo", dequeuedLifo);
        stats.put("capacity_rejected", counts.capacityRejected());
        stats.put("mode_switches", modeSwitches);
        return stats;
    }

    @Override
    public String toString() {
        return "AdaptiveLIFO(threshold " + threshold + ")";
    }
}
