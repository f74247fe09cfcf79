package io.happysim.components.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.server.Server;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.LogCapture;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The caller hears the backend's answer through the balancer; the balancer learns from it which backends fail. */
class LoadBalancerRepliesTest {
    private static final long MS = 1_000_000L;

    private final List<SimFuture<Response>> replies = new ArrayList<>();
    private final List<Long> answeredAt = new ArrayList<>();

    private SimFuture<Response> send(Simulation sim, LoadBalancer lb, double atSeconds) {
        SimFuture<Response> reply = SimFuture.pending();
        int index = replies.size();
        replies.add(reply);
        answeredAt.add(-1L);
        reply.onSettle(r -> answeredAt.set(index, sim.nowNanos()));
        sim.schedule(new Event(Instant.ofSeconds(atSeconds).nanos(), "Request", lb, false, null).withReply(reply));
        return reply;
    }

    private static void sendWithoutReply(Simulation sim, LoadBalancer lb, double atSeconds) {
        sim.schedule(new Event(Instant.ofSeconds(atSeconds).nanos(), "Request", lb, false, null));
    }

    @Test
    void theCallerHearsTheBackendWhenItsServiceEnds() {
        Server server = new Server("Node", 1, Distribution.constant(2.0), null);
        LoadBalancer lb = new LoadBalancer("Router", List.of(server), null);
        Simulation sim = Simulation.builder().entities(lb, server).build();
        send(sim, lb, 1);
        send(sim, lb, 1);

        sim.run();

        assertEquals(List.of(3_000 * MS, 5_000 * MS), answeredAt, "queueing behind the first request included");
        assertEquals("Node", replies.get(0).value().responder());
        BackendInfo info = lb.backendInfo(server);
        assertEquals(new BackendInfo("Node", 1.0, true, 0, 2, 0, 2, 0), info);
    }

    @Test
    void withoutAHealthyBackendTheReplyIsRejectedAtOnce() {
        Scripted backend = new Scripted("A");
        LoadBalancer lb = new LoadBalancer("Router", List.of(backend), null);
        Simulation sim = Simulation.builder().entities(lb, backend).build();
        sim.once(Instant.EPOCH, "down", e -> lb.markUnhealthy(backend));
        List<Double> hooks = new ArrayList<>();
        SimFuture<Response> reply = send(sim, lb, 1.5);
        sim.schedule(new Event(Instant.ofSeconds(2), "Request", lb, null).addCompletionHook(done -> hooks.add(done.time().toSeconds())));
        send(sim, lb, 2.5);

        try (LogCapture log = new LogCapture(Level.WARNING)) {
            sim.run();
            assertEquals(1, log.messages().stream().filter(m -> m.contains("no healthy backend")).count(),
                    "one warning for the outage, not one per request");
        }

        Failure refused = reply.failure();
        assertEquals(Failure.Kind.REJECTED, refused.kind());
        assertEquals("Router", refused.where());
        assertEquals("no healthy backend", refused.reason());
        assertEquals(List.of(1_500 * MS, 2_500 * MS), answeredAt, "refused when it arrives");
        assertEquals(List.of(2.0), hooks, "the work is over, so the caller's completion hooks run");
        assertTrue(backend.received().isEmpty());
        assertEquals(3L, lb.metrics().get("no_backend_available"));
        assertEquals(3L, lb.metrics().get("requests_failed"));
    }

    @Test
    void errorAnswersCountAsBackendFailuresEvenWhenTheCallerWantsNoReply() {
        Server failing = new Server("Failing", 1, Distribution.constant(0.1), null);
        Server good = new Server("Good", 1, Distribution.constant(0.1), null);
        LoadBalancer lb = new LoadBalancer("Router", List.of(failing, good), LoadBalancingStrategy.roundRobin());
        Simulation sim = Simulation.builder().entities(lb, failing, good).build();
        failing.setErrorProbability(1.0);
        send(sim, lb, 1);                 // → Failing
        send(sim, lb, 2);                 // → Good
        sendWithoutReply(sim, lb, 3);     // → Failing
        sendWithoutReply(sim, lb, 4);     // → Good

        sim.run();

        assertEquals(Failure.Kind.ERROR, replies.get(0).failure().kind(), "the caller hears the backend's error");
        assertTrue(replies.get(1).isSucceeded());
        assertEquals(new BackendInfo("Failing", 1.0, true, 0, 0, 2, 2, 2), lb.backendInfo(failing));
        assertEquals(new BackendInfo("Good", 1.0, true, 0, 2, 0, 2, 0), lb.backendInfo(good));
    }

