package io.happysim.components.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.queueing.QueuePolicy;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server answers a request's reply when its service ends, fails it when it drops the request, and honours pauses, slowdowns and errors. */
class ServerRepliesTest {
    private static final long MS = 1_000_000L;

    private final List<SimFuture<Response>> replies = new ArrayList<>();
    private final List<Long> answeredAt = new ArrayList<>();

    private void send(Simulation sim, Server server, double atSeconds) {
        SimFuture<Response> reply = SimFuture.pending();
        int index = replies.size();
        replies.add(reply);
        answeredAt.add(-1L);
        reply.onSettle(r -> answeredAt.set(index, sim.nowNanos()));
        sim.schedule(new Event(Instant.ofSeconds(atSeconds).nanos(), "Request", server, false, null).withReply(reply));
    }

    @Test
    void theReplyComesWhenServiceEndsSoQueueingCounts() {
        Server server = new Server("Server", 1, Distribution.constant(0.1), null);
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);
        send(sim, server, 0);
        send(sim, server, 0);

        sim.run();

        assertEquals(List.of(100 * MS, 200 * MS, 300 * MS), answeredAt, "each reply waits for its own service, queueing included");
        assertTrue(replies.stream().allMatch(SimFuture::isSucceeded));
        assertEquals("Server", replies.get(0).value().responder());
        assertEquals(3L, server.metric("completed"));
    }

    @Test
    void aFullQueueRejectsAtOnceAndTheCallerHearsIt() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null, QueuePolicy.fifo(1));
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);     // in service
        send(sim, server, 0.5);   // waits in the one place of the queue
        send(sim, server, 0.5);   // refused

        sim.run();

        assertTrue(replies.get(0).isSucceeded());
        assertTrue(replies.get(1).isSucceeded());
        Failure refused = replies.get(2).failure();
        assertEquals(Failure.Kind.REJECTED, refused.kind());
        assertEquals("queue full", refused.reason());
        assertEquals(500 * MS, answeredAt.get(2), "refused at arrival, not after the others");
        assertFalse(refused.isSilent());
    }

    @Test
    void aPauseFreezesServiceInProgressAndHoldsBackNewWorkWhileTheQueueFills() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null);
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);     // in service 0..1, paused 0.5..2.5 → done at 3
        send(sim, server, 1.0);   // waits: starts at 3, done at 4
        sim.once(Instant.ofSeconds(0.5), "gc", e -> server.pause(2_000 * MS));
        int[] depthDuringPause = new int[1];
        sim.once(Instant.ofSeconds(2), "look", e -> depthDuringPause[0] = server.depth());

        sim.run();

        assertEquals(List.of(3_000 * MS, 4_000 * MS), answeredAt);
        assertEquals(1, depthDuringPause[0], "the arrival at 1 s waited in the queue during the pause");
        assertFalse(server.isPaused());
    }

    @Test
    void overlappingPausesExtendEachOther() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null);
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);
        sim.once(Instant.ofSeconds(0.2), "gc1", e -> server.pause(500 * MS));   // frozen 0.2..0.7
        sim.once(Instant.ofSeconds(0.5), "gc2", e -> server.pause(500 * MS));   // extends to 1.0

        sim.run();

        assertEquals(List.of(1_800 * MS), answeredAt, "1 s of service plus 0.8 s frozen");
    }

    @Test
    void aSlowdownStretchesTheServiceOfRequestsThatStartDuringIt() {
        Server server = new Server("Server", 1, Distribution.constant(0.1), null);
        Simulation sim = Simulation.builder().entities(server).build();
        sim.once(Instant.EPOCH, "slow", e -> server.setSlowdown(3.0));
        send(sim, server, 0);
        sim.once(Instant.ofSeconds(1), "normal", e -> server.setSlowdown(1.0));
        send(sim, server, 1.0);

        sim.run();

        assertEquals(List.of(300 * MS, 1_100 * MS), answeredAt);
    }

    @Test
    void errorRepliesComeAtTheEndOfServiceInTheGivenProportion() {
        Server server = new Server("Server", 100, Distribution.constant(0.01), null);
        server.setErrorProbability(0.25);
        Simulation sim = Simulation.builder().seed(3).entities(server).build();
        server.setErrorProbability(0.25);
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            send(sim, server, i * 0.001);
        }

        sim.run();

        long errors = replies.stream().filter(SimFuture::isFailed).count();
        assertEquals(0.25, errors / (double) n, 0.25 * 0.03, "error fraction within 3% of the probability");
        assertTrue(replies.stream().filter(SimFuture::isFailed).allMatch(r -> r.failure().kind() == Failure.Kind.ERROR));
        assertEquals(Long.valueOf(errors), server.metric("errors"));
    }

    @Test
    void aCrashLosesQueuedAndInServiceWorkAndTheServerServesAgainAfterTheRestart() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null);
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);   // in service at the crash
        send(sim, server, 0);   // queued at the crash
        send(sim, server, 3);   // after the restart
        sim.once(Instant.ofSeconds(0.5), "crash", e -> server.crash());
        sim.once(Instant.ofSeconds(2), "restart", e -> server.restart());

        sim.run();

        assertEquals(Failure.Kind.LOST, replies.get(0).failure().kind());
        assertEquals(Failure.Kind.LOST, replies.get(1).failure().kind());
        assertTrue(replies.get(0).failure().isSilent(), "nobody tells the caller about a crash");
        assertEquals(List.of(500 * MS, 500 * MS, 4_000 * MS), answeredAt);
        assertEquals(0, server.depth());
        assertEquals(0, server.inFlight());
    }

    @Test
    void workFinishedForACallerWhoGaveUpIsCountedAsServedLate() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null);
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);
        sim.once(Instant.ofSeconds(0.5), "give up", e -> replies.get(0).cancel());

        sim.run();

        assertEquals(1L, server.metrics().get("served_late"));
    }
}
