package io.happysim.components.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkTest {
    private static Event arriving(Sink sink, double at, Object createdAt) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (createdAt != null) {
            context.put("created_at", createdAt);
        }
        return new Event(Instant.ofSeconds(at), "Response", sink, context);
    }

    @Test
    void latencyIsNowMinusCreatedAtGivenAsAnInstantOrSeconds() {
        Sink sink = new Sink();
        Simulation sim = Simulation.builder().entities(sink).build();
        sim.schedule(arriving(sink, 2.0, Instant.ofSeconds(1.5)),
                arriving(sink, 3.0, 1.0),
                arriving(sink, 4.0, null),
                arriving(sink, 5.0, Instant.ofSeconds(4.9)));

        sim.run();

        assertEquals(List.of(0.5, 2.0, 0.0, 0.1), List.of(sink.latencies().values()[0], sink.latencies().values()[1],
                sink.latencies().values()[2], Math.round(sink.latencies().values()[3] * 1e9) / 1e9));
        Sink.LatencyStats stats = sink.latencyStats();
        assertEquals(4, stats.count());
        assertEquals(0.65, stats.avg(), 1e-9);
        assertEquals(0.0, stats.min());
        assertEquals(2.0, stats.max());
        assertEquals(0.3, stats.p50(), 1e-9, "interpolated between 0.1 and 0.5");
        assertEquals(List.of("events_received", "avg_latency", "p99_latency"), List.copyOf(sink.metrics().keySet()));
        assertEquals(4L, sink.metrics().get("events_received"));
        assertEquals(0.65, sink.metrics().get("avg_latency"));
        assertEquals(1.955, sink.metrics().get("p99_latency"), "0.5 + 0.97 * 1.5, rounded to 6 places");
        assertEquals(Map.of("Sink.latency", sink.latencies()), sink.series());
        assertEquals(Category.SINK, sink.category());
    }

    @Test
    void metricsAreRoundedToSixPlaces() {
        Sink sink = new Sink();
        Simulation sim = Simulation.builder().entities(sink).build();
        sim.schedule(arriving(sink, 1.0, Instant.ofNanos(1)), arriving(sink, 1.0, Instant.ofNanos(2)),
                arriving(sink, 1.0, Instant.ofNanos(4)));
        sim.run();
        assertEquals(1.0, sink.metrics().get("avg_latency"));
    }
}
