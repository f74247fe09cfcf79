package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.components.resilience.Hedge;
import io.happysim.components.server.Server;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import io.happysim.distributions.Distribution;
import io.happysim.distributions.PercentileLatency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * §12: a hedged response is min(S₁, d + S₂) and a hedge is sent with P(S > d). The service time has
 * p50 10 ms, p90 20 ms, p99 200 ms, fitted exponential in −ln(1 − p) between them, so in closed form
 * P(S > x) = 0.5 · 0.2^((x − 0.01)/0.01) on [10, 20] ms and 0.1 · 0.1^((x − 0.02)/0.18) on [20, 200] ms.
 */
class HedgedRequestsScenarioTest {
    private static final double D = 0.02;

    /** P(S > x) for the default service time, between its p50 and its p99. */
    private static double survival(double x) {
        if (x < 0.01 || x > 0.2) {
            throw new IllegalArgumentException("only [p50, p99] is needed here: " + x);
        }
        return x <= 0.02 ? 0.5 * Math.pow(0.2, (x - 0.01) / 0.01) : 0.1 * Math.pow(0.1, (x - 0.02) / 0.18);
    }

    /** The p99 of min(S₁, d + S₂): P(S > x)·P(S > x − d) = 0.01, solved on [d + 10 ms, 200 ms] where it decreases. */
    private static double hedgedP99() {
        double low = D + 0.01;
        double high = 0.2;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (survival(mid) * survival(mid - D) > 0.01) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** What 3 seeds of the scenario at 100 req/s for {@code seconds} add up to. */
    private record Runs(Data direct, Data hedged, long requests, long hedgesSent, long hedgedServerLoad, long directRequests,
                        long directServerLoad) {
    }

    private static Runs runs(double hedgeDelay, double seconds) {
        Scenario scenario = new HedgedRequestsScenario();
        Data direct = new Data();
        Data hedged = new Data();
        long requests = 0;
        long hedgesSent = 0;
        long hedgedServerLoad = 0;
        long directRequests = 0;
        long directServerLoad = 0;
        for (long seed : new long[] {1, 2, 3}) {
            Simulation sim = scenario.build(seed, ParameterValues.of(scenario.parameters(),
                    Map.of("rate", 100.0, "duration", seconds, "hedge_delay", hedgeDelay))).simulation();
            sim.run();
            copy(((Client) sim.entity("DirectClient")).latencies(), direct);
            copy(((Client) sim.entity("HedgedClient")).latencies(), hedged);
            Hedge hedge = (Hedge) sim.entity("Hedge");
            requests += (Long) hedge.metrics().get("total_requests");
            hedgesSent += (Long) hedge.metrics().get("hedges_sent");
            hedgedServerLoad += ((Server) sim.entity("HedgedServer")).accepted();
            directRequests += ((Client) sim.entity("DirectClient")).sent();
            directServerLoad += ((Server) sim.entity("DirectServer")).accepted();
            assertEquals(0L, ((Server) sim.entity("HedgedServer")).metrics().get("dropped"));
        }
        return new Runs(direct, hedged, requests, hedgesSent, hedgedServerLoad, directRequests, directServerLoad);
    }

    private static void copy(Data from, Data to) {
        for (int i = 0; i < from.count(); i++) {
            to.add(from.timeNanosAt(i), from.valueAt(i));
        }
    }

    @Test
    void aHedgeIsSentWithTheProbabilityThatTheServiceOutlastsTheDelay() {
        // d at the p50: P(S > d) = ½, so 18,000 requests know it to ±0.75% (1σ, relative): 3% is 4σ
        Runs runs = runs(0.01, 60);
        double pHedge = survival(0.01);
        assertEquals(0.5, pHedge, 1e-12);
        assertEquals(pHedge, (double) runs.hedgesSent() / runs.requests(), 0.03 * pHedge, "hedges sent per request ≈ P(S > d)");
        assertEquals(1 + pHedge, (double) runs.hedgedServerLoad() / runs.requests(), 0.03 * pHedge, "each hedge is one more call");
    }

    @Test
    void hedgingCutsTheP99ForTheLoadOfTheHedgesSent() {
        // the defaults (d = 20 ms, the p90) over 30,000 requests
        Runs runs = runs(D, 100);
        double pHedge = survival(D);
        assertEquals(0.1, pHedge, 1e-12, "d is the p90: P(S > d) = 10%");
        // a share of 0.1 from 30,000 requests has a relative 1σ of 1.7%: 6% is 3.5σ
        assertEquals(pHedge, (double) runs.hedgesSent() / runs.requests(), 0.06 * pHedge, "hedges sent per request ≈ P(S > d)");
        assertEquals(1 + pHedge, (double) runs.hedgedServerLoad() / runs.requests(), 0.06 * pHedge, "the hedged server does 10% more work");
        assertEquals(runs.directRequests(), runs.directServerLoad(), "the direct server gets one call per request");

        double directP99 = runs.direct().percentile(0.99);
        double hedgedP99 = runs.hedged().percentile(0.99);
        // a p99 from n samples has a 1σ of √(0.99·0.01/n)/f(p99): 2.2% for the direct one (f = 0.01/78 ms, the tail's
        // exponential scale), 0.9% for the hedged one (f = 0.01·(1/78 ms + 1/6.2 ms)); 8% and 5% are ≥ 3.5σ
        assertEquals(0.2, directP99, 0.08 * 0.2, "without hedging the p99 is the service time's: 200 ms");
        double expected = hedgedP99();
        assertEquals(0.0388, expected, 0.0005, "the closed form: about 39 ms");
        assertEquals(expected, hedgedP99, 0.05 * expected, "with hedging: P(S > x)·P(S > x − d) = 1%");
        assertTrue(hedgedP99 < directP99 / 4, "hedging cuts the p99 from " + directP99 + " to " + hedgedP99);
    }

    @Test
    void theHelpersMatchTheClosedFormAndTheDescriptionQuotesThem() {
        PercentileLatency service = Distribution.percentiles().p50(0.01).p90(0.02).p99(0.2).build();
        assertEquals(survival(0.05), HedgedRequestsScenario.survival(service, 0.05), 1e-9);
        assertEquals(survival(0.015), HedgedRequestsScenario.survival(service, 0.015), 1e-9);
        assertEquals(hedgedP99(), HedgedRequestsScenario.hedgedQuantile(service, D, 0.99), 1e-6);
        String description = new HedgedRequestsScenario().description();
        assertTrue(description.contains("P(S > d) = 10%"), description);
        assertTrue(description.contains("from 200 ms to about 39 ms"), description);
    }

    @Test
    void percentilesOutOfOrderAreRefused() {
        Scenario scenario = new HedgedRequestsScenario();
        assertEquals("p99", org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> scenario.build(1, ParameterValues.of(scenario.parameters(), Map.of("p99", 0.015)))).parameter());
    }

    @Test
    void theChartsFill() {
        StoryCharts.assertChartsFillDuringARun(new HedgedRequestsScenario(), 4);
    }
}
