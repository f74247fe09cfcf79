package io.happysim.components.queueing;

import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Earliest deadline first, and a request whose deadline has passed is dropped rather than served:
 * work nobody waits for any more is not done. A deadline equal to now is still served. Expired
 * requests stay (and count in {@link #size}) until a poll or peek reaches them.
 */
public final class DeadlineQueue extends AttachedPolicy {
    private final ToLongFunction<Event> deadlineNanos;
    private final PolicyCounts counts;
    private final PriorityQueue<Entry> items = new PriorityQueue<>(
            Comparator.comparingLong(Entry::deadlineNanos).thenComparingLong(Entry::arrival));
    private long arrivals;
    private long expired;

    private record Entry(Event event, long deadlineNanos, long arrival) {
    }

    /** {@code deadlineNanos} is asked once, when a request joins: an absolute simulated time. */
    public DeadlineQueue(ToLongFunction<Event> deadlineNanos, int capacity) {
        if (deadlineNanos == null) {
            throw new IllegalArgumentException("a deadline queue needs a deadline function");
        }
        this.counts = new PolicyCounts(capacity);
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The deadline in the request's context under {@code key}: an {@link Instant}, or a number of
     * seconds; a request without one never expires.
     */
    public static ToLongFunction<Event> fromContext(String key) {
        return event -> {
            Object value = event.contextView().get(key);
            if (value instanceof Instant instant) {
                return instant.nanos();
            }
            if (value instanceof Number seconds) {
                return Instant.secondsToNanos(seconds.doubleValue());
            }
            return Instant.INFINITE_NANOS;
        };
    }

    /**
     * A time budget from the request's creation ({@code created_at}, an {@link Instant} or seconds);
     * without it, from the moment it joins the queue.
     */
    public static ToLongFunction<Event> createdAtPlus(double budgetSeconds) {
        long budget = Instant.secondsToNanos(budgetSeconds);
        if (budget < 0) {
            throw new IllegalArgumentException("negative budget " + budgetSeconds + " s");
        }
        return event -> {
            Object created = event.contextView().get("created_at");
            long start = created instanceof Instant instant ? instant.nanos()
                    : created instanceof Number seconds ? Instant.secondsToNanos(seconds.doubleValue())
                    : event.timeNanos();
            return start > Instant.INFINITE_NANOS - budget ? Instant.INFINITE_NANOS : start + budget;
        };
    }

    @Override
    public boolean offer(Event event) {
        if (counts.isFull(items.size())) {
            return false;
        }
        items.add(new Entry(event, deadlineNanos.applyAsLong(event), arrivals++));
        counts.countEnqueued();
        return true;
    }

    @Override
    public Event poll() {
        dropExpired();
        Entry next = items.poll();
        if (next == null) {
            return null;
        }
        counts.countDequeued();
        return next.event();
    }

    /** The next request to serve; the expired ones in front of it are dropped now. */
    @Override
    public Event peek() {
        dropExpired();
        Entry next = items.peek();
        return next == null ? null : next.event();
    }

    /** Expired entries have the earliest deadlines, so they are all at the front. */
    private void dropExpired() {
        if (items.isEmpty()) {
            return;
        }
        QueueContext owner = context();
        long now = owner.nowNanos();
        while (!items.isEmpty() && items.peek().deadlineNanos() < now) {
            expired++;
            owner.dropped(items.poll().event(), "deadline expired");
        }
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
        Entry waiting;
        while ((waiting = items.poll()) != null) {
            sink.accept(waiting.event());
        }
    }

    @Override
    public void clear() {
        items.clear();
        arrivals = 0;
        counts.clear();
        expired = 0;
    }

    /** {@code expired, enqueued, dequeued, capacity_rejected}. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("expired", expired);
        stats.put("enqueued", counts.enqueued());
        stats.put("dequeued", counts.dequeued());
        stats.put("capacity_rejected", counts.capacityRejected());
        return stats;
    }

    @Override
    public String toString() {
        return "Deadline(capacity " + counts.capacity() + ")";
    }
}
