package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.Probe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client (timeout T = 0.5 s, N = 3 attempts, backoff 0.1 s then 0.2 s) partitioned from its
 * server for W = 20 s from 20 s, at λ = 50 evenly spaced requests/s. Attempt k of a request sent
 * at t goes out at t + o_k, with o_1 = 0, o_2 = T + 0.1 = 0.6, o_3 = 2T + 0.3 = 1.3; it is sent
 * into the partition exactly when t ∈ [start, end − o_k) (earlier requests were answered at
 * once). So timeouts = λ·Σ(W − o_k), retries = λ·Σ_{k<N}(W − o_k), failures = λ·(W − o_N).
 */
class PartitionScenarioTest {
    private static final double RATE = 50;
    private static final double START = 20;
    private static final double END = 40;
    private static final double TIMEOUT = 0.5;
    private static final double[] OFFSETS = {0, TIMEOUT + 0.1, 2 * TIMEOUT + 0.1 + 0.2};
    /**
     * Evenly spaced requests put λ·L ± 1 of them in a span L; a request on the wire at the cut
     * adds up to N lost attempts. Beyond that the counts are exact, whatever the seed.
     */
    private static final double SLACK = OFFSETS.length + 2;

    private record Run(Client client, List<Double> timeoutTimes, List<Double> failureTimes, List<Double> sendTimes, ScenarioModel model) {
    }

    private static Run run(long seed) {
        ScenarioModel model = new PartitionScenario().build(seed);
        Simulation sim = model.simulation();
        Client client = (Client) sim.entity("Client");
        List<Double> timeouts = new ArrayList<>();
        List<Double> failures = new ArrayList<>();
        List<Double> sends = new ArrayList<>();
        long[] seen = new long[2];
        sim.addEventListener(e -> {
            double now = e.timeNanos() / 1e9;
            if (e.target() == client && "Request".equals(e.type())) {
                sends.add(now);
            }
            for (long k = seen[0]; k < client.timeouts(); k++) {
                timeouts.add(now);
            }
            for (long k = seen[1]; k < client.failures(); k++) {
                failures.add(now);
            }
            seen[0] = client.timeouts();
            seen[1] = client.failures();
        });
        sim.run();
        return new Run(client, timeouts, failures, sends, model);
    }

    @Test
    void timeoutsRetriesAndFailuresAreWhatTheScheduleOfAttemptsDictates() {
        double window = END - START;
        double expectedTimeouts = 0;
        double expectedRetries = 0;
        for (int k = 0; k < OFFSETS.length; k++) {
            expectedTimeouts += RATE * (window - OFFSETS[k]);            // 1000 + 970 + 935 = 2905
            if (k < OFFSETS.length - 1) {
                expectedRetries += RATE * (window - OFFSETS[k]);         // 1000 + 970 = 1970
            }
        }
        double expectedFailures = RATE * (window - OFFSETS[OFFSETS.length - 1]);   // 935
        for (long seed = 1; seed <= 3; seed++) {
            Client client = run(seed).client();
            assertEquals(expectedTimeouts, client.timeouts(), SLACK, "seed " + seed);
            assertEquals(expectedRetries, client.retries(), SLACK, "seed " + seed);
            assertEquals(expectedFailures, client.failures(), SLACK, "seed " + seed);
            assertEquals(client.timeouts(), client.lost(), "every timeout was a silent loss in the partition");
            assertEquals(0, client.lateReplies(), "nothing that was lost ever answered");
        }
    }

    @Test
    void failuresComeOnlyInsideTheWindowAndOneTimeoutAfterItThenEverythingRecovers() {
        Run run = run(42);
        assertTrue(run.timeoutTimes().size() > 2800);
        for (double t : run.timeoutTimes()) {
            assertTrue(t >= START && t <= END + TIMEOUT, "a timeout at " + t + " s");
        }
        // the first request to fail was sent at the cut, or up to a round trip before it if it was on the wire
        double firstPossibleFailure = START - 0.1 + OFFSETS[2] + TIMEOUT;
        for (double t : run.failureTimes()) {
            assertTrue(t >= firstPossibleFailure && t <= END + TIMEOUT, "a failure at " + t + " s");
        }
        long sentAfterHeal = run.sendTimes().stream().filter(t -> t >= END).count();
        Data latencies = run.client().latencies();
        long answeredAtOnce = 0;
        for (int i = 0; i < latencies.count(); i++) {
            double sentAt = latencies.timeNanosAt(i) / 1e9 - latencies.valueAt(i);
            if (sentAt >= END && latencies.valueAt(i) < TIMEOUT) {
                answeredAtOnce++;
            }
        }
        assertEquals(RATE * (60 - END), sentAfterHeal, 1);
        assertEquals(sentAfterHeal - run.client().inFlight(), answeredAtOnce, "after the heal every request is answered on its first try");
    }

    @Test
    void inFlightClimbsToRateTimesTheLifeOfAFailedRequestAndSuccessesStop() {
        Run run = run(42);
        Data inFlight = ((Probe) run.model().simulation().entity("Probe_Client_in_flight")).data();
        double life = OFFSETS[2] + TIMEOUT;   // 1.8 s from the first attempt to the last timeout
        Data plateau = inFlight.between(START + life + 0.2, END);
        assertTrue(plateau.count() > 150);
        assertEquals(RATE * life, plateau.min(), 1, "90 requests in flight");
        assertEquals(RATE * life, plateau.max(), 1);
        assertTrue(inFlight.between(END + life + 0.2, 60.01).max() <= 3, "back to a request or two");

        ScenarioModel model = run.model();
        ChartChecks.everyChartsSeriesReceivedSamples(model);
        Data successesPerSecond = model.charts().get(0).data();
        assertEquals(60, successesPerSecond.count(), "a sample every second, zeros included");
        assertEquals(0.0, successesPerSecond.between(START + 1, END + 0.5).max(), "nothing succeeds in the seconds to 21 … 40 s");
        assertEquals(RATE, successesPerSecond.between(END + 3, 60.5).mean(), 1, "back to λ");
        Data timeoutsPerSecond = model.charts().get(1).data();
        assertEquals(RATE * OFFSETS.length, timeoutsPerSecond.between(START + life + 1, END + 0.5).mean(), 1,
                "λ·N timeouts per second once every request in flight was sent into the partition");
        Data retriesPerSecond = model.charts().get(2).data();
        assertEquals(RATE * (OFFSETS.length - 1), retriesPerSecond.between(START + life + 1, END + 0.5).mean(), 1);
    }
}
