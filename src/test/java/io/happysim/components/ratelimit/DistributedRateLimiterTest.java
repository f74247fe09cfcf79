package io.happysim.components.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.core.Category;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.testing.Scripted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limiter instances sharing a window count through a store with latency: the limit, its windows, and its overshoot. */
class DistributedRateLimiterTest {
    private static final long MS = 1_000_000L;

    private static DistributedRateLimiter instance(String name, Scripted backend, KeyValueStore store, int limit) {
        return DistributedRateLimiter.builder(name).downstream(backend).store(store).globalLimit(limit).build();
    }

    @Test
    void aLimitOfThreeForwardsThreeAndRejectsTwoAfterTheStoresRoundTrips() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(0.001));
        DistributedRateLimiter limiter = instance("Limiter", backend, store, 3);
        Simulation sim = Simulation.builder().entities(limiter, store, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 5; i++) {
            requests.send(limiter, 0.1 * (i + 1));
        }

        sim.run();

        assertEquals(3L, limiter.admitted());
        assertEquals(2L, limiter.rejected());
        assertEquals(List.of(102 * MS, 202 * MS, 302 * MS), Requests.timesReceivedBy(backend),
                "forwarded when the read and the write are done, stamped with that time");
        assertTrue(requests.replies.subList(0, 3).stream().allMatch(r -> r.isSucceeded() && r.value().responder().equals("Backend")));
        assertEquals(Failure.Kind.REJECTED, requests.replies.get(3).failure().kind());
        assertEquals(400 * MS, requests.settledAt.get(3), "it knew the count was reached: no store round trip");
        assertEquals(2L, limiter.localRejections());
        assertEquals(3L, limiter.storeReads());
        assertEquals(3L, limiter.storeWrites());
        assertEquals(3L, store.peek(limiter.keyFor(0)));
    }

    @Test
    void aNewWindowStartsCountingAgain() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(0.001));
        DistributedRateLimiter limiter = instance("Limiter", backend, store, 2);
        Simulation sim = Simulation.builder().entities(limiter, store, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 4; i++) {
            requests.send(limiter, 0.1 + 0.2 * i);
            requests.send(limiter, 1.1 + 0.2 * i);
        }

        sim.run();

        assertEquals(4L, limiter.admitted(), "two per window");
        assertEquals(2L, store.peek("ratelimit:window:0"));
        assertEquals(2L, store.peek("ratelimit:window:1"));
    }

    @Test
    void twoInstancesTakingTurnsShareTheLimitExactly() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(0.001));
        DistributedRateLimiter a = instance("A", backend, store, 4);
        DistributedRateLimiter b = instance("B", backend, store, 4);
        Simulation sim = Simulation.builder().entities(a, b, store, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 6; i++) {
            requests.send(i % 2 == 0 ? a : b, 0.1 * (i + 1));
        }

        sim.run();

        assertEquals(4, backend.received().size());
        assertEquals(2L, a.rejected() + b.rejected());
        assertEquals(4L, store.peek(a.keyFor(0)));
    }

    /**
     * Both instances read the count before either writes it back (the read and the write are
     * separate round trips), so each pair of simultaneous requests passes on one count: 8 pass a
     * limit of 4, and the store, having lost every other update, says 4.
     */
    @Test
    void concurrentInstancesOvershootTheSharedLimitBecauseReadThenWriteIsNotAtomic() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(0.010));
        DistributedRateLimiter a = instance("A", backend, store, 4);
        DistributedRateLimiter b = instance("B", backend, store, 4);
        Simulation sim = Simulation.builder().entities(a, b, store, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 1; i <= 5; i++) {
            requests.send(a, 0.1 * i);
            requests.send(b, 0.1 * i);
        }

        sim.run();

        assertEquals(8, backend.received().size(), "twice the limit passed");
        assertEquals(4L, store.peek(a.keyFor(0)), "yet the store counted only the limit");
        assertEquals(2L, a.rejected() + b.rejected());
        assertEquals(2L, a.localRejections() + b.localRejections(), "each had written 4 itself: the last pair was refused without asking");
    }

    /**
     * Poisson arrivals at 50/s at each of two instances, limit 20 per 1 s window, over 30
     * windows. With an instant store no check overlaps another and every window passes exactly
     * 20. With a 50 ms store a check takes 100 ms, so about 10 are in progress at once; they read
     * the same count and write back the same count + 1, the count climbs only about once per
     * read latency, and most of each window's 100 requests pass before it reaches 20.
     */
    @Test
    void theOvershootComesFromOverlappingChecksAndGrowsWithTheStoresLatency() {
        Map<Long, Long> instant = admittedPerWindow(0.0);
        Map<Long, Long> slow = admittedPerWindow(0.050);

        assertEquals(30, instant.size());
        assertTrue(instant.values().stream().allMatch(n -> n == 20), "instant store: " + instant);
        assertEquals(30, slow.size());
        assertTrue(slow.values().stream().allMatch(n -> n > 2 * 20), "slow store: more than twice the limit in every window: " + slow);
    }

    private static Map<Long, Long> admittedPerWindow(double latencySeconds) {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(latencySeconds));
        DistributedRateLimiter a = instance("A", backend, store, 20);
        DistributedRateLimiter b = instance("B", backend, store, 20);
        Source toA = new Source("SourceA", RateProfile.constant(50), true,
                new RequestProvider(a));
        Source toB = new Source("SourceB", RateProfile.constant(50), true,
                new RequestProvider(b));
        Simulation sim = Simulation.builder().seed(3).durationSeconds(30).sources(toA, toB).entities(a, b, store, backend).build();
        sim.run();
        Map<Long, Long> perWindow = new HashMap<>();
        for (Long checkedAt : backend.received().stream().map(e -> (Instant) e.contextView().get("created_at")).map(Instant::nanos).toList()) {
            perWindow.merge(checkedAt / 1_000_000_000L, 1L, Long::sum);
        }
        assertEquals(a.received(), a.admitted() + a.rejected() + a.checking());
        return perWindow;
    }

    @Test
    void aStoreThatDoesNotAnswerMakesTheLimiterRejectAndACrashedLimiterLosesItsChecks() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(0.1));
        DistributedRateLimiter limiter = instance("Limiter", backend, store, 10);
        Simulation sim = Simulation.builder().entities(limiter, store, backend).build();
        Requests requests = new Requests(sim);
        requests.send(limiter, 0);      // its read is lost with the store's crash
        requests.send(limiter, 1);      // in its check when the limiter crashes
        sim.once(Instant.ofSeconds(0.05), "crash store", e -> store.crash());
        sim.once(Instant.ofSeconds(0.5), "restart store", e -> store.restart());
        sim.once(Instant.ofSeconds(1.05), "crash limiter", e -> limiter.crash());

        sim.run();

        assertEquals(Failure.Kind.REJECTED, requests.replies.get(0).failure().kind());
        assertEquals("rate limit store unavailable", requests.replies.get(0).failure().reason());
        assertEquals(50 * MS, requests.settledAt.get(0));
        assertEquals(Failure.Kind.LOST, requests.replies.get(1).failure().kind());
        assertEquals(1L, limiter.metrics().get("store_failures"));
        assertEquals(1L, limiter.metrics().get("lost"));
        assertEquals(0, limiter.checking());
        assertEquals(0, backend.received().size());
    }

    @Test
    void metricsAndTopology() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.constant(0.001));
        DistributedRateLimiter limiter = instance("Limiter", backend, store, 3);
        assertEquals(List.of("admitted_per_s", "rejected_per_s", "received", "admitted", "rejected", "checking",
                "local_rejections", "global_rejections", "store_reads", "store_writes", "store_failures"), List.copyOf(limiter.metrics().keySet()));
        assertEquals(List.of(backend, store), limiter.downstream());
        assertEquals(Category.RATE_LIMITER, limiter.category());
        assertEquals(Category.RESOURCE, store.category());
        assertEquals(List.of("in_flight", "reads", "writes", "keys"), List.copyOf(store.metrics().keySet()));
    }

    @Test
    void aResetRunIsTheSameAsAFreshOne() {
        Scripted backend = Requests.backend("Backend");
        KeyValueStore store = new KeyValueStore("Store", Distribution.exponential(0.02));
        DistributedRateLimiter limiter = instance("Limiter", backend, store, 10);
        Source source = Source.poisson(30, limiter);
        Simulation sim = Simulation.builder().seed(6).durationSeconds(10).sources(source).entities(limiter, store, backend).build();
        History history = History.attach(sim);
        sim.run();
        String first = history.text();
        Map<String, Object> firstMetrics = limiter.metrics();
        Map<String, Object> firstStore = store.metrics();

        sim.reset();
        history.clear();
        sim.run();

        assertEquals(first, history.text());
        assertEquals(firstMetrics, limiter.metrics());
        assertEquals(firstStore, store.metrics());
        assertTrue(limiter.rejected() > 0);
    }
}
