package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.Comparator;

/** The order in which a queue hands out waiting events, and how many it holds. */
public interface QueuePolicy {
    /** Adds the event; false (and nothing stored) when the queue is at capacity. */
    boolean offer(Event event);

    /** Removes and returns the next event, or null when empty. */
    Event poll();

    Event peek();

    int size();

    /** Maximum number held; {@link Integer#MAX_VALUE} for unbounded. */
    int capacity();

    void clear();

    default boolean isEmpty() {
        return size() == 0;
    }

    static QueuePolicy fifo() {
        return new FifoQueue(Integer.MAX_VALUE);
    }

    static QueuePolicy fifo(int capacity) {
        return new FifoQueue(capacity);
    }

    static QueuePolicy lifo() {
        return new LifoQueue(Integer.MAX_VALUE);
    }

    static QueuePolicy lifo(int capacity) {
        return new LifoQueue(capacity);
    }

    /** Lowest key first; ties in arrival order. */
    static QueuePolicy priority(Comparator<Event> order, int capacity) {
        return new PriorityQueuePolicy(order, capacity);
    }

    /** Lowest numeric {@code context.priority} first (missing = 0); ties in arrival order. */
    static QueuePolicy priorityByContext(int capacity) {
        return new PriorityQueuePolicy(PriorityQueuePolicy.BY_CONTEXT_PRIORITY, capacity);
    }
}
