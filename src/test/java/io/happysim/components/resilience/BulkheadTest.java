package io.happysim.components.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.resilience.PlannedTarget.Plan;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulkhead caps concurrency, serves its waiters first come first served, refuses beyond its line and times waiters out. */
class BulkheadTest {
    private static final long MS = 1_000_000L;

    @Test
    void neverExceedsMaxConcurrentAndServesWaitersInArrivalOrder() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(0.1));
        Bulkhead bulkhead = Bulkhead.builder("Bulkhead", target, 3).maxWaitQueue(100).build();
        Simulation sim = Simulation.builder().entities(bulkhead, target).build();
        Calls calls = new Calls(sim);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int index = calls.send(bulkhead, i * 0.001);
            calls.reply(index).onSettle(r -> order.add(index));
        }

        sim.run();

        assertEquals(3, target.peakInService, "never more than 3 in flight at the target");
        assertEquals(3, bulkhead.metrics().get("peak_concurrent"));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, order, "first come, first served");
        // 3 at a time, 0.1 s each: request i starts at floor(i/3) * 0.1 (arrivals are earlier than that for i >= 3)
        assertEquals(100 * MS, target.arrivals.get(3), "the 4th starts when the 1st finishes");
        assertEquals(600 * MS, target.arrivals.get(18));
        assertEquals(17, bulkhead.metrics().get("peak_queue_depth"));
        assertEquals(20L, bulkhead.metrics().get("accepted"));
        assertTrue(calls.replies.stream().allMatch(r -> r.isSucceeded()));
    }

    @Test
    void refusesAtOnceWhenPermitsAndWaitingPlacesAreTaken() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(1.0));
        Bulkhead bulkhead = Bulkhead.builder("Bulkhead", target, 2).maxWaitQueue(2).build();
        Simulation sim = Simulation.builder().entities(bulkhead, target).build();
        Calls calls = new Calls(sim);
        for (int i = 0; i < 6; i++) {
            calls.send(bulkhead, 0.5);
        }

        sim.run();

        for (int i = 4; i < 6; i++) {
            assertEquals(Failure.Kind.REJECTED, calls.failureKind(i));
            assertEquals("bulkhead full", calls.reply(i).failure().reason());
            assertEquals(500 * MS, calls.at(i));
        }
        assertEquals(List.of(1_500 * MS, 1_500 * MS, 2_500 * MS, 2_500 * MS), calls.answeredAt.subList(0, 4));
        assertEquals(2L, bulkhead.metrics().get("rejected"));
        assertEquals(List.of("active", "queue_depth", "available_permits", "accepted", "rejected", "timed_out",
                "peak_concurrent", "peak_queue_depth", "queued", "total_requests"), List.copyOf(bulkhead.metrics().keySet()));
    }

    @Test
    void aWaiterTimesOutAtExactlyItsMaxWaitEvenIfAPermitFreesAtThatInstant() {
        // the permit frees at 1.0 s; the waiter that arrived at 0.5 s may wait 0.5 s: its timer, scheduled first, wins
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(1.0));
        Bulkhead bulkhead = Bulkhead.builder("Bulkhead", target, 1).maxWaitQueue(5).maxWaitSeconds(0.5).build();
        Simulation sim = Simulation.builder().entities(bulkhead, target).build();
        Calls calls = new Calls(sim);
        calls.send(bulkhead, 0);      // holds the permit 0..1
        calls.send(bulkhead, 0.5);    // waits until exactly 1.0: times out
        calls.send(bulkhead, 0.7);    // waits: gets the permit at 1.0, done at 2.0

        sim.run();

        assertEquals(Failure.Kind.TIMEOUT, calls.failureKind(1));
        assertEquals("Bulkhead", calls.reply(1).failure().where());
        assertEquals(1_000 * MS, calls.at(1));
        assertTrue(calls.reply(2).isSucceeded());
        assertEquals(2_000 * MS, calls.at(2));
        assertEquals(2, target.received(), "the timed-out waiter never reached the target");
        assertEquals(1L, bulkhead.metrics().get("timed_out"));
    }

    @Test
    void aSilentLossFreesThePermitAtOnceAndIsPassedOn() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.lost(0.2)), Plan.ok(0.2));
        Bulkhead bulkhead = Bulkhead.builder("Bulkhead", target, 1).maxWaitQueue(1).build();
        Simulation sim = Simulation.builder().entities(bulkhead, target).build();
        Calls calls = new Calls(sim);
        calls.send(bulkhead, 0);
        calls.send(bulkhead, 0);

        sim.run();

        assertEquals(Failure.Kind.LOST, calls.failureKind(0));
        assertEquals(200 * MS, calls.at(0));
        assertEquals(List.of(0L, 200 * MS), target.arrivals, "the waiter went on when the loss freed the permit");
        assertEquals(400 * MS, calls.at(1));
    }

    @Test
    void aCrashedBulkheadLosesWhatItHeldAndTheCallersHearSilence() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(1.0));
        Bulkhead bulkhead = Bulkhead.builder("Bulkhead", target, 1).maxWaitQueue(1).build();
        Simulation sim = Simulation.builder().entities(bulkhead, target).build();
        Calls calls = new Calls(sim);
        calls.send(bulkhead, 0);
        calls.send(bulkhead, 0);
        sim.once(Instant.ofSeconds(0.5), "crash", e -> bulkhead.crash());
        sim.once(Instant.ofSeconds(0.6), "restart", e -> bulkhead.restart());
        calls.send(bulkhead, 2);

        sim.run();

        assertEquals(Failure.Kind.LOST, calls.failureKind(0));
        assertEquals(Failure.Kind.LOST, calls.failureKind(1));
        assertEquals(500 * MS, calls.at(0));
        assertTrue(calls.reply(2).isSucceeded(), "after the restart it has every permit again");
        assertEquals(0, bulkhead.active());
    }
}
