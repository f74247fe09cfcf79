package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.TimeSeries;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** §11 d of the reference against its closed forms: RTT = 2·(hop + extra) + E[S], delivered (1 − p)². */
class DegradedNetworkScenarioTest {
    private static final double HOP = 0.0005 + 0.0001;
    private static final double SERVICE = 0.005;
    /** Extra latency per hop and loss per hop in each phase, as the reference's schedule. */
    private static final double[] EXTRA = {0, 0.050, 0, 0.100, 0};
    private static final double[] LOSS = {0, 0, 0.15, 0.10, 0};
    /** Requests sent this close to a phase boundary may cross it on the wire; they are left out. */
    private static final double MARGIN = 1.0;

    private static final long[] sent = new long[5];
    private static final long[] succeeded = new long[5];
    private static final double[] roundTripSum = new double[5];

    /**
     * Three seeds with 60 s phases: 2,900 requests per phase and seed once the margins are left
     * out, 8,700 in all. The 5 ms exponential service is the noisy part of a 6.2 ms round trip:
     * one standard error of the phase mean is 5 ms/√n ≈ 0.9% of it (1% in phase 3, where only
     * answered requests count), so 3% is three standard errors; the answered share has a standard
     * error of 0.5% of (1 − p)², so 3% is six.
     */
    @BeforeAll
    static void runThreeLongSeeds() {
        Scenario scenario = new DegradedNetworkScenario();
        ParameterValues longer = ParameterValues.of(scenario.parameters(), Map.of("phase_length", 60));
        for (long seed = 1; seed <= 3; seed++) {
            Simulation sim = scenario.build(seed, longer).simulation();
            Client client = (Client) sim.entity("Client");
            sim.addEventListener(e -> {
                if (e.target() == client && "Request".equals(e.type())) {
                    int phase = phaseOf(e.timeNanos() / 1e9, 60);
                    if (phase >= 0) {
                        sent[phase]++;
                    }
                }
            });
            sim.run();
            Data roundTrips = client.latencies();
            for (int i = 0; i < roundTrips.count(); i++) {
                double rtt = roundTrips.valueAt(i);
                int phase = phaseOf(roundTrips.timeNanosAt(i) / 1e9 - rtt, 60);
                if (phase >= 0) {
                    succeeded[phase]++;
                    roundTripSum[phase] += rtt;
                }
            }
        }
    }

    /** The phase a request sent at {@code t} belongs to, or −1 within the margin of a boundary. */
    private static int phaseOf(double t, double phaseLength) {
        int phase = (int) Math.floor(t / phaseLength);
        double into = t - phase * phaseLength;
        return phase < 5 && into >= MARGIN && into < phaseLength - MARGIN ? phase : -1;
    }

    @Test
    void theMeanRoundTripOfEachPhaseIsTwoHopsPlusTheExtraPlusTheService() {
        for (int phase = 0; phase < 5; phase++) {
            double expected = 2 * (HOP + EXTRA[phase]) + SERVICE;   // 6.2, 106.2, 6.2, 206.2, 6.2 ms
            double measured = roundTripSum[phase] / succeeded[phase];
            assertEquals(expected, measured, 0.03 * expected, "phase " + (phase + 1));
        }
    }

    @Test
    void theShareOfRequestsAnsweredIsOneMinusPSquaredBecauseBothHopsMustDeliver() {
        for (int phase = 0; phase < 5; phase++) {
            assertTrue(sent[phase] > 8_500, "phase " + (phase + 1) + " sent " + sent[phase]);
            double expected = (1 - LOSS[phase]) * (1 - LOSS[phase]);   // 1, 1, 0.7225, 0.81, 1
            double measured = (double) succeeded[phase] / sent[phase];
            if (LOSS[phase] == 0) {
                assertEquals(sent[phase], succeeded[phase], "phase " + (phase + 1) + " loses nothing");
            } else {
                assertEquals(expected, measured, 0.03 * expected, "phase " + (phase + 1));
            }
        }
    }

    @Test
    void theChartsStepAtThePhaseBoundaries() {
        ScenarioModel model = new DegradedNetworkScenario().build();
        model.simulation().run();
        ChartChecks.everyChartsSeriesReceivedSamples(model);
        TimeSeries meanRtt = model.charts().get(0).render(null, null);
        TimeSeries goodput = model.charts().get(2).render(null, null);
        TimeSeries lost = model.charts().get(3).render(null, null);
        assertEquals(100, meanRtt.size(), "a mean round trip for every second");
        for (int i = 0; i < meanRtt.size(); i++) {
            double t = meanRtt.times()[i];   // the bucket [t, t + 1)
            double rtt = meanRtt.values()[i];
            if (t < 20 || (t >= 41 && t < 60) || t >= 81) {
                assertTrue(rtt < 0.015, "normal round trip at " + t + " s: " + rtt);
            } else if (t >= 21 && t < 40) {
                assertEquals(0.1062, rtt, 0.005, "latency phase at " + t + " s");
            } else if (t >= 61 && t < 80) {
                assertEquals(0.2062, rtt, 0.005, "latency and loss phase at " + t + " s");
            }
        }
        assertEquals(100, goodput.size(), "a goodput sample every second, zeros included");
        assertEquals(100, lost.size());
        for (int i = 0; i < goodput.size(); i++) {
            double end = goodput.times()[i];   // the second (end − 1, end]
            if (end <= 20 || (end > 21 && end <= 40) || end > 82) {
                assertEquals(50, goodput.values()[i], 1, "every request answered in the second to " + end + " s");
            }
            if (end <= 40 || end > 81) {
                assertEquals(0.0, lost.values()[i], "nothing lost in the second to " + end + " s");
            }
        }
        double lostPerSecond = model.charts().get(3).data().between(42, 61).mean();   // the seconds (41, 60]
        assertEquals(50 * (1 - 0.7225), lostPerSecond, 2.5, "about 13.9 of 50 lost per second in phase 3");
    }
}
