package io.happysim.components.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.queueing.QueuePolicy;
import io.happysim.components.server.Server;
import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Data;
import io.happysim.testing.Scripted;
import io.happysim.visual.bridge.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One link: delay, jitter, loss, replies over the return path, cuts that lose what is in flight. */
class LinkTest {
    private static final long MS = 1_000_000L;

    /** Answers every request the moment it arrives. */
    private static Scripted responder() {
        return new Scripted("Server", (self, request) -> request.replyWith(self, "ok"));
    }

    private static Server server(double serviceSeconds) {
        return new Server("Server", 10, Distribution.constant(serviceSeconds), null);
    }

    /** The client sends over the link to the server. */
    private static Simulation model(Caller client, Link link, io.happysim.core.Entity server) {
        client.sendTo(link);
        return Simulation.builder().entities(client, link, server).build();
    }

    @Test
    void aThousandBytesAtOneMegabitPlusTenMillisecondsArriveAt18msAndTheEmptyReplyTakes10msMore() {
        Scripted server = responder();
        Caller client = new Caller("Client", MS, 1, true, 1000);
        Link link = Link.between(client, server).profile(LinkProfile.slow(0.010, 1e6)).build();
        Simulation sim = model(client, link, server);

        sim.run();

        assertEquals(1, server.received().size());
        assertEquals(18 * MS, server.received().get(0).timeNanos(), "10 ms + 8·1000 bits / 1 Mbps");
        assertEquals(List.of(28 * MS), client.settledAt, "the reply carries no bytes: 10 ms back");
        SimFuture<Response> reply = client.replies.get(0);
        assertTrue(reply.isSucceeded());
        assertEquals("Server", reply.value().responder(), "the far end's answer, carried back");
        assertEquals(1000L, link.metric("Client->Server.bytes"));
        assertEquals(0.018, (double) link.metric("Client->Server.mean_latency"), 1e-9);
        assertEquals(0.010, (double) link.metric("Server->Client.mean_latency"), 1e-9);
    }

    @Test
    void aSizeInTheMetadataCountsTooAndASourceThatIsNoEndEntersAtA() {
        Scripted server = responder();
        Scripted client = new Scripted("Client");
        Link link = Link.between(client, server).profile(LinkProfile.slow(0.0, 1e6)).build();
        Simulation sim = Simulation.builder().entities(client, link, server).build();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("metadata", new LinkedHashMap<>(Map.of("size", 500)));
        sim.schedule(new Event(0, "Request", link, false, context));

        sim.run();

        assertEquals(4 * MS, server.received().get(0).timeNanos(), "8·500 bits at 1 Mbps");
        assertTrue(client.received().isEmpty());
    }

    @Test
    void jitterSpreadsTheDelayOverItsRangeAndNoFurther() {
        Scripted server = responder();
        Caller client = new Caller("Client", MS, 2000, false, 0);
        Link link = Link.between(client, server)
                .profile(LinkProfile.constant(0.010).withJitter(Distribution.uniform(0.0, 0.005))).build();
        Simulation sim = Simulation.builder().seed(7).entities(client.sendTo(link), link, server).build();

        sim.run();

        Data delays = link.series().get("Client-Server.latency");
        assertEquals(2000, delays.count());
        assertEquals(2000, server.received().size());
        assertTrue(delays.min() >= 0.010 && delays.max() <= 0.015, "every delay in [10, 15] ms: " + delays.min() + ".." + delays.max());
        assertTrue(delays.min() < 0.0101 && delays.max() > 0.0149, "the jitter covers its range");
    }

    @Test
    void withNoLossEverythingArrivesAndWithCertainLossNothingDoesAndTheCallerHearsSilence() {
        for (double loss : new double[] {0.0, 1.0}) {
            Server server = server(0.001);
            Caller client = Caller.requests(MS, 500);
            Link link = Link.between(client, server).profile(LinkProfile.lossy(loss)).build();
            Simulation sim = model(client, link, server);

            sim.run();

            if (loss == 0.0) {
                assertEquals(500, client.succeeded());
                assertEquals(500L, server.completed());
            } else {
                assertEquals(500, client.failedWith(Failure.Kind.LOST));
                assertEquals(0L, server.completed());
                assertTrue(client.replies.get(0).failure().isSilent());
                assertEquals("packet lost", client.replies.get(0).failure().reason());
                assertEquals(client.sentAt, client.settledAt, "lost on the way: the reply fails as the request is sent");
            }
            assertEquals(500L, link.metric("Client->Server.sent"));
            assertEquals(loss == 0.0 ? 500L : 0L, link.metric("Client->Server.delivered"));
            assertEquals(loss == 0.0 ? 0L : 500L, link.metric("Client->Server.dropped"));
        }
    }

