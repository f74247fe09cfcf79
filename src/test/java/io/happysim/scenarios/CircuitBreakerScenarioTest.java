package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.components.resilience.CircuitBreaker;
import io.happysim.components.resilience.CircuitBreaker.State;
import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The breaker's story with the defaults: outage [20, 40), 5 failures open it, 5 s open, 2 good probes close it. */
class CircuitBreakerScenarioTest {
    private static final double OUTAGE_START = 20;
    private static final double OUTAGE_END = 40;
    private static final double OPEN_SECONDS = 5;
    private static final long OPEN_NANOS = 5_000_000_000L;

    private record Transition(long atNanos, State to) {
    }

    /** After every event: the breaker's transitions, the state each rejection and each call to the dependency happened in. */
    private static final class Watcher implements EventListener {
        final CircuitBreaker breaker;
        final List<Transition> transitions = new ArrayList<>();
        final List<State> rejectedIn = new ArrayList<>();
        final List<State> callsIn = new ArrayList<>();
        State last = State.CLOSED;
        long rejected;

        Watcher(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        @Override
        public void onEvent(Event e) {
            long nowRejected = (Long) breaker.metric("rejected_requests");
            for (long i = rejected; i < nowRejected; i++) {
                rejectedIn.add(breaker.state()); // a rejection changes no state: the state after the event is the one it met
            }
            rejected = nowRejected;
            if (e.target().name().equals("Dependency") && "Request".equals(e.type())) {
                callsIn.add(breaker.state());
            }
            if (breaker.state() != last) {
                transitions.add(new Transition(e.timeNanos(), breaker.state()));
                last = breaker.state();
            }
        }
    }

    private static Watcher run(String mode, long seed) {
        Scenario scenario = new CircuitBreakerScenario();
        Simulation sim = scenario.build(seed, ParameterValues.of(scenario.parameters(), Map.of("failure_mode", mode))).simulation();
        Watcher watcher = new Watcher((CircuitBreaker) sim.entity("Breaker"));
        sim.addEventListener(watcher);
        sim.run();
        assertEquals(60.0, sim.now().toSeconds(), 1e-9, "ends by itself");
        return watcher;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void opensProbesAndClosesWhenTheDependencyRecovers(long seed) {
        Watcher w = run("errors", seed);
        List<Transition> t = w.transitions;
        assertTrue(t.size() >= 3, "seed " + seed + ": " + t);
        // closed → open, a fraction of a second into the outage (5 failures at 10 req/s)
        assertEquals(State.OPEN, t.get(0).to());
        double openedAt = t.get(0).atNanos() / 1e9;
        assertTrue(openedAt >= OUTAGE_START && openedAt < OUTAGE_START + 2, "opened at " + openedAt);
        // then open → half-open exactly one open duration later, each time; a failed probe opens it again
        for (int i = 0; i < t.size() - 1; i++) {
            Transition from = t.get(i);
            Transition next = t.get(i + 1);
            if (from.to() == State.OPEN) {
                assertEquals(State.HALF_OPEN, next.to(), "seed " + seed + ": open → half-open " + t);
                assertEquals(from.atNanos() + OPEN_NANOS, next.atNanos(), "half-open at opened_at + open duration");
            } else if (from.to() == State.HALF_OPEN) {
                State expected = next.atNanos() < OUTAGE_END * 1e9 ? State.OPEN : State.CLOSED;
                assertEquals(expected, next.to(), "seed " + seed + ": probes fail during the outage, succeed after " + t);
            }
        }
        Transition closed = t.get(t.size() - 1);
        assertEquals(State.CLOSED, closed.to(), "closed at the end");
        assertEquals(State.HALF_OPEN, t.get(t.size() - 2).to(), "closed from half-open");
        double closedAt = closed.atNanos() / 1e9;
        assertTrue(closedAt > OUTAGE_END && closedAt < OUTAGE_END + OPEN_SECONDS + 1,
                "closed within an open period of the recovery: " + closedAt);
        int reopenings = (int) t.stream().filter(x -> x.to() == State.OPEN).count();
        assertTrue(reopenings >= 3, "a 20 s outage with 5 s open periods reopens it: " + t);

        // rejections only while not closed (most while open; a half-open breaker rejects what exceeds its one probe)
        assertTrue(w.rejectedIn.size() > 100, "about 10/s for ~20 s: " + w.rejectedIn.size());
        assertTrue(w.rejectedIn.stream().noneMatch(s -> s == State.CLOSED), "no rejection while closed");
        assertTrue(w.rejectedIn.stream().filter(s -> s == State.OPEN).count() > 0.9 * w.rejectedIn.size(), "nearly all while open");
        // an open breaker sends nothing to the dependency; a half-open one only its probes (one per failed probe, two to close)
        assertTrue(w.callsIn.stream().noneMatch(s -> s == State.OPEN), "no call reaches the dependency while open");
        long probes = w.callsIn.stream().filter(s -> s == State.HALF_OPEN).count();
        assertEquals((reopenings - 1) + 2, probes, "one failed probe per reopening, two good ones to close");
    }

    @Test
    void aSlowDependencyOpensItThroughTheCallTimeoutAndItClosesAfterwards() {
        Watcher w = run("slow", 42);
        List<Transition> t = w.transitions;
        assertEquals(State.OPEN, t.get(0).to());
        assertTrue(t.get(0).atNanos() / 1e9 < OUTAGE_START + 2, "opened soon after the slowdown began: " + t);
        assertEquals(State.CLOSED, t.get(t.size() - 1).to(), "closed at the end: " + t);
        assertTrue(t.get(t.size() - 1).atNanos() / 1e9 > OUTAGE_END, "closed for good only after the outage: " + t);
        assertTrue(w.rejectedIn.stream().noneMatch(s -> s == State.CLOSED), "no rejection while closed");
        assertTrue(w.callsIn.stream().noneMatch(s -> s == State.OPEN), "no call reaches the dependency while open");
    }

    @Test
    void theChartsFillAndTheClientFailsFastDuringTheOutage() {
        ScenarioModel model = StoryCharts.assertChartsFillDuringARun(new CircuitBreakerScenario(), 4);
        Simulation sim = model.simulation();
        Client client = (Client) sim.entity("Client");
        assertEquals(0, client.timeouts(), "an open breaker answers at once: nobody waits for a timeout");
        assertTrue(client.rejected() > 100);
        List<Chart> charts = model.charts();
        assertEquals(2.0, charts.get(0).data().between(25, 40).max(), "the state chart shows open");
        assertTrue(containsValue(charts.get(0).data().between(OUTAGE_END, OUTAGE_END + OPEN_SECONDS + 1), 1.0),
                "the half-open spell before it closes is sampled (every 50 ms)");
        assertEquals(0.0, charts.get(0).data().between(OUTAGE_END + OPEN_SECONDS + 1, 60).max(), "closed after the outage");
        assertEquals(1.0, charts.get(3).data().between(0, OUTAGE_START).min(), 1e-9, "every request succeeds before the outage");
        assertEquals(0.0, charts.get(3).data().between(OUTAGE_START + 2, OUTAGE_END).max(), 1e-9, "none during it");
        assertEquals(1.0, charts.get(3).data().between(OUTAGE_END + OPEN_SECONDS + 1, 60).min(), 1e-9, "all again after it");
    }

    private static boolean containsValue(io.happysim.instrumentation.Data data, double value) {
        for (int i = 0; i < data.count(); i++) {
            if (data.valueAt(i) == value) {
                return true;
            }
        }
        return false;
    }
}
