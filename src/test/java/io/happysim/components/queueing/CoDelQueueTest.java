package io.happysim.components.queueing;

import static io.happysim.components.queueing.ManualContext.id;
import static io.happysim.components.queueing.ManualContext.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CoDel's rules on hand-made sequences, with target 5 ms and interval 100 ms. */
class CoDelQueueTest {
    private static final long MS = 1_000_000L;

    private final ManualContext clock = new ManualContext();
    private final CoDelQueue codel = new CoDelQueue(0.005, 0.100, 1000);
    private long nextId = 1;

    CoDelQueueTest() {
        codel.attach(clock);
    }

    private void pushAt(long ms, int count) {
        clock.nowNanos = ms * MS;
        for (int i = 0; i < count; i++) {
            assertTrue(codel.offer(request(nextId++)));
        }
    }

    /** Pops once at each of from, from + step, … up to and including to; returns the served ids. */
    private List<Long> popEvery(long fromMs, long toMs, long stepMs) {
        List<Long> served = new ArrayList<>();
        for (long t = fromMs; t <= toMs; t += stepMs) {
            clock.nowNanos = t * MS;
            Event next = codel.poll();
            assertNotNull(next, "the popped request is always served");
            served.add(id(next));
        }
        return served;
    }

    private List<Long> dropTimesMs() {
        return clock.droppedAt.stream().map(nanos -> nanos / MS).toList();
    }

    @Test
    void dropsStartOnlyAfterAWholeIntervalAboveTargetThenComeIntervalOverRootCountApart() {
        pushAt(0, 100);
        List<Long> served = popEvery(10, 540, 10);

        // first pop above target at 10 ms → first drop at 110 ms; then next drop ≥ previous + 100/√count ms:
        // 110 + 100 = 210, 210 + 70.7 = 280.7 → 290, 290 + 57.7 → 350, 350 + 50 = 400, 400 + 44.7 → 450,
        // 450 + 40.8 → 500, 500 + 37.8 → 540
        assertEquals(List.of(110L, 210L, 290L, 350L, 400L, 450L, 500L, 540L), dropTimesMs());
        assertEquals(54, served.size());
        List<Long> dropped = clock.dropped.stream().map(ManualContext::id).toList();
        List<Long> all = new ArrayList<>(served);
        all.addAll(dropped);
        assertEquals(62, all.stream().distinct().count(), "every request served or dropped, once");
        assertEquals(12L, dropped.get(0), "at 110 ms the 11th request is served and the 12th, next in line, dropped");
        assertTrue(codel.isDropping());
        assertEquals("dropped by CoDel", clock.reasons.get(0));
        assertEquals(8L, codel.stats().get("dropped"));
        assertEquals(1L, codel.stats().get("drop_intervals"));
        assertEquals(54L, codel.stats().get("dequeued"));
        assertEquals(100L, codel.stats().get("enqueued"));
    }

    /** Every step: a new request joins and the one that joined a step earlier leaves, so each waits exactly one step. */
    private void steadyWaitOf(long stepNanos, int steps) {
        clock.nowNanos = 0;
        codel.offer(request(nextId++));
        for (int i = 1; i <= steps; i++) {
            clock.nowNanos = i * stepNanos;
            codel.offer(request(nextId++));
            codel.poll();
        }
    }

    @Test
    void waitsJustBelowTargetNeverDrop() {
        steadyWaitOf(5 * MS - 1, 10_000);

        assertTrue(clock.dropped.isEmpty());
        assertFalse(codel.isDropping());
    }

    @Test
    void aWaitOfExactlyTheTargetCountsAsAboveIt() {
        steadyWaitOf(5 * MS, 100);

        // first pop at 5 ms waited 5 ms → above target from then; the drop comes a full interval later
        assertEquals(List.of(105L), dropTimesMs());
    }

    @Test
    void aShortWaitRestartsTheInterval() {
        pushAt(0, 2);
        popEvery(10, 10, 1);            // request 1 waited 10 ms: above target since 10 ms, drop due at 110 ms
        pushAt(100, 1);                 // request 3
        popEvery(101, 101, 1);          // request 2 waited 101 ms, 3 is still waiting: not yet an interval
        pushAt(102, 50);
        assertEquals(List.of(3L), popEvery(103, 103, 1), "request 3 waited 3 ms: below target, interval restarts");
        popEvery(110, 210, 10);         // above target again from 110 ms → first drop at 210 ms, not 110

        assertEquals(List.of(210L), dropTimesMs());
    }

    @Test
    void leavesTheDroppingStateWhenTheQueueEmptiesAndResumesTheLastDropRateWhenCongestionReturnsSoon() {
        pushAt(0, 100);
        popEvery(10, 540, 10);          // 8 drops, the last at 540 ms (count 8, 1 at entry), next due at 540 + 35.4 ms
        popEvery(545, 545, 1);
        while (codel.size() > 0) {
            codel.poll();               // served all at 545 ms: the queue empties, dropping stops
        }
        assertFalse(codel.isDropping());
        assertEquals(8, clock.dropped.size());

        pushAt(545, 100);
        popEvery(555, 700, 10);

        // above target from 555 ms → drop at 655 ms; re-entered 80 ms after the last spell's due drop, so
        // the count resumes at that spell's 8 − 1 = 7: next drop at 655 + 100/√7 = 692.8 → 695
        // (a fresh start at count 1 would wait until 755)
        assertEquals(List.of(655L, 695L), dropTimesMs().subList(8, 10));
        assertEquals(2L, codel.stats().get("drop_intervals"));
    }

    @Test
    void refusesBeyondCapacityAndACrashDrainTakesEverythingWithoutDrops() {
        CoDelQueue small = new CoDelQueue(0.005, 0.100, 2);
        small.attach(clock);
        assertTrue(small.offer(request(1)));
        assertTrue(small.offer(request(2)));
        assertFalse(small.offer(request(3)));
        assertEquals("queue full", small.refusalReason());
        assertEquals(1L, small.stats().get("capacity_rejected"));

        clock.nowNanos = 10_000 * MS;
        List<Event> drained = new ArrayList<>();
        small.drainTo(drained::add);
        assertEquals(2, drained.size());
        assertTrue(clock.dropped.isEmpty());
        assertNull(small.poll());
    }
}
