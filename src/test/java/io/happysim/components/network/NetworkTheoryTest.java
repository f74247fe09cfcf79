package io.happysim.components.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.components.server.Server;
import io.happysim.core.Entity;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Long runs against the closed forms of the reference's degraded-network example (§11 d, §12):
 * delivered fraction 1 − p per hop, round trips (1 − p)², RTT = 2·mean one-way delay + E[service],
 * and injected latency shifting the round trip by exactly its amount. Three seeds, each within 3%.
 */
class NetworkTheoryTest {
    private static final long[] SEEDS = {1, 2, 3};
    private static final long MS = 1_000_000L;
    private static final int REQUESTS = 10_000;
    private static final double TOLERANCE = 0.03;

    @Test
    void oneHopWithLossPDeliversOneMinusPOfTheMessages() {
        double p = 0.2;
        double expected = 1 - p;
        for (long seed : SEEDS) {
            Caller sender = new Caller("Sender", MS / 10, REQUESTS, false, 0);
            Scripted receiver = new Scripted("Receiver");
            Link link = Link.between(sender, receiver).profile(LinkProfile.lossy(p)).build();
            sender.sendTo(link);
            Simulation.builder().seed(seed).entities(sender, link, receiver).build().run();

            double delivered = receiver.received().size() / (double) REQUESTS;
            assertEquals(expected, delivered, expected * TOLERANCE, "seed " + seed);
            assertEquals((long) receiver.received().size(), link.metric("Sender->Receiver.delivered"));
        }
    }

    @Test
    void aRoundTripOverALinkLosingPBothWaysSucceedsWithOneMinusPSquared() {
        double p = 0.15;
        double expected = (1 - p) * (1 - p);   // 0.7225: the reference's 27.75% lost at 15%
        for (long seed : SEEDS) {
            Caller client = Caller.requests(MS, REQUESTS);
            Server server = new Server("Server", 100, Distribution.constant(0.001), null);
            Link link = Link.between(client, server).profile(LinkProfile.datacenter().withLoss(p)).build();
            Simulation.builder().seed(seed).entities(client.sendTo(link), link, server).build().run();

            assertEquals(expected, client.succeeded() / (double) REQUESTS, expected * TOLERANCE, "seed " + seed);
            assertEquals(REQUESTS - client.succeeded(), client.failedWith(Failure.Kind.LOST), "every failure is a silent loss");
            double requestsThrough = server.completed() / (double) REQUESTS;
            assertEquals(1 - p, requestsThrough, (1 - p) * TOLERANCE, "the server sees 1 − p of the requests");
        }
    }

    /** One-way latency uniform(5, 15) ms + Exp(2 ms) jitter: mean 12 ms. Service Exp(5 ms) with no queueing. */
    private static final LinkProfile RANDOM_DELAY = LinkProfile.of(Distribution.uniform(0.005, 0.015))
            .withJitter(Distribution.exponential(0.002));
    private static final double MEAN_ONE_WAY = 0.010 + 0.002;
    private static final double MEAN_SERVICE = 0.005;

    /** Round trips of a client to a server, over {@code profile} (or directly when null), with {@code atStart} applied to the link at t = 0. */
    private static Caller roundTrips(long seed, LinkProfile profile, Consumer<Link> atStart) {
        Caller client = Caller.requests(MS, REQUESTS);
        Server server = new Server("Server", 1000, Distribution.exponential(MEAN_SERVICE), null);
        List<Entity> entities = new ArrayList<>(List.of(client, server));
        Link link = null;
        if (profile != null) {
            link = Link.between(client, server).profile(profile).build();
            entities.add(link);
        }
        client.sendTo(link == null ? server : link);
        Simulation sim = Simulation.builder().seed(seed).entities(entities).build();
        if (link != null && atStart != null) {
            Link configured = link;
            sim.once(Instant.EPOCH, "inject", e -> atStart.accept(configured));
        }
        sim.run();
        assertEquals(REQUESTS, client.succeeded());
        return client;
    }

    @Test
    void theRoundTripIsTwiceTheMeanOneWayDelayPlusTheMeanServiceAndTheLinkShiftsItByTwiceItsMean() {
        double expectedRtt = 2 * MEAN_ONE_WAY + MEAN_SERVICE;   // 29 ms
        double expectedShift = 2 * MEAN_ONE_WAY;                 // 24 ms
        for (long seed : SEEDS) {
            double overLink = roundTrips(seed, RANDOM_DELAY, null).meanRoundTripSeconds();
            double direct = roundTrips(seed, null, null).meanRoundTripSeconds();

            assertEquals(expectedRtt, overLink, expectedRtt * TOLERANCE, "seed " + seed);
            assertEquals(expectedShift, overLink - direct, expectedShift * TOLERANCE, "seed " + seed);
        }
    }

    @Test
    void extraLatencyShiftsEveryRoundTripByExactlyItsAmountOncePerDirection() {
        long extra = 50 * MS;
        for (long seed : SEEDS) {
            Caller plain = roundTrips(seed, RANDOM_DELAY, null);
            Caller bothWays = roundTrips(seed, RANDOM_DELAY, link -> link.setExtraLatency(extra));
            Caller returnOnly = roundTrips(seed, RANDOM_DELAY, link -> link.directions().get(1).setExtraLatency(extra));

            for (int i = 0; i < REQUESTS; i++) {
                long base = plain.settledAt.get(i) - plain.sentAt.get(i);
                assertEquals(base + 2 * extra, bothWays.settledAt.get(i) - bothWays.sentAt.get(i), "request " + i + ", seed " + seed);
                assertEquals(base + extra, returnOnly.settledAt.get(i) - returnOnly.sentAt.get(i), "request " + i + ", seed " + seed);
            }
            double expected = 2 * MEAN_ONE_WAY + MEAN_SERVICE + 2 * extra / 1e9;   // 129 ms
            assertEquals(expected, bothWays.meanRoundTripSeconds(), expected * TOLERANCE, "seed " + seed);
        }
    }
}
