package io.happysim.components;

import io.happysim.core.Event;
import java.util.ArrayDeque;

/** First in, first out. */
public final class FifoQueue implements QueuePolicy {
    private final ArrayDeque<Event> items = new ArrayDeque<>();
    private final int capacity;

    public FifoQueue(int capacity) {
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
        items.addLast(event);
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
