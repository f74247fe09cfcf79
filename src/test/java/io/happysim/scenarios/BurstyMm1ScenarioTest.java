package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.Probe;
import io.happysim.instrumentation.TimeSeries;
import io.happysim.testing.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §6.1 of the reference, with the values the original was verified to produce. */
class BurstyMm1ScenarioTest {
    private final ScenarioModel model = new BurstyMm1Scenario().build();
    private final Simulation sim = model.simulation();

    private Source source() {
        return (Source) sim.entity("Source");
    }

    private Server server() {
        return (Server) sim.entity("Server");
    }

    private Sink sink() {
        return (Sink) sim.entity("Sink");
    }

    private Probe probe() {
        return (Probe) sim.entity("Probe_Server_depth");
    }

    @Test
    void startsWithTheSourceAndTheProbeTicksPending() {
        assertEquals(2, sim.heapSize());
        List<Event> upcoming = sim.peek(10);
        assertEquals("source_event", upcoming.get(0).type());
        assertEquals("Source", upcoming.get(0).target().name());
        assertEquals(Instant.ofSeconds(0.05), upcoming.get(0).time());
        assertEquals("source_event", upcoming.get(1).type());
        assertEquals("Probe_Server_depth", upcoming.get(1).target().name());
        assertEquals(Instant.ofSeconds(0.1), upcoming.get(1).time());
        assertEquals(List.of("generated"), List.copyOf(source().metrics().keySet()));
        assertEquals(List.of("depth", "utilization", "accepted", "dropped", "mean_depth", "service_time", "concurrency", "in_flight",
                "completed", "errors", "served_late"), List.copyOf(server().metrics().keySet()));
        assertEquals(List.of("events_received", "avg_latency", "p99_latency"), List.copyOf(sink().metrics().keySet()));
        assertEquals(List.of("latest", "samples", "metric", "target"), List.copyOf(probe().metrics().keySet()));
        assertEquals(List.of(server()), source().downstream());
        assertEquals(List.of(sink()), server().downstream(), "the Server→Sink edge the original lacked");
        assertEquals(20.0, source().rateAt(Instant.ofSeconds(1)));
        assertEquals(5.0, source().rateAt(Instant.ofSeconds(3)));
    }

    @Test
    void sixtySecondsGiveTheOriginalsCountsWithoutTheEventPastTheEnd() {
        History history = History.attach(sim);

        assertEquals(PauseReason.COMPLETE, sim.runUntil(Instant.ofSeconds(100)));

        assertEquals(660, source().generated(), "660 = 12 cycles × 55 (the original's 661 included a tick at 60.05 s)");
        assertEquals(659, sink().eventsReceived());
        assertEquals(0.624, sink().averageLatency(), 0.001);
        assertEquals(600, probe().data().count());
        assertEquals(5976, sim.eventsProcessed(), "the original's 5977 less the one event it processed after 60 s");
        assertTrue(history.events().stream().allMatch(e -> e.timeNanos() <= 60_000_000_000L));
        assertEquals(Instant.ofSeconds(60), sim.now());
    }

    @Test
    void theQueueFillsInEachBurstAndDrainsAfterItAsTheOriginalShows() {
        sim.run();
        Data depth = probe().data();

        // The original's probe times drift just below each multiple of 0.1 s (0.299999999…), which puts the
        // sample at k·0.1 into the bucket before; read ours the same way and the P99 chart is the original's.
        Data asTheOriginalTimedIt = new Data();
        for (int i = 0; i < depth.count(); i++) {
            asTheOriginalTimedIt.add(depth.timeNanosAt(i) - 1, depth.valueAt(i));
        }
        assertArrayEquals(new double[] {7.91, 14.91, 14.0, 6.0, 0.0},
                asTheOriginalTimedIt.between(0, 5).bucket(1.0).p99s(), 1e-9);
        double[] originalMeans = {1.8, 6.0, 9.8, 13.6, 12.6, 9.0, 5.0, 1.4, 0, 0};
        assertArrayEquals(originalMeans, asTheOriginalTimedIt.between(0, 5).bucket(0.5).means(), 0.25);

        // Every 5 s cycle: about 15 waiting at the end of the burst, empty before the next one.
        for (int cycle = 0; cycle < 12; cycle++) {
            Data burstEnd = depth.between(cycle * 5 + 1.8, cycle * 5 + 2.2);
            Data beforeNext = depth.between(cycle * 5 + 4.2, cycle * 5 + 5.0);
            assertTrue(burstEnd.max() >= 14, "cycle " + cycle + " peak " + burstEnd.max());
            assertEquals(0.0, beforeNext.max(), "cycle " + cycle + " drained");
        }
    }

    @Test
    void chartsAreTheOriginalsThreeWithStableIds() {
        List<Chart> charts = model.charts();
        assertEquals(List.of("Queue Depth", "P99 Queue Depth", "Mean Queue Depth"), charts.stream().map(Chart::title).toList());
        assertEquals(List.of(ChartTransform.RAW, ChartTransform.P99, ChartTransform.MEAN),
                charts.stream().map(Chart::transform).toList());
        assertEquals(List.of("#3b82f6", "#f59e0b", "#10b981"), charts.stream().map(Chart::color).toList());
        assertEquals(List.of(1.0, 1.0, 0.5), charts.stream().map(Chart::windowSeconds).toList());
        assertEquals(List.of("items", "items", ""), charts.stream().map(Chart::yLabel).toList());
        assertTrue(charts.stream().allMatch(c -> c.seriesName().equals("Probe_Server_depth") && c.data() == probe().data()));
        assertTrue(charts.stream().allMatch(c -> c.xLabel().equals("Time (s)")));
        List<String> ids = charts.stream().map(Chart::chartId).toList();
        assertEquals(ids, new BurstyMm1Scenario().build().charts().stream().map(Chart::chartId).toList(), "stable across builds");
        assertEquals(3, ids.stream().distinct().count());
        assertTrue(ids.stream().allMatch(id -> id.matches("[0-9a-f]{8}")));
        assertEquals("s", model.timeUnit());
    }

    @Test
    void chartsRenderTheirTransformsOverATimeRange() {
        sim.run();
        Chart p99 = model.charts().get(1);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, p99.render(0.0, 5.0).times());
        Chart raw = model.charts().get(0);
        assertEquals(600, raw.render(null, null).size());
        assertEquals(49, raw.render(null, 5.0).size(), "samples at 0.1 … 4.9 (5.0 is excluded)");
        assertEquals(probe().data().values().length, Chart.transform(probe().data(), ChartTransform.RAW, 1).values().length);
        TimeSeries perSecond = Chart.transform(probe().data(), ChartTransform.RATE, 1.0);
        assertEquals(61, perSecond.size(), "the sample at exactly 60 s opens a last bucket");
        assertEquals(9.0, perSecond.values()[0], "0.1 … 0.9");
        assertEquals(10.0, perSecond.values()[5]);
        assertEquals(1.0, perSecond.values()[60]);
    }
}
