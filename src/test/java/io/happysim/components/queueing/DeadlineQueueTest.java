package io.happysim.components.queueing;

import static io.happysim.components.queueing.ManualContext.id;
import static io.happysim.components.queueing.ManualContext.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.happysim.core.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Earliest deadline first; expired requests are dropped when reached, a deadline equal to now is served. */
class DeadlineQueueTest {
    private static final long MS = 1_000_000L;

    private final ManualContext clock = new ManualContext();

    private DeadlineQueue byContextDeadline() {
        DeadlineQueue queue = new DeadlineQueue(DeadlineQueue.fromContext("deadline"), 100);
        queue.attach(clock);
        return queue;
    }

    @Test
    void servesEarliestDeadlineFirstWithTiesInArrivalOrder() {
        DeadlineQueue queue = byContextDeadline();
        queue.offer(request(1, "deadline", 0.030));
        queue.offer(request(2, "deadline", 0.010));
        queue.offer(request(3, "deadline", 0.020));
        queue.offer(request(4, "deadline", 0.010));
        queue.offer(request(5));   // no deadline: never expires, served last

        List<Long> order = List.of(id(queue.poll()), id(queue.poll()), id(queue.poll()), id(queue.poll()), id(queue.poll()));

        assertEquals(List.of(2L, 4L, 3L, 1L, 5L), order);
        assertNull(queue.poll());
    }

    @Test
    void dropsExpiredRequestsAndServesOneWhoseDeadlineIsNow() {
        DeadlineQueue queue = byContextDeadline();
        queue.offer(request(1, "deadline", Instant.ofSeconds(0.010)));
        queue.offer(request(2, "deadline", 0.015));
        queue.offer(request(3, "deadline", 0.020));
        queue.offer(request(4, "deadline", 0.050));
        clock.nowNanos = 20 * MS;

        assertEquals(4, queue.size(), "expired requests count until reached");
        assertEquals(3L, id(queue.poll()), "deadline 20 ms at 20 ms is served");
        assertEquals(List.of(1L, 2L), clock.dropped.stream().map(ManualContext::id).toList());
        assertEquals(List.of("deadline expired", "deadline expired"), clock.reasons);
        assertEquals(1, queue.size());
        assertEquals(2L, queue.stats().get("expired"));
        assertEquals(1L, queue.stats().get("dequeued"));

        clock.nowNanos = 51 * MS;
        assertNull(queue.peek(), "peek drops what has expired too");
        assertEquals(3L, queue.stats().get("expired"));
    }

    @Test
    void aBudgetCountsFromCreationOrFromJoiningTheQueue() {
        DeadlineQueue queue = new DeadlineQueue(DeadlineQueue.createdAtPlus(0.100), 100);
        queue.attach(clock);
        queue.offer(request(1, "created_at", Instant.ofSeconds(0.050)));   // deadline 150 ms
        queue.offer(request(2));                                           // joined at 0 → deadline 100 ms
        clock.nowNanos = 120 * MS;

        assertEquals(1L, id(queue.poll()));
        assertEquals(List.of(2L), clock.dropped.stream().map(ManualContext::id).toList());
    }

    @Test
    void refusesBeyondCapacity() {
        DeadlineQueue queue = new DeadlineQueue(DeadlineQueue.fromContext("deadline"), 1);
        queue.attach(clock);
        queue.offer(request(1));
        assertEquals(false, queue.offer(request(2)));
        assertEquals(1L, queue.stats().get("capacity_rejected"));
    }
}
