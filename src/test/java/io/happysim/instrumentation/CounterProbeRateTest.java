package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.components.sinks.Counter;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import org.junit.jupiter.api.Test;

class CounterProbeRateTest {
    /** 10 events/s at 0.05, 0.15 … 2.95 s, nothing after (never at a tick): a counter the probe turns into a rate. */
    private static Simulation model(CounterProbe[] probe) {
        Counter counter = new Counter("Counter");
        probe[0] = CounterProbe.perSecond(counter, "total", 0.5);
        Simulation sim = Simulation.builder().seed(1).durationSeconds(5).entities(counter).probes(probe[0]).build();
        for (int k = 0; k < 30; k++) {
            sim.schedule(new Event(50_000_000L + k * 100_000_000L, "Request", counter, false, null));
        }
        return sim;
    }

    @Test
    void recordsTheGrowthPerSecondOfEachIntervalZerosIncluded() {
        CounterProbe[] probe = new CounterProbe[1];
        Simulation sim = model(probe);
        sim.run();

        assertEquals("Rate_Counter_total", probe[0].name());
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5}, probe[0].data().times(), 1e-9);
        assertArrayEquals(new double[] {10, 10, 10, 10, 10, 10, 0, 0, 0, 0}, probe[0].data().values(), 1e-9);
        assertEquals(probe[0].data(), probe[0].series().get("Rate_Counter_total"));
    }

    @Test
    void aResetRunRecordsWhatAFreshOneDoes() {
        CounterProbe[] probe = new CounterProbe[1];
        Simulation sim = model(probe);
        sim.runUntil(Instant.ofSeconds(2.2));
        sim.reset();
        assertEquals(0, probe[0].data().count());
        sim.run();
        assertArrayEquals(new double[] {10, 10, 10, 10, 10, 10, 0, 0, 0, 0}, probe[0].data().values(), 1e-9);
    }
}
