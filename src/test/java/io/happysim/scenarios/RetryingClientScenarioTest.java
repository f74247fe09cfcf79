package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** §11 a with the library client's semantics (§12): every attempt times out independently with p = e^(−t/mean). */
class RetryingClientScenarioTest {
    private static final double P = Math.exp(-0.07 / 0.1);
    private static final long[] SEEDS = {1, 2, 3};

    /** Counts the attempts that reach the server, by attempt number. */
    private static final class AttemptCounter implements EventListener {
        final long[] byNumber = new long[4];

        @Override
        public void onEvent(Event e) {
            if (e.target().name().equals("Server") && "Request".equals(e.type())
                    && e.contextView().get("attempt") instanceof Integer n && n < byNumber.length) {
                byNumber[n]++;
            }
        }
    }

    private record Totals(long requests, long firstAttemptsTimedOut, long attempts, long timeouts, long gaveUp) {
    }

    /** 3 seeds × 3000 s at 5/s: 45,000 requests, so a share near ½ is known to ±0.5% (1σ, relative). */
    private static Totals longRuns() {
        long requests = 0;
        long secondAttempts = 0;
        long attempts = 0;
        long timeouts = 0;
        long gaveUp = 0;
        Scenario scenario = new RetryingClientScenario();
        for (long seed : SEEDS) {
            Simulation sim = scenario.build(seed, ParameterValues.of(scenario.parameters(), Map.of("load_duration", 3000.0))).simulation();
            AttemptCounter counter = new AttemptCounter();
            sim.addEventListener(counter);
            sim.run();
            Client client = (Client) sim.entity("Client");
            assertEquals(0, client.inFlight(), "every request finished in the drain time");
            assertEquals(client.sent(), counter.byNumber[1], "one first attempt per request");
            requests += client.sent();
            secondAttempts += counter.byNumber[2];
            attempts += client.attempts();
            timeouts += client.timeouts();
            gaveUp += client.failures();
        }
        return new Totals(requests, secondAttempts, attempts, timeouts, gaveUp);
    }

    @Test
    void attemptsTimeOutWithTheExponentialTailProbability() {
        Totals totals = longRuns();
        assertEquals(45_000, totals.requests());
        // a first attempt that timed out is followed by a second (immediate retry, 3 attempts allowed)
        double firstTimedOut = (double) totals.firstAttemptsTimedOut() / totals.requests();
        assertEquals(P, firstTimedOut, 0.03 * P, "first attempts timing out ≈ e^(−0.7) = 0.497");
        assertEquals(P, (double) totals.timeouts() / totals.attempts(), 0.03 * P,
                "every attempt times out with p: late replies are ignored");
        double attemptsPerRequest = 1 + P + P * P;
        assertEquals(attemptsPerRequest, (double) totals.attempts() / totals.requests(), 0.03 * attemptsPerRequest,
                "(1 − p³)/(1 − p) = 1.744 attempts per request");
        // p³ = 0.1225 from 45,000 requests has a relative 1σ of 1.3%: 5% is ≈ 4σ
        double giveUp = P * P * P;
        assertEquals(giveUp, (double) totals.gaveUp() / totals.requests(), 0.05 * giveUp, "p³ of requests time out three times");
    }

    @Test
    void theFormulasInTheDescriptionAreTheReferences() {
        assertEquals(0.4966, RetryingClientScenario.timeoutProbability(0.1, 0.07), 1e-4);
        assertEquals(1.7432, RetryingClientScenario.attemptsPerRequest(0.4966, 3), 1e-4);
        assertEquals(3.0, RetryingClientScenario.attemptsPerRequest(1.0, 3));
        String description = new RetryingClientScenario().description();
        assertTrue(description.contains("e^(−0.70) ≈ 49.7%"), description);
        assertTrue(description.contains("12.2% of requests giving up"), description);
    }

    @Test
    void theChartsFillAndShowTheStory() {
        ScenarioModel model = StoryCharts.assertChartsFillDuringARun(new RetryingClientScenario(), 4);
        Simulation sim = model.simulation();
        Client client = (Client) sim.entity("Client");
        assertEquals(150, client.sent(), "5/s for 30 s, as the reference");
        assertEquals(35.0, sim.now().toSeconds(), 1e-9, "ends by itself after the drain");
        List<Chart> charts = model.charts();
        double attemptsSeen = charts.get(0).data().sum();
        assertEquals(client.attempts(), attemptsSeen, 1e-9, "the attempts chart accounts for every attempt (1 s samples × 1 s)");
        assertTrue(charts.get(1).data().mean() > 0.35 && charts.get(1).data().mean() < 0.65, "about half the attempts time out");
    }
}
