package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.Probe;
import org.junit.jupiter.api.Test;

/** §11 c, both ways: 7/s into 0.1 s of service, a 1 s GC pause at 30 s, timeout 0.5 s, 3 retries 0.05 s apart. */
class GcCollapseScenarioTest {
    private static final double LAMBDA = 7;
    private static final double MU = 10;
    private static final int ATTEMPTS = 4;

    private final ScenarioModel model = new GcCollapseScenario().build();
    private final Simulation sim = model.simulation();

    private Data depth(String server) {
        return ((Probe) sim.entity("Probe_" + server + "_depth")).data();
    }

    private Client client(String name) {
        return (Client) sim.entity(name);
    }

    @Test
    void withRetriesTheQueueGrowsAtNLambdaMinusMuWithoutItDrainsInSeconds() {
        sim.runUntil(Instant.ofSeconds(34));
        long plainFailuresBy34 = client("NoRetryClient").failures();
        sim.run();
        assertEquals(70.0, sim.now().toSeconds(), 1e-9, "60 s of load and 10 s of drain, then it ends");

        // before the pause both are idle between requests and nothing fails
        assertEquals(0.0, depth("RetryingServer").between(0, 30).max());
        assertEquals(0.0, depth("NoRetryServer").between(0, 30).max());

        // with retries: N·λ − μ = 28 − 10 = 18/s. Arrivals and service are deterministic and, once collapsed, every
        // request sends exactly 4 attempts, so the slope is exact up to where the 0.5 s samples fall within the
        // discrete arrivals: ±2 requests over a 15 s window, ≈ 1% of the 270 it gains. 2% allows for that.
        Data retrying = depth("RetryingServer");
        double growth = (retrying.between(59.9, 60.1).latest() - retrying.between(44.9, 45.1).latest()) / 15.0;
        assertEquals(ATTEMPTS * LAMBDA - MU, growth, 0.02 * (ATTEMPTS * LAMBDA - MU), "queue growth per second with retries");
        assertTrue(retrying.between(60, 70).min() > 400, "it never recovers: hundreds still waiting at the end");
        Client retryingClient = client("RetryingClient");
        assertEquals(420, retryingClient.sent());
        CounterProbe goodput = (CounterProbe) sim.entity("Rate_RetryingClient_successes");
        assertEquals(0.0, goodput.data().between(33, 70).max(), "no request succeeds once collapsed");

        // without retries: the 7 that piled up drain at μ − λ = 3/s, empty ≈ 2.3 s after the pause
        Data plain = depth("NoRetryServer");
        assertEquals(0.0, plain.between(31 + LAMBDA / (MU - LAMBDA) + 0.5, 70).max(), "drained by ≈ 33.3 s and idle since");
        Client plainClient = client("NoRetryClient");
        assertEquals(420, plainClient.sent());
        assertEquals(plainFailuresBy34, plainClient.failures(), "no request fails after the backlog has drained");
        assertTrue(plainClient.failures() <= LAMBDA * (1 + LAMBDA / (MU - LAMBDA)),
                "only requests arriving between the pause and the drain can time out: " + plainClient.failures());
        assertEquals(plainClient.sent(), plainClient.successes() + plainClient.failures());
        CounterProbe plainGoodput = (CounterProbe) sim.entity("Rate_NoRetryClient_successes");
        assertEquals(LAMBDA, plainGoodput.data().between(35, 60).mean(), 0.2, "back to 7 successes/s");
    }

    @Test
    void theDescriptionGivesTheGrowthAndTheRecoveryThreshold() {
        String description = new GcCollapseScenario().description();
        assertTrue(description.contains("4 × 7 = 28 attempts/s against 10/s served, so the queue grows by ≈ 18/s"), description);
        assertTrue(description.contains("λ < μ/4 = 2.50/s"), description);
    }

    @Test
    void theChartsFill() {
        StoryCharts.assertChartsFillDuringARun(new GcCollapseScenario(), 4);
    }
}
