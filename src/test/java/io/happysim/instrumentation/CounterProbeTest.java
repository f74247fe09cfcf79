package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.happysim.components.load.Source;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Simulation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterProbeTest {
    /** Counts each event once in {@code a} and twice in {@code b}. */
    private static final class Tally extends Entity {
        long a;
        long b;

        Tally() {
            super("Tally");
        }

        @Override
        protected void handle(Event event) {
            a++;
            b += 2;
        }

        @Override
        protected void reset() {
            a = 0;
            b = 0;
        }

        @Override
        public Map<String, Object> metrics() {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("a", a);
            metrics.put("b", b);
            return metrics;
        }
    }

    @Test
    void ratesAndRatiosOfCountersPerInterval() {
        Tally tally = new Tally();
        // 4/s evenly spaced (0.25, 0.5, …) until 3 s: ticks at 1, 2, 3, 4 s each see 4 new events, then none
        Source source = Source.builder("Load").rate(4).to(tally).stopAt(3.1).build();
        CounterProbe perSecond = CounterProbe.perSecond(tally, "a", 0.5);
        CounterProbe half = CounterProbe.ratio(tally, 1.0, "a", "b");
        CounterProbe third = CounterProbe.ratio(tally, 1.0, "a", "a", "b");
        Simulation sim = Simulation.builder().seed(1).durationSeconds(5).sources(source).entities(tally)
                .probes(perSecond, half, third).build();
        assertEquals("Rate_Tally_a", perSecond.name());
        assertEquals("Ratio_Tally_a_per_a+b", third.name());
        assertEquals(Map.of("Rate_Tally_a", perSecond.data()), perSecond.series());

        sim.run();

        // the probe's tick at k·0.5 s comes before an arrival at the same instant (it was scheduled first)
        assertArrayEquals(new double[] {2, 4, 4, 4, 4, 4, 2, 0, 0, 0}, perSecond.data().values(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, half.data().values(), 1e-12, "no sample once nothing moves");
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3}, third.data().values(), 1e-12);
        assertEquals(12L, tally.a);

        double[] first = perSecond.data().values();
        sim.reset();
        assertEquals(0, perSecond.data().count(), "reset clears it");
        sim.run();
        assertArrayEquals(first, perSecond.data().values(), "and a reset run is the same as the first");
    }

    @Test
    void aRatioNeedsSomethingToDivideBy() {
        assertThrows(IllegalArgumentException.class, () -> CounterProbe.ratio(new Tally(), 1.0, "a"));
        assertThrows(IllegalArgumentException.class, () -> CounterProbe.perSecond(new Tally(), "a", 0));
    }
}
