package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.RequestProvider;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.testing.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Same seed, same history; reset, same history as a fresh start. Byte for byte, contexts included. */
class DeterminismTest {
    static List<Scenario> scenarios() {
        return List.of(new BurstyMm1Scenario(), new ConsistentHashLbScenario(), new MmcClusterScenario(3, 21, 10, 200),
                new RetryingClientScenario(), new MetastableRetryStormScenario(), new GcCollapseScenario(), new CircuitBreakerScenario(),
                new HedgedRequestsScenario(),
                new DegradedNetworkScenario(), new PartitionScenario(), new RateLimitedApiScenario(), new CodelUnderOverloadScenario());
    }

    /** Every processed event with its context as it was when processed, and every entity's metrics at the end. */
    private static final class FullHistory implements EventListener {
        final StringBuilder text = new StringBuilder();

        @Override
        public void onEvent(Event e) {
            text.append(e.sequence()).append('|').append(e.timeNanos()).append('|').append(e.type()).append('|')
                    .append(e.target().name()).append('|').append(e.source() == null ? "-" : e.source().name()).append('|')
                    .append(e.contextView()).append('\n');
        }
    }

    private static String metricsOf(Simulation sim) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Entity entity : sim.allEntities()) {
            all.put(entity.name(), entity.metrics());
        }
        return all.toString();
    }

    private static String runFully(Simulation sim) {
        FullHistory history = new FullHistory();
        sim.addEventListener(history);
        sim.run();
        sim.removeEventListener(history);
        return history.text + metricsOf(sim);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theSameSeedGivesTheSameHistory(Scenario scenario) {
        String first = runFully(scenario.build(7).simulation());
        String second = runFully(scenario.build(7).simulation());
        assertTrue(first.length() > 100_000);
        assertEquals(first, second);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aResetRunIsTheSameAsAFreshOne(Scenario scenario) {
        Simulation fresh = scenario.build(7).simulation();
        String metricsWhenNew = metricsOf(fresh);
        String expected = runFully(fresh);

        Simulation reused = scenario.build(7).simulation();
        reused.runUntil(Instant.ofSeconds(37.3));
        reused.reset();
        assertEquals(metricsWhenNew, metricsOf(reused), "every counter and series cleared");
        assertEquals(expected, runFully(reused));
        reused.reset();
        assertEquals(expected, runFully(reused), "and again after completing");
    }

    @Test
    void anotherSeedGivesAnotherHistory() {
        Scenario scenario = new ConsistentHashLbScenario();
        assertNotEquals(runFully(scenario.build(1).simulation()), runFully(scenario.build(2).simulation()));
    }

    @Test
    void addingAComponentDoesNotPerturbTheOthersRandomStreams() {
        List<Long> alone = arrivalTimesOfA(false);
        List<Long> withNeighbour = arrivalTimesOfA(true);
        assertTrue(alone.size() > 900);
        assertEquals(alone, withNeighbour);
    }

    private static List<Long> arrivalTimesOfA(boolean withNeighbour) {
        Sink sinkA = new Sink("SinkA");
        Source a = new Source("A", io.happysim.components.load.RateProfile.constant(10), true, new RequestProvider(sinkA));
        Simulation.Builder builder = Simulation.builder().seed(5).durationSeconds(100);
        if (withNeighbour) {
            Sink sinkB = new Sink("SinkB");
            Source b = new Source("B", io.happysim.components.load.RateProfile.constant(30), true, new RequestProvider(sinkB));
            builder.sources(b, a).entities(sinkB, sinkA);
        } else {
            builder.sources(a).entities(sinkA);
        }
        Simulation sim = builder.build();
        History history = History.attach(sim);
        sim.run();
        List<Long> times = new ArrayList<>();
        for (Event e : history.events()) {
            if (e.target() == a) {
                times.add(e.timeNanos());
            }
        }
        return times;
    }
}
