package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import org.junit.jupiter.api.Test;

/**
 * Stable, collapsed by the spike, stuck at the very load it was stable at, recovered below μ/N:
 * with the defaults (μ = 10, λ = 4, t = 2 s, N = 3, spike 20/s in [60, 65), step down to 1/s at 120 s).
 */
class MetastableRetryStormScenarioTest {
    private static final double MU = 10;
    private static final double LAMBDA = 4;
    private static final double TIMEOUT = 2;
    private static final int N = 3;

    /** The client's counters and the server's depth at one instant. */
    private record Snapshot(long sent, long attempts, long successes, long timeouts, int depth) {
        static Snapshot of(Simulation sim) {
            Client client = (Client) sim.entity("Client");
            return new Snapshot(client.sent(), client.attempts(), client.successes(), client.timeouts(),
                    ((Server) sim.entity("Server")).depth());
        }

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(sent - earlier.sent, attempts - earlier.attempts, successes - earlier.successes,
                    timeouts - earlier.timeouts, depth - earlier.depth);
        }
    }

    @Test
    void stableThenCollapsedThenStuckAtTheSameLoadThenRecovered() {
        double sojournSum = 0;
        long sojourns = 0;
        for (long seed : new long[] {1, 2, 3}) {
            Simulation sim = new MetastableRetryStormScenario().build(seed).simulation();
            Data depth = ((io.happysim.instrumentation.Probe) sim.entity("Probe_Server_depth")).data();
            Data served = ((Sink) sim.entity("Served")).latencies();

            sim.runUntil(Instant.ofSeconds(60));
            Snapshot beforeSpike = Snapshot.of(sim);
            assertEquals(0, beforeSpike.timeouts(), "seed " + seed + ": P(T > 2 s) = e^(−12): no attempt times out before the spike");
            assertEquals(beforeSpike.sent(), beforeSpike.attempts(), "so no retry either");
            assertTrue(depth.between(0, 60).max() < MU * TIMEOUT / 2,
                    "seed " + seed + ": the queue stays far below the μ·t = 20 where attempts start timing out; max "
                            + depth.between(0, 60).max());
            Data stable = served.between(0, 60);
            sojournSum += stable.sum();
            sojourns += stable.count();

            sim.runUntil(Instant.ofSeconds(65));
            assertTrue(Snapshot.of(sim).depth() > MU * TIMEOUT, "seed " + seed + ": the spike fills the queue past μ·t");

            sim.runUntil(Instant.ofSeconds(75));
            Snapshot stuckFrom = Snapshot.of(sim);
            sim.runUntil(Instant.ofSeconds(120));
            Snapshot stuck = Snapshot.of(sim).minus(stuckFrom);
            // back at λ = 4/s, the load it was stable at: every request sends all N attempts and none succeeds
            assertEquals(N, (double) stuck.attempts() / stuck.sent(), 0.05 * N, "seed " + seed + ": attempts per request ≈ max attempts");
            assertTrue(stuck.successes() <= 0.02 * stuck.sent(), "seed " + seed + ": almost nothing succeeds: " + stuck);
            assertTrue(stuck.depth() > 0, "seed " + seed + ": N·λ = 12 ≥ μ = 10: the queue keeps growing: " + stuck);
            assertTrue(served.between(90, 120).percentile(0.99) > 5 * TIMEOUT, "seed " + seed + ": p99 far past the timeout");

            sim.runUntil(Instant.ofSeconds(190));
            Snapshot recoveredFrom = Snapshot.of(sim);
            sim.run();
            Snapshot recovered = Snapshot.of(sim).minus(recoveredFrom);
            assertEquals(200.0, sim.now().toSeconds(), 1e-9, "ends by itself");
            assertTrue(depth.between(190, 200).max() <= 3, "seed " + seed + ": the queue has drained (N·1/s = 3 < μ)");
            assertEquals(0, recovered.timeouts(), "seed " + seed + ": no attempt times out any more");
            assertEquals(recovered.sent(), recovered.successes(), 2, "seed " + seed + ": requests succeed again");
        }
        // M/M/1: mean time in system 1/(μ − λ) = 1/6 s while stable (3 × ~240 requests: 1σ ≈ 5%)
        assertEquals(1 / (MU - LAMBDA), sojournSum / sojourns, 0.15 / (MU - LAMBDA), "mean sojourn before the spike");
    }

    @Test
    void stuckAndRecoveryThresholdsAreInTheDescription() {
        String description = new MetastableRetryStormScenario().description();
        assertTrue(description.contains("3 × 4 = 12 attempts/s ≥ μ = 10/s"), description);
        assertTrue(description.contains("below μ/3 = 3.33/s"), description);
    }

    @Test
    void aStepDownBeforeTheSpikeEndsIsRefused() {
        Scenario scenario = new MetastableRetryStormScenario();
        InvalidParameterException refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> scenario.build(1, ParameterValues.of(scenario.parameters(), java.util.Map.of("step_down_at", 62.0))));
        assertEquals("step_down_at", refused.parameter());
    }

    @Test
    void theChartsFill() {
        StoryCharts.assertChartsFillDuringARun(new MetastableRetryStormScenario(), 5);
    }
}
