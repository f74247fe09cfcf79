package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Smallest first by a comparator; equal keys leave in arrival order, so runs stay deterministic. */
public final class PriorityQueuePolicy implements QueuePolicy {
    /** Orders by the numeric {@code priority} context entry, missing = 0. */
    public static final Comparator<Event> BY_CONTEXT_PRIORITY = Comparator.comparingDouble(PriorityQueuePolicy::contextPriority);

    private final PriorityQueue<Entry> items;
    private final int capacity;
    private long arrivals;

    private record Entry(Event event, long arrival) {
    }

    public PriorityQueuePolicy(Comparator<Event> order, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        Comparator<Entry> byKey = (a, b) -> order.compare(a.event(), b.event());
        this.items = new PriorityQueue<>(byKey.thenComparingLong(Entry::arrival));
    }

    private static double contextPriority(Event event) {
        Object value = event.contextView().get("priority");
        return value instanceof Number number ? number.doubleValue() : 0.0;
    }

    @Override
    public boolean offer(Event event) {
        if (items.size() >= capacity) {
            return false;
        }
        items.add(new Entry(event, arrivals++));
        return true;
    }

    @Override
    public Event poll() {
        Entry entry = items.poll();
        return entry == null ? null : entry.event();
    }

    @Override
    public Event peek() {
        Entry entry = items.peek();
        return entry == null ? null : entry.event();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void clear() {
        items.clear();
        arrivals = 0;
    }
}
