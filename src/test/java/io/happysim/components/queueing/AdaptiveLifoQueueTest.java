package io.happysim.components.queueing;

import static io.happysim.components.queueing.ManualContext.id;
import static io.happysim.components.queueing.ManualContext.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Oldest first while fewer than the threshold wait, newest first from the threshold on. */
class AdaptiveLifoQueueTest {
    @Test
    void switchesToNewestFirstAtTheThreshold() {
        AdaptiveLifoQueue queue = new AdaptiveLifoQueue(3, 100);
        for (long i = 1; i <= 5; i++) {
            queue.offer(request(i));
        }
        assertTrue(queue.isCongested());
        List<Long> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(id(queue.poll()));
        }

        // depths at each pop 5, 4, 3 (≥ 3: newest), then 2, 1 (oldest)
        assertEquals(List.of(5L, 4L, 3L, 1L, 2L), order);
        assertFalse(queue.isCongested());
        assertEquals(3L, queue.stats().get("dequeued_lifo"));
        assertEquals(2L, queue.stats().get("dequeued_fifo"));
        assertEquals(1L, queue.stats().get("mode_switches"));
        assertEquals("FIFO", queue.stats().get("mode"));
    }

    @Test
    void belowTheThresholdItIsPlainFifo() {
        AdaptiveLifoQueue queue = new AdaptiveLifoQueue(3, 2);
        queue.offer(request(1));
        queue.offer(request(2));
        assertFalse(queue.offer(request(3)), "capacity 2");
        assertEquals(1L, id(queue.poll()));
        assertEquals(2L, id(queue.poll()));
        assertEquals(0L, queue.stats().get("mode_switches"));
        assertEquals(1L, queue.stats().get("capacity_rejected"));
    }
}
