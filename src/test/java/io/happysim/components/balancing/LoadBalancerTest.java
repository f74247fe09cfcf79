package io.happysim.components.balancing;

import io.happysim.components.server.Server;
import io.happysim.distributions.Distribution;
import io.happysim.components.sinks.Sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.testing.History;
import io.happysim.testing.Scripted;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {
    private static Event request(Entity target, double seconds, String clientId) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("created_at", Instant.ofSeconds(seconds));
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (clientId != null) {
            metadata.put("client_id", clientId);
        }
        context.put("metadata", metadata);
        return new Event(Instant.ofSeconds(seconds), "Request", target, context);
    }

    private static List<String> backendsChosen(List<Scripted> backends) {
        List<Event> all = new ArrayList<>();
        backends.forEach(b -> all.addAll(b.received()));
        all.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return all.stream().map(e -> e.target().name()).toList();
    }

    @Test
    void roundRobinTakesEachBackendInTurn() {
        List<Scripted> backends = List.of(new Scripted("A"), new Scripted("B"), new Scripted("C"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.roundRobin());
        Simulation sim = Simulation.builder().entities(lb).entities(backends).build();
        for (int i = 0; i < 7; i++) {
            sim.schedule(request(lb, i, null));
        }

        sim.run();

        assertEquals(List.of("A", "B", "C", "A", "B", "C", "A"), backendsChosen(backends));
        assertEquals(List.of("requests_received", "requests_forwarded", "requests_failed", "no_backend_available", "strategy"),
                List.copyOf(lb.metrics().keySet()).subList(0, 5), "the original's counters come first, in order");
        assertEquals(7L, lb.metrics().get("requests_received"));
        assertEquals(7L, lb.metrics().get("requests_forwarded"));
        assertEquals("RoundRobin", lb.metrics().get("strategy"));
        assertEquals(backends, lb.downstream());
        assertEquals(Category.ROUTER, lb.category());
    }

    @Test
    void theForwardedRequestKeepsTheContextAndAddsTheBalancersMetadata() {
        Scripted backend = new Scripted("A");
        LoadBalancer lb = new LoadBalancer("Router", List.of(backend), null);
        Simulation sim = Simulation.builder().entities(lb, backend).build();
        Event original = request(lb, 1, "17");
        sim.schedule(original);

        sim.run();

        Map<String, Object> forwarded = backend.received().get(0).context();
        assertEquals(Instant.ofSeconds(1), forwarded.get("created_at"));
        assertEquals(Map.of("client_id", "17", "_lb_request_id", 1L, "_lb_name", "Router"), forwarded.get("metadata"));
        assertEquals(Map.of("client_id", "17"), original.context().get("metadata"), "the caller's metadata is not changed");
    }

    @Test
    void randomChoiceIsSeededAndSpreadsTheLoad() {
        assertEquals(randomRun(3), randomRun(3));
        assertNotEquals(randomRun(3), randomRun(4));
        List<String> chosen = randomRun(3);
        for (String name : List.of("A", "B", "C")) {
            long count = chosen.stream().filter(name::equals).count();
            assertTrue(count > 250 && count < 420, name + " got " + count + " of 999");
        }
    }

    private static List<String> randomRun(long seed) {
        List<Scripted> backends = List.of(new Scripted("A"), new Scripted("B"), new Scripted("C"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.random());
        Simulation sim = Simulation.builder().seed(seed).entities(lb).entities(backends).build();
        for (int i = 0; i < 999; i++) {
            sim.schedule(request(lb, i * 0.01, null));
        }
        sim.run();
        return backendsChosen(backends);
    }

    @Test
    void leastOutstandingAvoidsTheBusyBackendBecauseResponsesComeWhenWorkFinishes() {
        Sink sink = new Sink();
        Server slow = new Server("Slow", 1, Distribution.constant(10.0), sink);
        Server fast = new Server("Fast", 1, Distribution.constant(0.1), sink);
        LoadBalancer lb = new LoadBalancer("Router", List.of(slow, fast), LoadBalancingStrategy.leastOutstanding());
        Simulation sim = Simulation.builder().entities(lb, slow, fast, sink).build();
        for (int i = 0; i < 20; i++) {
            sim.schedule(request(lb, i, null));
        }
        History history = History.attach(sim);

        sim.run();

        // At 0 both are idle (tie: the first backend). At 10 the slow one finishes, but the request at 10 was
        // scheduled before that _lb_response, so it still counts as busy; at 11 both are idle again.
        assertEquals(2L, slow.accepted());
        assertEquals(18L, fast.accepted());
        List<Double> slowResponses = history.events().stream()
                .filter(e -> e.type().equals(LoadBalancer.LB_RESPONSE) && e.attachment() == slow)
                .map(e -> e.time().toSeconds()).toList();
        assertEquals(List.of(10.0, 21.0), slowResponses, "_lb_response when the backend finishes, not when it queues");
        assertEquals(0, lb.outstanding(slow));
        assertEquals(20, lb.responsesReceived());
    }

    @Test
    void theCallersCompletionHooksFireOnceWhenTheBackendFinishes() {
        Sink sink = new Sink();
        Server server = new Server("Node", 1, Distribution.constant(2.0), sink);
        LoadBalancer lb = new LoadBalancer("Router", List.of(server), null);
        Simulation sim = Simulation.builder().entities(lb, server, sink).build();
        List<Double> finished = new ArrayList<>();
        Event e = request(lb, 1, null);
        e.addCompletionHook(done -> finished.add(done.time().toSeconds()));
        sim.schedule(e);

        sim.run();

        assertEquals(List.of(3.0), finished);
    }

    @Test
    void withoutAHealthyBackendRequestsFail() {
        Scripted a = new Scripted("A");
        Scripted b = new Scripted("B");
        LoadBalancer lb = new LoadBalancer("Router", List.of(a, b), null);
        Simulation sim = Simulation.builder().entities(lb, a, b).build();
        lb.markUnhealthy(a);
        sim.schedule(request(lb, 1, null), request(lb, 2, null));
        sim.step(2);
        assertEquals(1, b.received().size());
        lb.markUnhealthy(b);
        sim.run();

        assertEquals(1, b.received().size());
        assertTrue(a.received().isEmpty());
        assertEquals(1L, lb.metrics().get("requests_failed"));
        assertEquals(1L, lb.metrics().get("no_backend_available"));
        assertEquals(2L, lb.metrics().get("requests_received"));
    }

    @Test
    void consistentHashSendsEachClientToOneBackendChosenOnTheMd5Ring() throws Exception {
        List<Scripted> backends = List.of(new Scripted("Node 0"), new Scripted("Node 1"), new Scripted("Node 2"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.consistentHash());
        Simulation sim = Simulation.builder().entities(lb).entities(backends).build();
        for (int round = 0; round < 3; round++) {
            for (int client = 0; client < 200; client++) {
                sim.schedule(request(lb, round, Integer.toString(client)));
            }
        }

        sim.run();

        Map<String, String> expected = referenceRing(List.of("Node 0", "Node 1", "Node 2"));
        Map<String, String> seen = new HashMap<>();
        for (Scripted backend : backends) {
            assertTrue(backend.received().size() > 30, backend.name() + " gets a share");
            for (Event e : backend.received()) {
                String client = (String) ((Map<?, ?>) e.context().get("metadata")).get("client_id");
                String previous = seen.put(client, backend.name());
                assertTrue(previous == null || previous.equals(backend.name()), "client " + client + " moved");
                assertEquals(expected.get(client), backend.name(), "client " + client);
            }
        }
        assertEquals(200, seen.size());
    }

    /** The original's algorithm, spelled out with BigInteger: client id → backend name. */
    private static Map<String, String> referenceRing(List<String> names) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        TreeMap<BigInteger, String> ring = new TreeMap<>();
        for (String name : names) {
            for (int i = 0; i < 150; i++) {
                ring.put(new BigInteger(1, md5.digest((name + ":" + i).getBytes(StandardCharsets.UTF_8))), name);
            }
        }
        Map<String, String> owner = new HashMap<>();
        for (int client = 0; client < 200; client++) {
            BigInteger h = new BigInteger(1, md5.digest(Integer.toString(client).getBytes(StandardCharsets.UTF_8)));
            Map.Entry<BigInteger, String> entry = ring.ceilingEntry(h);
            owner.put(Integer.toString(client), entry == null ? ring.firstEntry().getValue() : entry.getValue());
        }
        return owner;
    }

    @Test
    void consistentHashFallsBackToRoundRobinWithoutAKey() {
        List<Scripted> backends = List.of(new Scripted("A"), new Scripted("B"));
        LoadBalancer lb = new LoadBalancer("Router", backends, new ConsistentHash(150));
        Simulation sim = Simulation.builder().entities(lb).entities(backends).build();
        for (int i = 0; i < 4; i++) {
            sim.schedule(request(lb, i, null));
        }
        sim.run();
        assertEquals(List.of("A", "B", "A", "B"), backendsChosen(backends));
        assertSame(null, ConsistentHash.metadataKey(request(lb, 0, null)));
    }
}
