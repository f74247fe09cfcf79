package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The order in which a queue hands out waiting events, how many it holds, and — for the active
 * policies (CoDel, RED, deadlines) — which ones it drops instead of serving.
 */
public interface QueuePolicy {
    /** Adds the event; false (and nothing stored) when the policy refuses it ({@link #refusalReason} says why). */
    boolean offer(Event event);

    /**
     * Removes and returns the next event to serve, or null when none is left. An active policy may
     * drop waiting events on the way, reporting each through its {@link QueueContext}.
     */
    Event poll();

    Event peek();

    /** Events held, including any an active policy has not yet found to be droppable. */
    int size();

    /** Maximum number held; {@link Integer#MAX_VALUE} for unbounded. */
    int capacity();

    /** Back to the initial state: empty, counters zeroed. */
    void clear();

    default boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Called by the queued resource that owns the policy (on every reset) with its clock, a random
     * stream and a drop callback; FIFO, LIFO and priority need none of it.
     */
    default void attach(QueueContext owner) {
    }

    /** Why the last refused {@link #offer} was refused: the failure reason the caller hears. */
    default String refusalReason() {
        return "queue full";
    }

    /** Removes every waiting event without applying drop rules (a crash loses them all alike). */
    default void drainTo(Consumer<? super Event> sink) {
        Event waiting;
        while ((waiting = poll()) != null) {
            sink.accept(waiting);
        }
    }

    /** The policy's own counters (enqueued, dropped …), in display order; empty for the passive policies. */
    default Map<String, Object> stats() {
        return Map.of();
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

    /** CoDel with the usual target 5 ms and interval 100 ms, unbounded. */
    static QueuePolicy codel() {
        return new CoDelQueue(CoDelQueue.DEFAULT_TARGET_SECONDS, CoDelQueue.DEFAULT_INTERVAL_SECONDS, Integer.MAX_VALUE);
    }

    static QueuePolicy codel(double targetSeconds, double intervalSeconds, int capacity) {
        return new CoDelQueue(targetSeconds, intervalSeconds, capacity);
    }

    /** RED between {@code minThreshold} and {@code maxThreshold} waiting, other parameters as the reference's defaults. */
    static QueuePolicy red(int minThreshold, int maxThreshold) {
        return RedQueue.builder(minThreshold, maxThreshold).build();
    }

    /** Earliest deadline first; expired requests are dropped when reached (see {@link DeadlineQueue#fromContext}, {@link DeadlineQueue#createdAtPlus}). */
    static QueuePolicy deadline(ToLongFunction<Event> deadlineNanos) {
        return new DeadlineQueue(deadlineNanos, Integer.MAX_VALUE);
    }

    static QueuePolicy deadline(ToLongFunction<Event> deadlineNanos, int capacity) {
        return new DeadlineQueue(deadlineNanos, capacity);
    }

    /** One request per flow in turn (strict round robin); see {@link FairQueue#builder} for limits. */
    static QueuePolicy fair(Function<Event, ?> flowId) {
        return FairQueue.builder(flowId).build();
    }

    /** Up to {@code weight(flow)} requests per flow in turn. */
    static QueuePolicy weightedFair(Function<Event, ?> flowId, ToIntFunction<Object> weight) {
        return FairQueue.builder(flowId).weights(weight).build();
    }

    /** Oldest first, newest first while {@code threshold} or more wait. */
    static QueuePolicy adaptiveLifo(int threshold) {
        return new AdaptiveLifoQueue(threshold, Integer.MAX_VALUE);
    }

    static QueuePolicy adaptiveLifo(int threshold, int capacity) {
        return new AdaptiveLifoQueue(threshold, capacity);
    }
}
