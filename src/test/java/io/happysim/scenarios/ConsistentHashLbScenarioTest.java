package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.balancing.LoadBalancer;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
import io.happysim.core.Entity;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** §6.2 of the reference. Its RNG streams were unseeded, so values are compared with tolerance. */
class ConsistentHashLbScenarioTest {
    private final ScenarioModel model = new ConsistentHashLbScenario().build();
    private final Simulation sim = model.simulation();

    @Test
    void hasTheOriginalsEntitiesAndAProbeWithoutThePrivateFieldName() {
        assertEquals(List.of("Traffic"), sim.sources().stream().map(Entity::name).toList());
        assertEquals(List.of("Router", "Node 0", "Node 1", "Node 2", "Sink"), sim.entities().stream().map(Entity::name).toList());
        assertEquals(List.of("Probe_Router_requests_received"), sim.probes().stream().map(Entity::name).toList());
        LoadBalancer router = (LoadBalancer) sim.entity("Router");
        assertEquals(3, router.downstream().size());
        assertEquals(List.of(router), sim.sources().get(0).downstream());
        assertEquals(List.of(sim.entity("Sink")), sim.entity("Node 1").downstream());
        assertEquals(100.0, sim.endTime().toSeconds());
        Chart chart = model.charts().get(0);
        assertEquals("Total Requests", chart.title());
        assertEquals("count", chart.yLabel());
        assertEquals("#6366f1", chart.color());
        assertEquals("Probe_Router_requests_received", chart.seriesName());
    }

    @Test
    void atThirtySecondsTheCountsAreThoseOfTheOriginalWithinPoissonNoise() {
        sim.runUntil(Instant.ofSeconds(30));

        long generated = ((Source) sim.entity("Traffic")).generated();
        assertEquals(759, generated, 60, "∫ rate over 30 s is 2 × 187.5 + 15 × 30 ... about 750");
        long accepted = 0;
        for (String node : List.of("Node 0", "Node 1", "Node 2")) {
            long nodeAccepted = ((Server) sim.entity(node)).accepted();
            assertTrue(nodeAccepted > 150 && nodeAccepted < 400, node + " accepted " + nodeAccepted);
            accepted += nodeAccepted;
        }
        assertEquals(generated, accepted);
        Sink sink = (Sink) sim.entity("Sink");
        assertEquals(0.108, sink.averageLatency(), 0.02);
        assertEquals(generated, ((Probe) sim.entity("Probe_Router_requests_received")).data().latest(), 60);
    }

    @Test
    void everyClientStaysOnOneNodeAndTrafficStopsAtNinetySeconds() {
        Map<String, String> nodeOfClient = new HashMap<>();
        double[] lastRequestAtRouter = {0};
        sim.addEventListener(e -> {
            if (!e.type().equals("Request")) {
                return;
            }
            if (e.target().name().equals("Router")) {
                lastRequestAtRouter[0] = e.time().toSeconds();
            } else if (e.target().name().startsWith("Node ") && !e.target().name().contains(".")) {
                String client = (String) ((Map<?, ?>) e.context().get("metadata")).get("client_id");
                String previous = nodeOfClient.put(client, e.target().name());
                assertTrue(previous == null || previous.equals(e.target().name()), "client " + client + " moved");
            }
        });

        sim.run();

        assertEquals(200, nodeOfClient.size(), "all 200 clients were seen");
        assertTrue(lastRequestAtRouter[0] < 90.0);
        assertTrue(sim.isComplete());
        LoadBalancer router = (LoadBalancer) sim.entity("Router");
        assertEquals(router.requestsReceived(), ((Sink) sim.entity("Sink")).eventsReceived(), "all served by 100 s");
        assertEquals(router.requestsReceived(), router.responsesReceived());
    }
}
