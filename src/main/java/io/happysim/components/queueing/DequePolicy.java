package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.ArrayDeque;

/** A bounded deque served from its head: FIFO and LIFO differ only in which end a new event joins. */
abstract class DequePolicy implements QueuePolicy {
    protected final ArrayDeque<Event> items = new ArrayDeque<>();
    private final int capacity;

    DequePolicy(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Puts an accepted event in its place in {@link #items}. */
    protected abstract void place(Event event);

    @Override
    public final boolean offer(Event event) {
        if (items.size() >= capacity) {
            return false;
        }
        place(event);
        return true;
    }

    @Override
    public final Event poll() {
        return items.pollFirst();
    }

    @Override
    public final Event peek() {
        return items.peekFirst();
    }

    @Override
    public final int size() {
        return items.size();
    }

    @Override
    public final int capacity() {
        return capacity;
    }

    @Override
    public final void clear() {
        items.clear();
    }
}
