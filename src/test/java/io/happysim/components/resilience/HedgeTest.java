package io.happysim.components.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.resilience.PlannedTarget.Plan;
import io.happysim.core.Failure;
import io.happysim.core.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hedge: a copy after the delay, the first good answer wins, the loser is cancelled and its answer counted late. */
class HedgeTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstGoodAnswerWinsAndTheLoserIsCancelled() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.ok(1.0), Plan.ok(0.1)), Plan.ok(0.1));
        Hedge hedge = new Hedge("Hedge", target, 0.2);
        Simulation sim = Simulation.builder().entities(hedge, target).build();
        Calls calls = new Calls(sim);
        calls.send(hedge, 0);

        sim.run();

        assertEquals(List.of(0L, 200 * MS), target.arrivals, "the copy went out at the hedge delay");
        assertEquals(1L, ((Number) ((Map<?, ?>) target.requests.get(1).context().get("metadata")).get(Hedge.HEDGE)).longValue());
        assertEquals("answer 2", calls.reply(0).value().body(), "the hedge's answer won");
        assertEquals(300 * MS, calls.at(0));
        assertTrue(target.replies.get(0).isCancelled(), "the primary's reply was given up");
        assertEquals(2, target.answered, "the target did both pieces of work");
        assertEquals(Map.of("total_requests", 1L, "hedges_sent", 1L, "hedges_cancelled", 0L, "primary_wins", 0L,
                "hedge_wins", 1L, "late_answers", 1L, "failed_requests", 0L), hedge.metrics());
    }

    @Test
    void aFastPrimaryCancelsTheHedgeBeforeItIsSent() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(0.1));
        Hedge hedge = new Hedge("Hedge", target, 0.2, 3);
        Simulation sim = Simulation.builder().entities(hedge, target).build();
        Calls calls = new Calls(sim);
        calls.send(hedge, 0);

        sim.run();

        assertEquals(1, target.received());
        assertEquals(100 * MS, sim.nowNanos(), "the cancelled hedge did not keep the run alive");
        assertEquals(1L, hedge.metrics().get("primary_wins"));
        assertEquals(1L, hedge.metrics().get("hedges_cancelled"));
    }

    @Test
    void upToMaxHedgesCopiesOnePerDelay() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.ok(5.0), Plan.ok(5.0), Plan.ok(5.0)), Plan.ok(5.0));
        Hedge hedge = new Hedge("Hedge", target, 0.5, 2);
        Simulation sim = Simulation.builder().entities(hedge, target).build();
        Calls calls = new Calls(sim);
        calls.send(hedge, 0);

        sim.run();

        assertEquals(List.of(0L, 500 * MS, 1_000 * MS), target.arrivals);
        assertEquals(5_000 * MS, calls.at(0), "the primary still answered first");
        assertEquals(2L, hedge.metrics().get("late_answers"));
    }

    @Test
    void aFailedCopyDoesNotFailTheRequestWhileAnotherIsOutstanding() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.5), Plan.ok(0.5)), Plan.ok(0.5));
        Hedge hedge = new Hedge("Hedge", target, 0.2);
        Simulation sim = Simulation.builder().entities(hedge, target).build();
        Calls calls = new Calls(sim);
        calls.send(hedge, 0);   // primary errs at 0.5 while the hedge (sent at 0.2) is out: it answers at 0.7

        sim.run();

        assertTrue(calls.reply(0).isSucceeded());
        assertEquals(700 * MS, calls.at(0));
        assertEquals(1L, hedge.metrics().get("hedge_wins"));
    }

    @Test
    void anErrorWithNothingElseOutstandingFailsAtOnceButASilentLossWaitsForTheHedge() {
        PlannedTarget erring = new PlannedTarget("Erring", List.of(Plan.error(0.1)), Plan.ok(0.1));
        Hedge fastFail = new Hedge("FastFail", erring, 0.5);
        PlannedTarget losing = new PlannedTarget("Losing", List.of(Plan.lost(0.1)), Plan.ok(0.1));
        Hedge covered = new Hedge("Covered", losing, 0.5);
        Simulation sim = Simulation.builder().entities(fastFail, erring, covered, losing).build();
        Calls calls = new Calls(sim);
        calls.send(fastFail, 0);
        calls.send(covered, 0);

        sim.run();

        assertEquals(Failure.Kind.ERROR, calls.failureKind(0));
        assertEquals(100 * MS, calls.at(0));
        assertEquals(1, erring.received(), "no hedge after an error answer");
        assertEquals(1L, fastFail.metrics().get("hedges_cancelled"));
        assertTrue(calls.reply(1).isSucceeded(), "the hedge at 0.5 s covered the silent loss");
        assertEquals(600 * MS, calls.at(1));
    }
}
