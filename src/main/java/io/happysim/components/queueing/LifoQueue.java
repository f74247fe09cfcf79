package io.happysim.components.queueing;

import io.happysim.core.Event;

/** Last in, first out: the newest waiting event is served first. */
public final class LifoQueue extends DequePolicy {
    public LifoQueue(int capacity) {
        super(capacity);
    }

    @Override
    protected void place(Event event) {
        items.addFirst(event);
    }
}