    @Test
    void aCutLosesTheRequestOnTheWireAndWhatIsSentWhileCutAndAHealLetsTrafficThrough() {
        Scripted server = responder();
        Caller client = Caller.requests(100 * MS, 3);   // sends at 0, 100, 200 ms
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.100)).build();
        Simulation sim = model(client, link, server);
        sim.once(Instant.ofSeconds(0.050), "cut", e -> link.cut());
        sim.once(Instant.ofSeconds(0.150), "heal", e -> link.heal());

        sim.run();

        assertEquals(List.of(50 * MS, 100 * MS, 400 * MS), client.settledAt, "lost when cut, lost on entry, then 100 ms each way");
        assertEquals(Failure.Kind.LOST, client.replies.get(0).failure().kind());
        assertEquals("link cut", client.replies.get(0).failure().reason());
        assertEquals(Failure.Kind.LOST, client.replies.get(1).failure().kind());
        assertTrue(client.replies.get(2).isSucceeded());
        assertEquals(1, server.received().size(), "only the request sent after the heal arrived");
        assertEquals(300 * MS, server.received().get(0).timeNanos());
        assertEquals(2L, link.metric("Client->Server.dropped_partition"));
        assertEquals(0, link.metric("Client->Server.in_flight"));
        assertFalse(link.isCut());
    }

    @Test
    void aCutOfTheReturnPathLosesTheReplyOnTheWireAfterTheServerDidTheWork() {
        Server server = server(0.010);
        Caller client = Caller.requests(MS, 1);
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.100)).build();
        Simulation sim = model(client, link, server);
        // request on the wire 0..100 ms, service 100..110, reply on the wire 110..210: the way back is cut at 150
        sim.once(Instant.ofSeconds(0.150), "cut", e -> link.from(server).cut());

        sim.run();

        assertEquals(1L, server.completed(), "the server did the work");
        assertEquals(Failure.Kind.LOST, client.replies.get(0).failure().kind());
        assertEquals(List.of(150 * MS), client.settledAt, "the reply is lost the moment the return path is cut");
        assertEquals(1L, link.metric("Server->Client.dropped_partition"));
        assertEquals(false, link.metric("Client->Server.cut"), "only the return path was cut");
        assertEquals(true, link.metric("Server->Client.cut"));
    }

    @Test
    void aRequestLostOnTheWayNeverReachesTheServerWhileAReplyLostOnTheWayBackFollowsItsWork() {
        for (boolean lossOnTheWayBack : new boolean[] {false, true}) {
            Server server = server(0.010);
            Caller client = Caller.requests(MS, 1);
            LinkProfile clean = LinkProfile.constant(0.005);
            LinkProfile lossy = clean.withLoss(1.0);
            Link link = Link.between(client, server)
                    .profile(lossOnTheWayBack ? clean : lossy).reverse(lossOnTheWayBack ? lossy : clean).build();
            Simulation sim = model(client, link, server);

            sim.run();

            Failure failure = client.replies.get(0).failure();
            assertEquals(Failure.Kind.LOST, failure.kind());
            assertEquals("Client-Server", failure.where());
            if (lossOnTheWayBack) {
                assertEquals(1L, server.completed(), "the server did the work; its answer was lost");
                assertEquals(15 * MS, client.settledAt.get(0), "lost as the answer was sent back");
                assertEquals(1L, link.metric("Server->Client.dropped"));
            } else {
                assertEquals(0L, server.completed(), "the request never arrived");
                assertEquals(0L, client.settledAt.get(0));
                assertEquals(1L, link.metric("Client->Server.dropped"));
            }
        }
    }

    @Test
    void errorsAndRefusalsAreAnswersThatTravelBack() {
        Server server = new Server("Server", 1, Distribution.constant(0.010), null);
        Caller client = Caller.requests(MS, 1);
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.005)).build();
        Simulation sim = model(client, link, server);
        sim.once(Instant.EPOCH, "errors", e -> server.setErrorProbability(1.0));

        sim.run();

        assertEquals(Failure.Kind.ERROR, client.replies.get(0).failure().kind());
        assertEquals(List.of(20 * MS), client.settledAt, "5 ms there, 10 ms of service, 5 ms back");
    }

    @Test
    void aRefusalTravelsBackToo() {
        Server server = new Server("Server", 1, Distribution.constant(0.010), null, QueuePolicy.fifo(1));
        Caller client = Caller.requests(MS, 3);   // at 0, 1, 2 ms: one served, one queued, one refused
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.005)).build();
        Simulation sim = model(client, link, server);

        sim.run();

        assertEquals(Failure.Kind.REJECTED, client.replies.get(2).failure().kind());
        assertEquals(List.of(20 * MS, 30 * MS, 12 * MS), client.settledAt, "the refusal is heard a round trip after sending");
    }

    @Test
    void aCallerThatGivesUpCancelsTheFarReplySoTheServerCountsServedLateAndTheAnswerArrivesLate() {
        Server server = server(0.100);
        Caller client = Caller.requests(MS, 1);
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.010)).build();
        Simulation sim = model(client, link, server);
        sim.once(Instant.ofSeconds(0.005), "give up", e -> client.replies.get(0).cancel());

        sim.run();

        assertEquals(1L, server.metrics().get("served_late"), "the caller had given up before the request arrived");
        assertEquals(1, client.late, "the answer still crossed back and was reported late");
        assertEquals(1L, link.metric("Server->Client.delivered"));
    }

    @Test
    void aCrashedLinkLosesWhatIsOnTheWire() {
        Server server = server(0.010);
        Caller client = Caller.requests(50 * MS, 2);
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.100)).build();
        Simulation sim = model(client, link, server);
        // request 1 reaches the server at 100 ms and its answer is on the wire 110..210; request 2 is on the wire 50..150
        sim.once(Instant.ofSeconds(0.120), "crash", e -> link.crash());

        sim.run();

        assertEquals(1L, server.completed());
        assertEquals(List.of(120 * MS, 120 * MS), client.settledAt);
        assertEquals(2, client.failedWith(Failure.Kind.LOST));
        assertEquals(0, client.late, "a loss is not a late answer");
        assertEquals(1L, link.metric("Client->Server.dropped_partition"));
        assertEquals(1L, link.metric("Server->Client.dropped_partition"));
        assertThrows(UnsupportedOperationException.class, () -> link.pause(MS), "a link is slowed or cut, not paused");
    }

    @Test
    void extraLatencyAndLossStackOnTheProfileAndSettingThemBackRestoresIt() {
        Scripted server = responder();
        Caller client = Caller.requests(100 * MS, 3);   // at 0, 100, 200 ms
        Link link = Link.between(client, server).profile(LinkProfile.constant(0.010)).build();
        Simulation sim = model(client, link, server);
        sim.once(Instant.ofSeconds(0.050), "slow", e -> link.setExtraLatency(30 * MS));
        sim.once(Instant.ofSeconds(0.150), "lossy", e -> {
            link.setExtraLatency(0);
            link.from(client).setExtraLoss(1.0);
        });

        sim.run();

        assertEquals(List.of(20 * MS, 180 * MS, 200 * MS), client.settledAt, "10 ms each way; then 40 ms each way; then lost");
        assertTrue(client.replies.get(2).isFailed());
        LinkDirection out = link.from(client);
        assertEquals(0.0, out.profile().loss(), "the configured loss is untouched");
        assertEquals(1.0, out.effectiveLoss());
        assertEquals(1.0, link.metric("Client->Server.extra_loss"));
        assertEquals(0.0, link.metric("Client->Server.extra_latency_ms"));
        out.setExtraLoss(0.0);
        assertEquals(0.0, out.effectiveLoss());
    }

    @Test
    void theGraphRunsCallerLinkServerAndTheCardLeadsWithTheRequestDirection() {
        Server server = server(0.010);
        Caller client = Caller.requests(MS, 1);
        Link link = Link.between(client, server).profile(LinkProfile.datacenter()).build();
        Simulation sim = model(client, link, server);

        Topology graph = Topology.discover(sim);

        assertTrue(graph.hasEdge("Client", "Client-Server"));
        assertTrue(graph.hasEdge("Client-Server", "Server"));
        assertFalse(graph.hasEdge("Client-Server", "Client"), "a link carrying requests one way points one way");
        assertEquals("network", graph.node("Client-Server").category());
        assertEquals(Category.NETWORK, link.category());
        List<String> names = new ArrayList<>(link.metrics().keySet());
        assertEquals(List.of("Client->Server.in_flight", "Client->Server.delivered_per_s", "Client->Server.sent",
                "Client->Server.delivered", "Client->Server.dropped", "Client->Server.dropped_partition",
                "Client->Server.bytes", "Client->Server.mean_latency", "Client->Server.extra_latency_ms",
                "Client->Server.extra_loss", "Client->Server.cut"), names.subList(0, 11));
        assertEquals("Server->Client.in_flight", names.get(11));
        assertEquals(List.of("Client-Server.latency"), List.copyOf(link.series().keySet()));
    }
}
