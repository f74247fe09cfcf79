package io.happysim.visual.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EdgeStatsTest {

    @Test
    void countsEveryEventAndRatesTheLastFiveSeconds() {
        EdgeStats stats = new EdgeStats();
        assertTrue(stats.record("Source", "Server", 0.05));
        assertFalse(stats.record("Source", "Server", 0.10));
        for (int i = 0; i < 100; i++) {
            stats.record("Source", "Server", 10.0 + i * 0.01); // 100 events in [10, 11)
        }
        EdgeStats.Edge edge = stats.snapshot(12.0).get("Source->Server");
        assertEquals(102, edge.count());
        assertEquals(20.0, edge.rate(), "100 events in the 5 s window");
        assertEquals(0.0, stats.snapshot(17.0).get("Source->Server").rate(), "the burst left the window");
    }

    @Test
    void busyEdgesAreNotCappedAtAThousandTimestamps() {
        EdgeStats stats = new EdgeStats();
        for (int i = 0; i < 5000; i++) {
            stats.record("LB", "Node", i * 0.001); // 1000 events/s for 5 s
        }
        assertEquals(1000.0, stats.snapshot(4.999).get("LB->Node").rate(), 0.5);
    }

    @Test
    void clearForgetsEveryEdge() {
        EdgeStats stats = new EdgeStats();
        stats.record("a", "b", 1);
        stats.clear();
        assertTrue(stats.snapshot(1).isEmpty());
    }
}
