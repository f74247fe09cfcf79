package io.happysim.components.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.server.Server;
import io.happysim.components.sinks.Counter;
import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutersTest {
    private static Event request(Object tier, double at, io.happysim.core.Entity target) {
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (tier != null) {
            metadata.put("tier", tier);
        }
        context.put("metadata", metadata);
        return new Event(Instant.ofSeconds(at), "Request", target, context);
    }

    @Test
    void randomRouterPicksUniformlyFromItsSeedAndPassesTheSameContextAndTheReply() {
        List<Scripted> targets = List.of(new Scripted("A"), new Scripted("B"), new Scripted("C"));
        RandomRouter router = new RandomRouter("Spread", targets);
        Simulation sim = Simulation.builder().seed(3).entities(router).entities(targets).build();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            sim.schedule(request(null, i * 0.001, router));
        }
        Event first = request(null, 5, router);
        SimFuture<Response> reply = SimFuture.pending();
        sim.schedule(first.withReply(reply));
        sim.run();

        double sigma = Math.sqrt(n * (1.0 / 3) * (2.0 / 3));
        for (Scripted target : targets) {
            assertEquals(n / 3.0, router.routedTo(target), 3 * sigma + 1, target.name());
        }
        Event delivered = targets.stream().flatMap(t -> t.received().stream()).filter(e -> e.timeNanos() == 5_000_000_000L)
                .findFirst().orElseThrow();
        assertSame(first.context(), delivered.context(), "the same context object, as the original");
        assertSame(reply, delivered.reply(), "the reply moves with the request");
        assertEquals(List.of("routed", "target_counts"), List.copyOf(router.metrics().keySet()));
        assertEquals((long) n + 1, router.metrics().get("routed"));
        assertEquals(Category.ROUTER, router.category());
        assertEquals(targets, router.downstream());
    }

    @Test
    void randomRouterIsSeeded() {
        assertEquals(choices(1), choices(1));
        assertNotEquals(choices(1), choices(2));
    }

    private static List<String> choices(long seed) {
        List<Scripted> targets = List.of(new Scripted("A"), new Scripted("B"));
        RandomRouter router = new RandomRouter("Spread", targets);
        Simulation sim = Simulation.builder().seed(seed).entities(router).entities(targets).build();
        for (int i = 0; i < 40; i++) {
            sim.schedule(request(null, i, router));
        }
        sim.run();
        List<Event> all = new ArrayList<>();
        targets.forEach(t -> all.addAll(t.received()));
        all.sort((x, y) -> Long.compare(x.timeNanos(), y.timeNanos()));
        return all.stream().map(e -> e.target().name()).toList();
    }

    @Test
    void conditionalRouterTakesTheFirstMatchThenTheDefault() {
        Counter premium = new Counter("Premium");
        Counter gold = new Counter("Gold");
        Counter standard = new Counter("Standard");
        ConditionalRouter router = ConditionalRouter.builder("Tiers")
                .route(e -> "premium".equals(tier(e)), premium)
                .route(e -> tier(e) != null && tier(e).toString().startsWith("p"), gold)   // never wins over the first for "premium"
                .route(e -> "gold".equals(tier(e)), gold)
                .otherwise(standard)
                .build();
        Simulation sim = Simulation.builder().entities(router, premium, gold, standard).build();
        sim.schedule(request("premium", 1, router), request("gold", 2, router), request("plus", 3, router),
                request(null, 4, router), request("free", 5, router));
        sim.run();

        assertEquals(1, premium.total());
        assertEquals(2, gold.total(), "gold and plus");
        assertEquals(2, standard.total());
        assertEquals(List.of("total_routed", "dropped", "routed_counts"), List.copyOf(router.metrics().keySet()));
        assertEquals(Map.of("Premium", 1L, "Gold", 2L, "Standard", 2L), router.metrics().get("routed_counts"));
        assertEquals(List.of(premium, gold, standard), router.downstream());
    }

    private static Object tier(Event e) {
        return ((Map<?, ?>) e.context().get("metadata")).get("tier");
    }

    @Test
    void withoutARouteOrADefaultTheRequestIsDroppedAndItsReplyRejected() {
        Server fast = new Server("Fast", 1, Distribution.constant(0.5), null);
        ConditionalRouter router = ConditionalRouter.byContextField("ByTier", "tier", Map.of("premium", fast), null);
        Simulation sim = Simulation.builder().entities(router, fast).build();
        SimFuture<Response> routed = SimFuture.pending();
        SimFuture<Response> dropped = SimFuture.pending();
        long[] answeredAt = new long[2];
        routed.onSettle(r -> answeredAt[0] = sim.nowNanos());
        dropped.onSettle(r -> answeredAt[1] = sim.nowNanos());
        sim.schedule(request("premium", 1, router).withReply(routed), request("free", 2, router).withReply(dropped));
        sim.run();

        assertTrue(routed.isSucceeded());
        assertEquals(1_500_000_000L, answeredAt[0], "the caller hears the server at the end of its service");
        assertEquals(Failure.Kind.REJECTED, dropped.failure().kind());
        assertEquals(2_000_000_000L, answeredAt[1]);
        assertEquals(1L, router.dropped());
        assertEquals(1L, router.totalRouted());
    }

    @Test
    void byContextFieldReadsTheContextBeforeTheMetadataAndComparesAsStrings() {
        Counter one = new Counter("One");
        Counter other = new Counter("Other");
        ConditionalRouter router = ConditionalRouter.byContextField("ByShard", "shard", Map.of("1", one), other);
        Simulation sim = Simulation.builder().entities(router, one, other).build();
        Event inContext = new Event(Instant.ofSeconds(1), "Request", router, new LinkedHashMap<>(Map.of("shard", 1L)));
        Event inMetadata = new Event(Instant.ofSeconds(2), "Request", router,
                new LinkedHashMap<>(Map.of("metadata", Map.of("shard", 1))));
        Event neither = new Event(Instant.ofSeconds(3), "Request", router, new LinkedHashMap<>(Map.of("shard", 2)));
        sim.schedule(inContext, inMetadata, neither);
        sim.run();

        assertEquals(2, one.total());
        assertEquals(1, other.total());
    }
}
