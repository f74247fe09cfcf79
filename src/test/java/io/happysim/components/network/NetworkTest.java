package io.happysim.components.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.server.Server;
import io.happysim.core.Entity;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.visual.bridge.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A network of links: paths, partitions that heal on their own terms, the traffic matrix, presets, reset. */
class NetworkTest {
    private static final long MS = 1_000_000L;

    private static Server server(String name) {
        return new Server(name, 10, Distribution.constant(0.001), null);
    }

    @Test
    void aPathIsTheLinkBetweenTwoNodesAndABidirectionalLinkCarriesRequestsBothWays() {
        Network network = new Network("net", LinkProfile.datacenter());
        Entity client = Caller.requests(MS, 0);
        Server api = server("Api");
        Server db = server("Db");
        Link clientApi = network.link(client, api);
        Link apiDb = network.bidirectional(api, db, LinkProfile.crossRegion());

        assertSame(clientApi, network.path(client, api));
        assertSame(apiDb, network.path(db, api));
        assertThrows(IllegalArgumentException.class, () -> network.path(api, client), "a one-way link carries requests from its A end only");
        assertThrows(IllegalArgumentException.class, () -> network.path(client, db), "no multi-hop routes");
        assertThrows(IllegalArgumentException.class, () -> network.link(api, client), "one link per pair");
        assertEquals(LinkProfile.datacenter().latency().mean(), clientApi.from(client).profile().latency().mean());
        assertEquals(List.of(api), clientApi.downstream());
        assertEquals(List.of(api, db), apiDb.downstream());
        assertEquals(List.of(clientApi, apiDb), network.links());
    }

