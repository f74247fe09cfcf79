package io.happysim.components.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Active policies inside a server: what they drop is failed as rejected at once and counted; their counters are metrics. */
class QueuedResourcePoliciesTest {
    private static final long MS = 1_000_000L;

    private final List<SimFuture<Response>> replies = new ArrayList<>();
    private final List<Long> answeredAt = new ArrayList<>();

    private void send(Simulation sim, Server server, double atSeconds, Object... keysAndValues) {
        SimFuture<Response> reply = SimFuture.pending();
        int index = replies.size();
        replies.add(reply);
        answeredAt.add(-1L);
        reply.onSettle(r -> answeredAt.set(index, sim.nowNanos()));
        Map<String, Object> context = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            context.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        sim.schedule(new Event(Instant.ofSeconds(atSeconds).nanos(), "Request", server, false, context).withReply(reply));
    }

    private long rejected() {
        return replies.stream().filter(r -> r.isFailed() && r.failure().kind() == Failure.Kind.REJECTED).count();
    }

    @Test
    void aCoDelDropFailsThatRequestAtOnceAndCountsAsDropped() {
        Server server = new Server("Server", 1, Distribution.constant(0.010), null, QueuePolicy.codel());
        Simulation sim = Simulation.builder().entities(server).build();
        for (int i = 0; i < 40; i++) {
            send(sim, server, 0);
        }

        sim.run();

        // pops every 10 ms, each request having waited since 0: above target from the pop at 10 ms, so the
        // pop at 110 ms (request 12) drops the next in line, request 13, and tells its caller then
        Failure first = replies.get(12).failure();
        assertEquals(Failure.Kind.REJECTED, first.kind());
        assertEquals("dropped by CoDel", first.reason());
        assertEquals(110 * MS, answeredAt.get(12));
        assertTrue(replies.get(11).isSucceeded());
        Map<String, Object> metrics = server.metrics();
        assertEquals(rejected(), metrics.get("dropped"));
        assertEquals(metrics.get("dropped"), metrics.get("queue_dropped"));
        assertEquals(40L, (Long) metrics.get("completed") + (Long) metrics.get("dropped"));
        assertEquals(40L, metrics.get("accepted"));
        assertEquals(List.of("depth", "utilization", "accepted", "dropped", "mean_depth", "service_time", "concurrency", "in_flight",
                "completed", "errors", "served_late", "queue_dropped", "queue_dropping", "queue_enqueued", "queue_dequeued",
                "queue_capacity_rejected", "queue_drop_intervals"), List.copyOf(metrics.keySet()));
    }

    @Test
    void fifoKeepsItsMetricsAsTheyWere() {
        Server server = new Server("Server", 1, Distribution.constant(0.010), null);
        Simulation sim = Simulation.builder().entities(server).build();

        assertEquals(List.of("depth", "utilization", "accepted", "dropped", "mean_depth", "service_time", "concurrency", "in_flight",
                "completed", "errors", "served_late"), List.copyOf(server.metrics().keySet()));
    }

    @Test
    void anExpiredRequestIsRejectedWhenItsTurnComes() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null,
                QueuePolicy.deadline(DeadlineQueue.fromContext("deadline")));
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0, "deadline", 5.0);     // served 0..1
        send(sim, server, 0.1, "deadline", 0.5);   // expired at the pop at 1 s
        send(sim, server, 0.1, "deadline", 1.0);   // deadline = now at 1 s: served 1..2

        sim.run();

        assertEquals(List.of(1_000 * MS, 1_000 * MS, 2_000 * MS), answeredAt);
        assertEquals("deadline expired", replies.get(1).failure().reason());
        assertTrue(replies.get(2).isSucceeded());
        assertEquals(1L, server.dropped());
        assertEquals(1L, server.metric("queue_expired"));
    }

    @Test
    void redTellsTheCallerItWasRefusedEarly() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null,
                RedQueue.builder(1, 2).weight(1).capacity(4).build());
        Simulation sim = Simulation.builder().entities(server).build();
        for (int i = 0; i < 4; i++) {
            send(sim, server, 0);   // lengths before: 0, 1 (pb 0), 2, 2 (average at max: refused)
        }

        sim.run();

        assertEquals("dropped early by RED", replies.get(2).failure().reason());
        assertEquals(0L, answeredAt.get(2));
        assertEquals(2L, rejected());
        assertEquals(2L, server.dropped());
        assertEquals(2L, server.metric("queue_dropped_forced"));
    }

    @Test
    void aCrashLosesTheWaitingRequestsWithoutApplyingTheRules() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null,
                QueuePolicy.deadline(DeadlineQueue.fromContext("deadline")));
        Simulation sim = Simulation.builder().entities(server).build();
        send(sim, server, 0);
        send(sim, server, 0, "deadline", 0.1);
        sim.once(Instant.ofSeconds(0.5), "crash", e -> server.crash());

        sim.run();

        assertEquals(Failure.Kind.LOST, replies.get(1).failure().kind(), "lost with the crash, not expired");
        assertEquals(0L, server.metric("queue_expired"));
        assertEquals(0L, server.dropped());
    }

    @Test
    void aPolicyServesOneResource() {
        QueuePolicy shared = QueuePolicy.codel();
        Server a = new Server("A", 1, Distribution.constant(1.0), null, shared);
        Server b = new Server("B", 1, Distribution.constant(1.0), null, shared);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Simulation.builder().entities(a, b).build());
        assertTrue(refused.getMessage().contains("already serves"), refused.getMessage());
    }

    @Test
    void aResetRunWithRandomEarlyDropsEqualsTheFirst() {
        Sink sink = new Sink();
        Server server = new Server("Server", 1, Distribution.exponential(0.01), sink,
                RedQueue.builder(2, 8).maxProbability(0.3).weight(0.2).build());
        Source source = Source.poisson(110, server);
        Simulation sim = Simulation.builder().seed(7).durationSeconds(30).sources(source).entities(server, sink).build();
        History history = History.attach(sim);

        sim.run();
        String first = history.text();
        Object firstDrops = server.metric("queue_dropped_probabilistic");
        history.clear();
        sim.reset();
        sim.run();

        assertTrue((Long) firstDrops > 0, "the model does drop early");
        assertEquals(first, history.text());
        assertEquals(firstDrops, server.metric("queue_dropped_probabilistic"));
        assertFalse(first.isEmpty());
    }
}
