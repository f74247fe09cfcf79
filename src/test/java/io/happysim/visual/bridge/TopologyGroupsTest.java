package io.happysim.visual.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.scenarios.BurstyMm1Scenario;
import io.happysim.scenarios.ServerFarmScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyGroupsTest {

    @Test
    void burstyMm1HasItsFourNodesAndTheServerToSinkEdge() {
        Topology topology = Topology.discover(new BurstyMm1Scenario().build().simulation());
        assertEquals(List.of("Source", "Server", "Sink", "Probe_Server_depth"), topology.nodes().stream().map(Topology.Node::id).toList());
        assertEquals(List.of(new Topology.Edge("Source", "Server", "data"), new Topology.Edge("Server", "Sink", "data"),
                new Topology.Edge("Probe_Server_depth", "Server", "probe")), topology.edges());
        Topology.Node source = topology.node("Source");
        assertEquals(201, source.profile().times().length);
        assertEquals(20.0, source.profile().values()[0]);
        assertEquals(10.0, topology.node("Probe_Server_depth").profile().values()[0], "probes sample at 1/interval");
        assertNull(topology.node("Server").profile());
        assertEquals("Server", topology.resolve("Server.worker"));
        assertEquals("once:probe_event", topology.resolve("once:probe_event"));
    }

    @Test
    void moreThanTwentyOfOneTypeFoldIntoAGroup() {
        Topology topology = Topology.discover(new ServerFarmScenario().build().simulation());
        Topology.Node group = topology.node("group:Server");
        assertTrue(group.isGroup());
        assertEquals(40, group.memberCount());
        assertEquals(40, group.memberIds().size());
        assertEquals("queued_resource", group.category());
        assertTrue(topology.isGrouped("Server-07"));
        assertEquals("group:Server", topology.resolve("Server-07.worker"));
        assertTrue(topology.hasEdge("Balancer", "group:Server"));
        assertTrue(topology.hasEdge("group:Server", "Sink"));
        assertTrue(topology.hasEdge("Probe_Server-00_depth", "group:Server"));
        assertEquals(1, topology.edges().stream().filter(e -> e.source().equals("Balancer")).count(), "40 edges folded into one");
    }
}
