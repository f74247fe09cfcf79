package io.happysim.components;

import io.happysim.core.Event;
import java.util.ArrayDeque;

/** Last in, first out: the newest waiting event is served first. */
public final class LifoQueue implements QueuePolicy {
    private final ArrayDeque<Event> items = new ArrayDeque<>();
    private final int capacity;

    public LifoQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(Event event) {
        if (items.size() >= capacity) {
            return false;
        }
        items.addFirst(event);
        return true;
    }

    @Override
    public Event poll() {
        return items.pollFirst();
    }

    @Override
    public Event peek() {
        return items.peekFirst();
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
    }
}