    @Test
    void aCrashedBackendLosesTheRequestAndTheBalancerCountsIt() {
        Server server = new Server("Node", 1, Distribution.constant(1.0), null);
        LoadBalancer lb = new LoadBalancer("Router", List.of(server), null);
        Simulation sim = Simulation.builder().entities(lb, server).build();
        send(sim, lb, 0);                        // in service at the crash
        sim.once(Instant.ofSeconds(0.5), "crash", e -> server.crash());
        send(sim, lb, 1);                        // reaches a crashed server
        sim.once(Instant.ofSeconds(2), "restart", e -> server.restart());
        send(sim, lb, 3);

        sim.run();

        assertEquals(Failure.Kind.LOST, replies.get(0).failure().kind());
        assertEquals(Failure.Kind.LOST, replies.get(1).failure().kind());
        assertTrue(replies.get(2).isSucceeded());
        assertEquals(new BackendInfo("Node", 1.0, true, 0, 1, 0, 3, 2), lb.backendInfo(server));
        assertEquals(0, lb.outstanding(server), "lost work is over: the outstanding count comes back down");
    }

    @Test
    void aCallerThatGaveUpDoesNotHideTheBackendsLateAnswer() {
        Server server = new Server("Node", 1, Distribution.constant(1.0), null);
        LoadBalancer lb = new LoadBalancer("Router", List.of(server), null);
        Simulation sim = Simulation.builder().entities(lb, server).build();
        SimFuture<Response> reply = send(sim, lb, 0);
        sim.once(Instant.ofSeconds(0.5), "give up", e -> reply.cancel());

        sim.run();

        assertTrue(reply.isCancelled());
        assertEquals(1L, server.metrics().get("served_late"), "the reply the server answered is the caller's own");
        assertEquals(1, lb.backendInfo(server).consecutiveSuccesses(), "the late answer still tells the balancer the backend works");
    }

    @Test
    void perBackendInfoFollowsTheOriginalCountersInTheMetrics() {
        Server a = new Server("A", 1, Distribution.constant(0.1), null);
        Server b = new Server("B", 1, Distribution.constant(0.1), null);
        LoadBalancer lb = new LoadBalancer("Router", List.of(a, b), LoadBalancingStrategy.weightedRoundRobin()).withWeight(a, 2);
        Simulation sim = Simulation.builder().entities(lb, a, b).build();
        sim.once(Instant.EPOCH, "b down", e -> lb.markUnhealthy(b));
        send(sim, lb, 1);

        sim.run();

        Map<String, Object> metrics = lb.metrics();
        assertEquals(List.of("requests_received", "requests_forwarded", "requests_failed", "no_backend_available", "strategy",
                "healthy_backends", "backends_marked_unhealthy", "backends_marked_healthy", "backends"), List.copyOf(metrics.keySet()));
        assertEquals(1, metrics.get("healthy_backends"));
        assertEquals(1L, metrics.get("backends_marked_unhealthy"));
        assertEquals(0L, metrics.get("backends_marked_healthy"));
        Map<?, ?> backends = (Map<?, ?>) metrics.get("backends");
        assertEquals(List.of("A", "B"), List.copyOf(backends.keySet()));
        assertEquals(Map.of("weight", 2.0, "is_healthy", true, "outstanding", 0L, "consecutive_successes", 1L,
                "consecutive_failures", 0L, "total_requests", 1L, "total_failures", 0L), backends.get("A"));
        assertEquals(false, ((Map<?, ?>) backends.get("B")).get("is_healthy"));
        assertEquals("WeightedRoundRobin", metrics.get("strategy"));
    }

    @Test
    void aWarmingUpBackendsWeightRampsFromATenthToAllOfIt() {
        Scripted a = new Scripted("A");
        LoadBalancer lb = new LoadBalancer("Router", List.of(a), null).withWeight(a, 4);
        Simulation sim = Simulation.builder().entities(lb, a).build();
        List<Double> weights = new ArrayList<>();
        sim.once(Instant.ofSeconds(1), "recovered", e -> lb.warmUp(a, 10_000 * MS));
        for (double t : new double[] {1, 6, 10, 11, 12}) {
            sim.once(Instant.ofSeconds(t), "look", e -> weights.add(lb.weight(a)));
        }
        sim.run();

        assertEquals(List.of(0.4, 2.2, 3.64, 4.0, 4.0), weights.stream().map(w -> Math.round(w * 1e9) / 1e9).toList(),
                "4 × (0.1 + 0.9 × elapsed/10 s)");
        assertFalse(lb.isWarmingUp(a));
        sim.reset();
        assertEquals(4.0, lb.weight(a), "a reset keeps the configured weight");
    }
}
