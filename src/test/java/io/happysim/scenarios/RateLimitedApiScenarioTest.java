package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.ratelimit.RateLimitedEntity;
import io.happysim.core.Entity;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A token bucket (50 tokens, 50/s) in front of an API under Poisson traffic of 20/s with a burst
 * of 200/s over [20, 40): the closed forms of §12 — admitted ≤ capacity + rate·T over any span T,
 * and under overload the admitted rate is the refill rate.
 */
class RateLimitedApiScenarioTest {
    private static final double CAPACITY = 50;
    private static final double REFILL = 50;
    private static final double BURST = 200;
    private static final double BURST_START = 20;
    private static final double BURST_END = 40;

    private record Run(RateLimitedEntity limiter, List<Double> offered, List<Double> admitted, ScenarioModel model) {
    }

    private static Run run(long seed) {
        ScenarioModel model = new RateLimitedApiScenario().build(seed);
        Simulation sim = model.simulation();
        RateLimitedEntity limiter = (RateLimitedEntity) sim.entity("RateLimiter");
        Entity api = sim.entity("API");
        List<Double> offered = new ArrayList<>();
        List<Double> admitted = new ArrayList<>();
        sim.addEventListener(e -> {
            if ("Request".equals(e.type()) && e.target() == limiter) {
                offered.add(e.timeNanos() / 1e9);
            } else if ("Request".equals(e.type()) && e.target() == api) {
                admitted.add(e.timeNanos() / 1e9);
            }
        });
        sim.run();
        return new Run(limiter, offered, admitted, model);
    }

    private static long count(List<Double> times, double from, double to) {
        return times.stream().filter(t -> t >= from && t < to).count();
    }

    @Test
    void duringTheBurstTheAdmittedRateIsTheRefillRateOnceTheStoredTokensAreSpent() {
        // a full bucket lasts capacity / (burst − refill) = 0.33 s into the burst; count from a second in
        double from = BURST_START + 1;
        double measuredSum = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Run run = run(seed);
            double rate = count(run.admitted(), from, BURST_END) / (BURST_END - from);
            assertEquals(REFILL, rate, 0.03 * REFILL, "seed " + seed);
            measuredSum += rate;
            long offeredInBurst = count(run.offered(), BURST_START, BURST_END);
            long admittedInBurst = count(run.admitted(), BURST_START, BURST_END);
            assertTrue(admittedInBurst <= CAPACITY + REFILL * (BURST_END - BURST_START), "at most 1050 of the burst get in");
            assertEquals(CAPACITY + REFILL * (BURST_END - BURST_START), admittedInBurst, 0.03 * 1050,
                    "a full bucket, then the refill: all but the tokens left at the end");
            assertEquals(BURST * (BURST_END - BURST_START), offeredInBurst, 0.05 * 4000, "Poisson 200/s for 20 s");
            assertEquals(0, count(run.offered(), 0, BURST_START) - count(run.admitted(), 0, BURST_START),
                    "20/s never empties a 50-token bucket refilled at 50/s");
            RateLimitedEntity limiter = run.limiter();
            assertEquals(limiter.received(), limiter.admitted() + limiter.rejected(), "reject mode: nothing waits");
        }
        assertEquals(REFILL, measuredSum / 3, 0.01 * REFILL);
    }

    @Test
    void noSpanAdmitsMoreThanTheCapacityPlusTheRefillOverIt() {
        Run run = run(42);
        List<Double> admitted = run.admitted();
        for (double span : new double[] {0.5, 1, 5, 20, 60}) {
            int first = 0;
            for (int last = 0; last < admitted.size(); last++) {
                while (admitted.get(last) - admitted.get(first) > span) {
                    first++;
                }
                int inSpan = last - first + 1;
                assertTrue(inSpan <= CAPACITY + REFILL * span + 1e-9,
                        inSpan + " admitted within " + span + " s ending at " + admitted.get(last));
            }
        }
    }

    @Test
    void theChartsShowOfferedAdmittedRejectedAndTheBucketRunningDry() {
        Run run = run(42);
        ScenarioModel model = run.model();
        ChartChecks.everyChartsSeriesReceivedSamples(model);
        Data offered = model.charts().get(0).data();
        Data admitted = model.charts().get(1).data();
        Data rejected = model.charts().get(2).data();
        Data tokens = model.charts().get(3).data();
        assertEquals(60, admitted.count(), "one sample a second");
        Data admittedInBurst = admitted.between(BURST_START + 2, BURST_END + 0.5);   // the seconds (21, 40]
        assertEquals(REFILL, admittedInBurst.min(), 1);
        assertEquals(REFILL, admittedInBurst.max(), 1);
        assertTrue(admitted.between(BURST_START + 1, BURST_START + 1.5).latest() > CAPACITY + 0.5 * REFILL,
                "the first second of the burst also spends the stored tokens");
        assertEquals(0.0, rejected.between(0, BURST_START + 0.5).max(), "nothing rejected before the burst");
        assertEquals(0.0, rejected.between(BURST_END + 1.5, 61).max(), "nor once it is over");
        for (int i = 0; i < offered.count(); i++) {
            assertEquals(offered.valueAt(i), admitted.valueAt(i) + rejected.valueAt(i), 1e-9, "offered = admitted + rejected");
        }
        assertTrue(tokens.between(BURST_START + 1, BURST_END).mean() < 1, "the bucket stays all but empty through the burst");
        assertEquals(CAPACITY, tokens.between(0, BURST_START).max(), 1e-9);
    }
}
