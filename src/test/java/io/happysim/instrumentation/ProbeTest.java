package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.testing.History;
import io.happysim.testing.Scripted;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeTest {
    @Test
    void samplesAMetricEveryIntervalAtExactMultiples() {
        Scripted target = new Scripted("Server");
        Probe probe = Probe.on(target, "depth", 0.1);
        Simulation sim = Simulation.builder().durationSeconds(1.0).entities(target).probes(probe).build();
        int[] depth = {0};
        sim.addEventListener(e -> target.metric("depth", ++depth[0]));
        History history = History.attach(sim);
        assertNull(probe.metrics().get("latest"));

        sim.run();

        assertEquals("Probe_Server_depth", probe.name());
        assertEquals(10, probe.data().count());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, probe.data().times(), 1e-12);
        assertEquals(List.of("source_event", "probe_event"), history.events().subList(0, 2).stream().map(Event::type).toList());
        assertTrue(history.events().stream().allMatch(Event::isDaemon), "probe ticks and measurements are daemon");
        assertEquals(List.of("latest", "samples", "metric", "target"), List.copyOf(probe.metrics().keySet()));
        assertEquals("depth", probe.metrics().get("metric"));
        assertEquals("Server", probe.metrics().get("target"));
        assertEquals(10L, probe.metrics().get("samples"));
        assertEquals(probe.data().latest(), probe.metrics().get("latest"));
        assertEquals(Map.of("Probe_Server_depth", probe.data()), probe.series());
        assertEquals(Category.PROBE, probe.category());
        assertEquals(10.0, probe.rateAt(Instant.EPOCH), 1e-9);
        assertEquals(target, probe.target());
    }

    @Test
    void aProbeDoesNotKeepAnEndlessSimulationAlive() {
        Scripted target = new Scripted("Server");
        Probe probe = Probe.on(target, "depth", 0.1);
        Simulation sim = Simulation.builder().entities(target).probes(probe).build();
        sim.schedule(new Event(Instant.ofSeconds(2.05), "job", target));

        assertEquals(PauseReason.COMPLETE, sim.run());

        assertEquals(Instant.ofSeconds(2.05), sim.now());
        assertEquals(20, probe.data().count());
    }

    @Test
    void aMissingOrNonNumericMetricRecordsZero() {
        Scripted target = new Scripted("Server");
        target.metric("flag", true);
        Probe missing = Probe.on(target, "nothing", 1.0);
        Probe flag = Probe.on(target, "flag", 1.0);
        Simulation sim = Simulation.builder().durationSeconds(2).entities(target).probes(missing, flag).build();
        sim.run();
        assertArrayEquals(new double[] {0, 0}, missing.data().values());
        assertArrayEquals(new double[] {1, 1}, flag.data().values());
    }

    @Test
    void trackersRecordLatencyAndThroughput() {
        LatencyTracker latency = new LatencyTracker();
        ThroughputTracker throughput = new ThroughputTracker();
        Simulation sim = Simulation.builder().entities(latency, throughput).build();
        for (int i = 1; i <= 4; i++) {
            Event e = new Event(Instant.ofSeconds(i), "Response", latency);
            e.context().put("created_at", Instant.ofSeconds(i - 0.25 * i));
            sim.schedule(e, new Event(Instant.ofSeconds(i * 0.5), "Response", throughput));
        }

        sim.run();

        assertEquals(Map.of("count", 4L, "mean_latency", 0.625, "p50", 0.625, "p99", 0.9925), latency.metrics());
        assertEquals(List.of("count", "mean_latency", "p50", "p99"), List.copyOf(latency.metrics().keySet()));
        assertEquals(Map.of("LatencyTracker.latency", latency.data()), latency.series());
        assertEquals(Map.of("count", 4L), throughput.metrics());
        assertArrayEquals(new double[] {1.0, 2.0, 1.0}, throughput.throughput(1.0).values());
        assertEquals(Map.of("ThroughputTracker.throughput", throughput.data()), throughput.series());
        assertEquals(Category.SINK, latency.category());
        assertEquals(Category.SINK, throughput.category());
    }
}
