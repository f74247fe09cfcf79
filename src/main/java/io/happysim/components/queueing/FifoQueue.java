package io.happysim.components.queueing;

import io.happysim.core.Event;

/** First in, first out. */
public final class FifoQueue extends DequePolicy {
    public FifoQueue(int capacity) {
        super(capacity);
    }

    @Override
    protected void place(Event event) {
        items.addLast(event);
    }
}
