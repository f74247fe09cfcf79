package io.happysim.components.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.client.Client;
import io.happysim.components.client.RetryPolicy;
import io.happysim.components.load.Source;
import io.happysim.components.network.Link;
import io.happysim.components.network.LinkProfile;
import io.happysim.components.network.Network;
import io.happysim.components.server.Server;
import io.happysim.core.ActiveFault;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Data;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Latency, loss and partitions on links, begun and ended by a fault schedule, seen by a client across the network. */
class NetworkFaultsTest {
    private static final double ONE_WAY = 0.005;
    private static final double SERVICE = 0.001;

    /** A client sending 20 requests a second across one link to a fast server. */
    private static final class Model {
        final Server server = new Server("Server", 100, Distribution.constant(SERVICE), null);
        final Network network = new Network("net", LinkProfile.constant(ONE_WAY));
        final Client client;
        final Link link;
        final FaultSchedule faults;
        final Simulation simulation;

        Model(double timeout, RetryPolicy retry, double seconds, Function<Model, FaultSchedule.Builder> faultsOf) {
            client = Client.builder("Client").target(server).via(network).timeout(timeout).retry(retry).build();
            link = network.link(client, server);
            faults = faultsOf.apply(this).build();
            Source source = Source.builder("Source").rate(20).to(client).build();
            simulation = Simulation.builder().seed(1).durationSeconds(seconds).sources(source)
                    .entities(client, server, faults).entities(network.links()).build();
        }

        /** Mean end-to-end latency of the requests that finished in [from, to). */
        double meanLatency(double from, double to) {
            Data window = client.latencies().between(from, to);
            return window.mean();
        }
    }

    @Test
    void injectedLatencyShiftsTheRoundTripByTwiceTheExtraForTheWindowOnly() {
        Model model = new Model(10, RetryPolicy.none(), 6, m -> FaultSchedule.builder("Faults").latency(m.link, 0.050, 2, 4));

        model.simulation.run();

        double base = 2 * ONE_WAY + SERVICE;
        assertEquals(base, model.meanLatency(0, 2), 1e-9);
        assertEquals(base + 2 * 0.050, model.meanLatency(2.2, 3.9), 1e-9, "both legs 50 ms slower");
        assertEquals(base, model.meanLatency(4.2, 6), 1e-9);
    }

    @Test
    void overlappingLossFaultsCombineAndTheLinkIsMarkedWhileOneLasts() {
        Model model = new Model(1, RetryPolicy.none(), 6, m -> FaultSchedule.builder("Faults")
                .loss(m.link, 1.0, 2, 3)
                .loss(m.link, 0.0, 1, 4));
        List<List<ActiveFault>> seen = new ArrayList<>();
        for (double t : new double[] {0.5, 2.5, 3.5, 4.5}) {
            model.simulation.once(Instant.ofSeconds(t), "look", e -> seen.add(model.simulation.activeFaults()));
        }

        model.simulation.run();

        assertEquals(0, seen.get(0).size());
        assertEquals(2, seen.get(1).size());
        assertEquals(List.of("Client-Server"), seen.get(1).get(0).targets(), "the link is the node to mark");
        assertEquals(1, seen.get(2).size(), "the certain loss ended; the other still lasts");
        assertEquals(0, seen.get(3).size());
        long lostInWindow = model.client.latencies().between(2.0, 3.0).count();
        assertEquals(0, lostInWindow, "nothing gets through [2, 3)");
        assertTrue((Long) model.client.metrics().get("lost") >= 19, "the requests of that second were lost: " + model.client.metrics());
    }

    @Test
    void aPartitionHealedWhileRetriesArePendingLetsTheRetriesThrough() {
        Model model = new Model(0.1, RetryPolicy.fixed(0.2, 10), 6,
                m -> FaultSchedule.builder("Faults").partition(m.network, List.of(m.client), List.of(m.server), 2, 3));

        model.simulation.run();

        Client client = model.client;
        assertEquals(0L, client.metrics().get("failures"), "every request got through in the end: " + client.metrics());
        assertEquals((Long) client.metrics().get("sent"),
                (Long) client.metrics().get("successes") + ((Number) client.metrics().get("in_flight")).longValue(),
                "all but the one still on its way at the end: " + client.metrics());
        assertTrue((Long) client.metrics().get("retries") > 0);
        double slowest = client.latencies().max();
        double cycle = 0.1 + 0.2;   // a timeout, then the retry delay
        assertTrue(slowest >= 1.0 && slowest <= 1.0 + cycle + 2 * ONE_WAY + SERVICE,
                "the first request cut off retried through the second of partition and got through at the next retry after it: " + slowest);
        assertEquals(List.of(), model.simulation.activeFaults());
        assertTrue(!model.network.isPartitioned(client, model.server));
    }

    @Test
    void aPartitionWithoutALinkBetweenTheGroupsIsAClearError() {
        Server lonely = new Server("Lonely", 1, Distribution.constant(SERVICE), null);
        Model model = new Model(1, RetryPolicy.none(), 1, m -> FaultSchedule.builder("Faults"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FaultSchedule.builder("F").partition(model.network, List.of(model.client), List.of(lonely), 1, 2));
        assertTrue(error.getMessage().contains("no link of net joins {Client} and {Lonely}"), error.getMessage());
    }
}