    @Test
    void aPartitionHandleHealsOnlyItsOwnCuts() {
        Network network = new Network("net", LinkProfile.constant(0.010));
        Caller c1 = new Caller("C1", 100 * MS, 5, true, 0);
        Caller c2 = new Caller("C2", 100 * MS, 5, true, 0);
        Server s = server("S");
        c1.sendTo(network.link(c1, s));
        c2.sendTo(network.link(c2, s));
        Simulation sim = Simulation.builder().entities(c1, c2, s).entities(network.links()).build();
        List<Partition> partitions = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.050), "split", e -> {
            partitions.add(network.partition(List.of(c1, c2), List.of(s)));
            partitions.add(network.partition(List.of(c1), List.of(s)));
        });
        sim.once(Instant.ofSeconds(0.150), "heal the wide one", e -> {
            partitions.get(0).heal();
            seen.add(network.isPartitioned(c1, s) + " " + network.isPartitioned(s, c1) + " " + network.isPartitioned(c2, s));
        });
        sim.once(Instant.ofSeconds(0.350), "heal the narrow one", e -> partitions.get(1).heal());

        sim.run();

        assertEquals(List.of("true true false"), seen, "C1–S is still held by the second partition; C2–S is free");
        // requests at 0, 100, 200, 300, 400 ms: C2's at 100 falls in the first partition; C1's until 350 in the second
        assertEquals(List.of(true, false, true, true, true), outcomes(c2));
        assertEquals(List.of(true, false, false, false, true), outcomes(c1));
        assertFalse(partitions.get(0).isActive());
        assertFalse(partitions.get(1).isActive());
        assertFalse(network.isPartitioned(c1, s));
    }

    private static List<Boolean> outcomes(Caller caller) {
        return caller.replies.stream().map(r -> r.isSucceeded()).toList();
    }

    @Test
    void anAsymmetricPartitionBlocksOneWayOnly() {
        for (boolean blockRequests : new boolean[] {true, false}) {
            Network network = new Network("net", LinkProfile.constant(0.010));
            Caller client = Caller.requests(MS, 1);
            Server server = server("Server");
            client.sendTo(network.link(client, server));
            Simulation sim = Simulation.builder().entities(client, server).entities(network.links()).build();
            Partition[] partition = new Partition[1];
            sim.once(Instant.EPOCH, "split", e -> partition[0] = blockRequests
                    ? network.partitionOneWay(List.of(client), List.of(server))
                    : network.partitionOneWay(List.of(server), List.of(client)));

            sim.run();

            assertEquals(Failure.Kind.LOST, client.replies.get(0).failure().kind());
            assertEquals(blockRequests, network.isPartitioned(client, server));
            assertEquals(!blockRequests, network.isPartitioned(server, client));
            assertEquals(blockRequests ? 0L : 1L, server.completed(), blockRequests
                    ? "the request never got through" : "the request got through, the answer did not");
            assertEquals(blockRequests ? 0L : 11 * MS, client.settledAt.get(0));
            assertTrue(partition[0].isActive());
        }
    }

    @Test
    void aPartitionNeedsALinkToCutAndDisjointGroups() {
        Network network = new Network("net", LinkProfile.local());
        Server a = server("A");
        Server b = server("B");
        Server c = server("C");
        network.link(a, b);
        assertThrows(IllegalArgumentException.class, () -> network.partition(List.of(a), List.of(c)));
        assertThrows(IllegalArgumentException.class, () -> network.partition(List.of(a, b), List.of(b)));
    }

    @Test
    void healAllHealsEveryPartitionButNotACutByHand() {
        Network network = new Network("net", LinkProfile.local());
        Server a = server("A");
        Server b = server("B");
        Server c = server("C");
        Link ab = network.link(a, b);
        Link ac = network.link(a, c);
        Simulation.builder().entities(a, b, c).entities(network.links()).build();
        network.partition(List.of(a), List.of(b));
        network.partitionOneWay(List.of(a), List.of(c));
        ab.from(b).cut();

        network.healAll();

        assertFalse(network.isPartitioned(a, b));
        assertFalse(network.isPartitioned(a, c));
        assertTrue(network.isPartitioned(b, a), "cut by hand, healed by hand");
        assertFalse(ac.isCut());
    }

    @Test
    void theTrafficMatrixAccountsForEveryMessage() {
        Network network = new Network("net", LinkProfile.constant(0.020).withLoss(0.2));
        Caller client = Caller.requests(MS, 2000);
        Server server = server("Server");
        Link link = network.link(client, server);
        client.sendTo(link);
        Simulation sim = Simulation.builder().seed(5).durationSeconds(1.5).entities(client, server).entities(network.links()).build();
        sim.once(Instant.ofSeconds(1.0), "split", e -> network.partition(List.of(client), List.of(server)));

        sim.run();

        List<Network.Traffic> matrix = network.trafficMatrix();
        assertEquals(List.of("Client->Server", "Server->Client"), matrix.stream().map(t -> t.from() + "->" + t.to()).toList());
        for (Network.Traffic row : matrix) {
            LinkDirection way = link.from(row.from().equals("Client") ? client : server);
            assertEquals(row.sent(), row.delivered() + row.dropped() + row.droppedPartition() + way.inFlight(), row.toString());
            assertTrue(row.dropped() > 0 && row.droppedPartition() > 0, row.toString());
        }
        Network.Traffic out = matrix.get(0);
        assertEquals(1501, out.sent(), "requests at 0, 1, …, 1500 ms, partition or not");
        assertEquals(out.delivered(), server.completed() + server.inFlight() + server.depth(), "every delivered request reached the server");
    }

    @Test
    void presetsCarryTheReferenceValues() {
        assertPreset(LinkProfile.local(), 0.0001, 0.0, 1e9, 0.0);
        assertPreset(LinkProfile.datacenter(), 0.0005, 0.0001, 10e9, 0.0);
        assertPreset(LinkProfile.crossRegion(), 0.050, 0.005, 1e9, 0.0001);
        assertPreset(LinkProfile.internet(), 0.100, 0.020, 100e6, 0.001);
        assertPreset(LinkProfile.satellite(), 0.600, 0.050, 10e6, 0.005);
        assertPreset(LinkProfile.mobile3g(), 0.100, 0.030, 2e6, 0.005);
        assertPreset(LinkProfile.mobile4g(), 0.050, 0.015, 20e6, 0.001);
        assertPreset(LinkProfile.lossy(0.2), 0.010, 0.0, 100e6, 0.2);
        assertPreset(LinkProfile.slow(0.3), 0.3, 0.0, 1e6, 0.0);
        assertPreset(LinkProfile.slow(0.3, 5e6), 0.3, 0.0, 5e6, 0.0);
        assertPreset(LinkProfile.datacenter().degraded(0.050, 0.15), 0.0505, 0.0001, 10e9, 0.15);
        assertPreset(LinkProfile.lossy(0.9).degraded(0, 0.5), 0.010, 0.0, 100e6, 1.0);
        assertEquals(0.0006, LinkProfile.datacenter().meanDelaySeconds(0), 1e-12, "the reference's 0.6 ms per datacenter hop");
        assertThrows(IllegalArgumentException.class, () -> LinkProfile.lossy(1.5));
        assertThrows(IllegalArgumentException.class, () -> LinkProfile.slow(0.1, 0));
    }

    private static void assertPreset(LinkProfile profile, double latency, double jitter, double bandwidth, double loss) {
        assertEquals(latency, profile.latency().mean(), 1e-12);
        assertEquals(jitter, profile.jitter().mean(), 1e-12);
        assertEquals(bandwidth, profile.bandwidthBps());
        assertEquals(loss, profile.loss(), 1e-12);
    }

    /** Client → link → server with loss, jitter, a partition, a cut and injected latency and loss: everything that draws or changes. */
    private static Simulation eventfulModel(long seed, Caller[] client, Network[] net) {
        Network network = new Network("net", LinkProfile.internet().withLoss(0.05));
        Caller caller = Caller.requests(2 * MS, 400);
        Server server = new Server("Server", 4, Distribution.exponential(0.004), null);
        Link link = network.link(caller, server);
        caller.sendTo(link);
        Simulation sim = Simulation.builder().seed(seed).entities(caller, server).entities(network.links()).build();
        Partition[] partition = new Partition[1];
        sim.once(Instant.ofSeconds(0.2), "split", e -> partition[0] = network.partition(List.of(caller), List.of(server)));
        sim.once(Instant.ofSeconds(0.3), "heal", e -> partition[0].heal());
        sim.once(Instant.ofSeconds(0.4), "slow", e -> link.setExtraLatency(40 * MS));
        sim.once(Instant.ofSeconds(0.5), "lossy back", e -> link.from(server).setExtraLoss(0.3));
        sim.once(Instant.ofSeconds(0.6), "cut", e -> link.cut());
        sim.once(Instant.ofSeconds(0.65), "mend", e -> link.heal());
        client[0] = caller;
        net[0] = network;
        return sim;
    }

    @Test
    void aResetRunEqualsAFreshRun() {
        Caller[] client = new Caller[1];
        Network[] network = new Network[1];
        Simulation fresh = eventfulModel(11, client, network);
        History freshHistory = History.attach(fresh);
        fresh.run();
        List<Long> freshSettled = List.copyOf(client[0].settledAt);
        Map<String, Object> freshMetrics = network[0].links().get(0).metrics();
        List<Network.Traffic> freshMatrix = network[0].trafficMatrix();
        assertTrue(client[0].succeeded() > 0 && client[0].failedWith(Failure.Kind.LOST) > 0, "the run had both outcomes");

        Simulation again = eventfulModel(11, client, network);
        History againHistory = History.attach(again);
        again.run();
        again.reset();
        assertFalse(network[0].links().get(0).isCut());
        againHistory.clear();
        again.run();

        assertEquals(freshHistory.text(), againHistory.text());
        assertEquals(freshSettled, client[0].settledAt);
        assertEquals(freshMetrics.toString(), network[0].links().get(0).metrics().toString());
        assertEquals(freshMatrix, network[0].trafficMatrix());

        Simulation otherSeed = eventfulModel(12, client, network);
        History otherHistory = History.attach(otherSeed);
        otherSeed.run();
        assertNotEquals(freshHistory.text(), otherHistory.text(), "the link's draws come from the seed");
    }

    @Test
    void aNetworkDrawsThePathThroughItsLinks() {
        Network network = new Network("net", LinkProfile.datacenter());
        Caller client = Caller.requests(MS, 1);
        Server api = server("Api");
        Server db = server("Db");
        client.sendTo(network.link(client, api));
        network.bidirectional(api, db);
        Simulation sim = Simulation.builder().entities(client, api, db).entities(network.links()).build();

        Topology graph = Topology.discover(sim);

        assertTrue(graph.hasEdge("Client", "Client-Api"));
        assertTrue(graph.hasEdge("Client-Api", "Api"));
        assertTrue(graph.hasEdge("Api-Db", "Api"));
        assertTrue(graph.hasEdge("Api-Db", "Db"));
        assertFalse(graph.hasEdge("Client", "Api"), "the caller's edge goes to the link, not past it");
    }
}
