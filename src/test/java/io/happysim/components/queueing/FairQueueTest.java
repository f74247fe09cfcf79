package io.happysim.components.queueing;

import static io.happysim.components.queueing.ManualContext.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flows take turns: one request each (fair), or up to their weight in a row (weighted). */
class FairQueueTest {
    private static Event from(String flow, int n) {
        return request(n, "flow", flow, "name", flow + n);
    }

    private static List<String> drain(QueuePolicy queue) {
        List<String> order = new ArrayList<>();
        Event next;
        while ((next = queue.poll()) != null) {
            order.add((String) next.contextView().get("name"));
        }
        return order;
    }

    @Test
    void flowsAreServedInStrictRoundRobin() {
        QueuePolicy fair = QueuePolicy.fair(FairQueue.byContext("flow"));
        for (int i = 1; i <= 3; i++) {
            fair.offer(from("A", i));
        }
        fair.offer(from("B", 1));
        fair.offer(from("B", 2));
        fair.offer(from("C", 1));

        assertEquals(List.of("A1", "B1", "C1", "A2", "B2", "A3"), drain(fair));
        assertEquals(3L, fair.stats().get("flows_created"));
        assertEquals(3L, fair.stats().get("flows_removed"));
        assertEquals(0, fair.stats().get("flows"));
    }

    @Test
    void aFlowThatEmptiedRejoinsAtTheEnd() {
        QueuePolicy fair = QueuePolicy.fair(FairQueue.byContext("flow"));
        fair.offer(from("A", 1));
        fair.offer(from("B", 1));
        fair.offer(from("B", 2));
        assertEquals("A1", fair.poll().contextView().get("name"));   // A empties and leaves the rotation
        fair.offer(from("A", 2));                                    // A rejoins behind B

        assertEquals(List.of("B1", "A2", "B2"), drain(fair));
    }

    @Test
    void weightThreeAgainstOneGivesUpToThreeTurnsInARow() {
        QueuePolicy wfq = QueuePolicy.weightedFair(FairQueue.byContext("flow"), flow -> "H".equals(flow) ? 3 : 1);
        for (int i = 1; i <= 7; i++) {
            wfq.offer(from("H", i));
        }
        for (int i = 1; i <= 3; i++) {
            wfq.offer(from("L", i));
        }

        assertEquals(List.of("H1", "H2", "H3", "L1", "H4", "H5", "H6", "L2", "H7", "L3"), drain(wfq));
    }

    @Test
    void limitsRefuseWithTheirOwnReasonAndCount() {
        FairQueue fair = FairQueue.builder(FairQueue.byContext("flow")).maxFlows(2).perFlowCapacity(2).capacity(3).build();
        assertTrue(fair.offer(from("A", 1)));
        assertTrue(fair.offer(from("A", 2)));
        assertFalse(fair.offer(from("A", 3)));
        assertEquals("flow queue full", fair.refusalReason());
        assertTrue(fair.offer(from("B", 1)));
        assertFalse(fair.offer(from("C", 1)));
        assertEquals("queue full", fair.refusalReason(), "3 waiting: the total capacity refuses first");
        fair.poll();
        assertFalse(fair.offer(from("C", 1)));
        assertEquals("too many flows", fair.refusalReason());

        Map<String, Object> stats = fair.stats();
        assertEquals(1L, stats.get("rejected_flow_capacity"));
        assertEquals(1L, stats.get("capacity_rejected"));
        assertEquals(1L, stats.get("rejected_max_flows"));
        assertEquals(3L, stats.get("enqueued"));
        assertEquals(2, fair.size());
    }

    @Test
    void aCrashDrainTakesEveryFlow() {
        FairQueue fair = FairQueue.builder(FairQueue.byContext("flow")).build();
        fair.offer(from("A", 1));
        fair.offer(from("B", 1));
        List<Event> drained = new ArrayList<>();
        fair.drainTo(drained::add);
        assertEquals(2, drained.size());
        assertEquals(0, fair.size());
        assertNull(fair.poll());
    }
}
