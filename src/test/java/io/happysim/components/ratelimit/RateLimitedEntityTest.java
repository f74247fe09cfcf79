package io.happysim.components.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.core.Category;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.testing.LogCapture;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The rate-limited entity: admits, queues in order or rejects, answers replies, and keeps its counts consistent. */
class RateLimitedEntityTest {
    private static final long MS = 1_000_000L;

    private static RateLimitedEntity.Builder limiter(Scripted backend, RateLimitPolicy policy) {
        return RateLimitedEntity.builder("Limiter").downstream(backend).policy(policy);
    }

    @Test
    void aBucketOfFiveAtTwoPerSecondPassesFiveRequestsSentWithinFourTenthsOfASecond() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new TokenBucketPolicy(5, 2)).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 5; i++) {
            requests.send(limiter, i * 0.1);
        }

        sim.run();

        assertEquals(5L, limiter.admitted());
        assertEquals(0L, limiter.queued());
        assertEquals(List.of(0L, 100 * MS, 200 * MS, 300 * MS, 400 * MS), Requests.timesReceivedBy(backend), "passed on at once");
        assertTrue(requests.replies.stream().allMatch(r -> r.isSucceeded() && r.value().responder().equals("Backend")),
                "the caller hears from the backend, not from the limiter");
    }

    @Test
    void anEmptyBucketQueuesTheRequestUntilItHasAToken() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new TokenBucketPolicy(5, 2, 0)).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        requests.send(limiter, 0);
        List<Object> seen = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.1), "look", e -> seen.addAll(List.of(limiter.queued(), limiter.queueDepth())));

        sim.run();

        assertEquals(List.of(1L, 1), seen, "queued and still waiting at 0.1 s");

        assertEquals(List.of(500 * MS), Requests.timesReceivedBy(backend));
        assertEquals(List.of(500 * MS), requests.settledAt);
    }

    @Test
    void aLeakyBucketAtTwoPerSecondPassesOneOfTwoSimultaneousRequestsAndQueuesTheOther() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new LeakyBucketPolicy(2)).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        requests.send(limiter, 0);
        requests.send(limiter, 0);
        List<Object> seen = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.1), "look", e -> seen.addAll(List.of(limiter.admitted(), limiter.queued())));

        sim.run();

        assertEquals(List.of(1L, 1L), seen, "admitted 1, queued 1 at 0.1 s");

        assertEquals(List.of(0L, 500 * MS), Requests.timesReceivedBy(backend));
    }

    @Test
    void aFullQueueRejectsAtOnceAndTheCallerHearsIt() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new LeakyBucketPolicy(1)).queueExcess(3).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 5; i++) {
            requests.send(limiter, 0);
        }
        List<Object> seen = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.5), "look", e -> seen.addAll(List.of(limiter.admitted(), limiter.queueDepth(), limiter.rejected())));

        sim.run();

        assertEquals(List.of(1L, 3, 1L), seen, "admitted 1, waiting 3, rejected 1 at 0.5 s");
        Failure refused = requests.replies.get(4).failure();
        assertEquals(Failure.Kind.REJECTED, refused.kind());
        assertEquals("queue full", refused.reason());
        assertEquals(0L, requests.settledAt.get(4), "refused on arrival");
        assertEquals(List.of(0L, 1000 * MS, 2000 * MS, 3000 * MS), Requests.timesReceivedBy(backend), "the queue drains at the leak rate");
    }

    @Test
    void inRejectModeTheExcessIsRefusedAtOnceInsteadOfWaiting() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new LeakyBucketPolicy(1)).rejectExcess().build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 5; i++) {
            requests.send(limiter, 0.2 * i);
        }
        requests.send(limiter, 1.0);

        sim.run();

        assertEquals(List.of(0L, 1000 * MS), Requests.timesReceivedBy(backend));
        assertEquals(4L, limiter.rejected());
        assertEquals(0L, limiter.queued());
        for (int i = 1; i < 5; i++) {
            assertEquals(Failure.Kind.REJECTED, requests.replies.get(i).failure().kind());
            assertEquals("rate limited", requests.replies.get(i).failure().reason());
            assertEquals(i * 200 * MS, requests.settledAt.get(i));
        }
    }

    /** The original let a new arrival ask the policy first, so it could take the token a waiting request was due. */
    @Test
    void anArrivalJoinsTheBackOfTheQueueEvenWhenTheTokenItWouldTakeIsDueNow() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new TokenBucketPolicy(1, 10)).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        requests.send(limiter, 0);      // takes the token
        requests.send(limiter, 0.05);   // waits for the next, due at 0.1
        requests.send(limiter, 0.1);    // arrives as that token appears, before the poll

        sim.run();

        assertEquals(List.of(1L, 2L, 3L), Requests.idsReceivedBy(backend));
        assertEquals(List.of(0L, 100 * MS, 200 * MS), Requests.timesReceivedBy(backend));
    }

    @Test
    void underRandomOverloadTheQueueServesInArrivalOrderAndTheCountsAddUp() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new TokenBucketPolicy(3, 20)).queueExcess(15).build();
        Source source = Source.poisson(30, limiter);
        Simulation sim = Simulation.builder().seed(4).durationSeconds(60).sources(source).entities(limiter, backend).build();
        List<String> broken = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            sim.once(Instant.ofSeconds(i * 0.1), "check", e -> {
                if (limiter.received() != limiter.admitted() + limiter.queueDepth() + limiter.rejected()) {
                    broken.add(limiter.metrics().toString());
                }
            });
        }

        sim.run();

        assertEquals(List.of(), broken, "received = admitted + queue_depth + rejected at every check");
        assertTrue(limiter.rejected() > 50 && limiter.queued() > 500, "all three kinds of outcome occurred: " + limiter.metrics());
        List<Object> ids = Requests.idsReceivedBy(backend);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue((Long) ids.get(i) > (Long) ids.get(i - 1), "request " + ids.get(i) + " overtook " + ids.get(i - 1));
        }
    }

    @Test
    void metricsComeInCardOrderWithThePolicysLevel() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new TokenBucketPolicy(2, 1)).queueExcess(1).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 4; i++) {
            requests.send(limiter, 0.5);
        }
        List<Map<String, Object>> seen = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.6), "look", e -> seen.add(limiter.metrics()));

        sim.run();

        Map<String, Object> metrics = seen.get(0);

        assertEquals(List.of("admitted_per_s", "rejected_per_s", "tokens", "queue_depth", "received", "admitted", "rejected", "queued"),
                List.copyOf(metrics.keySet()));
        assertEquals(2.0, metrics.get("admitted_per_s"));
        assertEquals(1.0, metrics.get("rejected_per_s"));
        assertEquals(0.1, (Double) metrics.get("tokens"), 1e-9);
        assertEquals(1, metrics.get("queue_depth"));
        assertEquals(4L, metrics.get("received"));
        assertEquals(Category.RATE_LIMITER, limiter.category());
        assertEquals(List.of(backend), limiter.downstream());
    }

    @Test
    void theReplyOfAnAdmittedRequestIsAnsweredWhenTheServerBehindFinishesIt() {
        Server server = new Server("Server", 1, Distribution.constant(0.2), null);
        RateLimitedEntity limiter = RateLimitedEntity.builder("Limiter").downstream(server).policy(new LeakyBucketPolicy(10)).build();
        Simulation sim = Simulation.builder().entities(limiter, server).build();
        Requests requests = new Requests(sim);
        requests.send(limiter, 0);
        requests.send(limiter, 0);

        sim.run();

        assertEquals(List.of(200 * MS, 400 * MS), requests.settledAt, "service, and for the second its 0.1 s wait and the queue");
        assertEquals("Server", requests.replies.get(1).value().responder());
    }

    @Test
    void itLogsWhenItStartsRejectingAndWhenItStopsButNotEachRejection() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new TokenBucketPolicy(1, 5)).rejectExcess().build();
        Simulation sim = Simulation.builder().durationSeconds(10).entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 100; i++) {
            requests.send(limiter, 1 + i * 0.01);   // 100/s for 1 s against 5/s
        }
        requests.send(limiter, 5);
        List<Boolean> rejectingAt = new ArrayList<>();
        sim.once(Instant.ofSeconds(2.5), "look", e -> rejectingAt.add(limiter.isRejecting()));
        sim.once(Instant.ofSeconds(3.5), "look", e -> rejectingAt.add(limiter.isRejecting()));

        List<String> lines;
        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.run();
            lines = log.messages().stream().filter(m -> m.startsWith("[Limiter]")).toList();
        }

        assertTrue(limiter.rejected() > 90);
        assertEquals(List.of("[Limiter] rejecting requests (rate limited)", "[Limiter] stopped rejecting: " + limiter.rejected() + " rejected in 0.98 s"), lines);
        assertEquals(List.of(true, false), rejectingAt, "the spell ends a quiet second after the last rejection (1.99 s)");
    }

    @Test
    void aCrashLosesTheWaitingRequestsAndTheLimiterServesAgainAfterTheRestart() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new LeakyBucketPolicy(1)).build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 3; i++) {
            requests.send(limiter, 0);
        }
        requests.send(limiter, 3);
        sim.once(Instant.ofSeconds(0.5), "crash", e -> limiter.crash());
        sim.once(Instant.ofSeconds(2), "restart", e -> limiter.restart());

        sim.run();

        assertEquals(Failure.Kind.LOST, requests.replies.get(1).failure().kind());
        assertEquals(Failure.Kind.LOST, requests.replies.get(2).failure().kind());
        assertEquals(2L, limiter.lost());
        assertEquals(List.of(0L, 3000 * MS), Requests.timesReceivedBy(backend));
        assertEquals(limiter.received(), limiter.admitted() + limiter.queueDepth() + limiter.rejected() + limiter.lost());
        assertEquals(2L, limiter.metrics().get("lost"));
    }

    @Test
    void anAdaptivePolicyLearnsFromTheRepliesOfTheRequestsItAdmitted() {
        boolean[] failing = {true};
        Scripted backend = new Scripted("Backend", (self, request) -> {
            if (failing[0]) {
                request.failReply(new Failure(Failure.Kind.ERROR, "Backend", "boom"));
            } else {
                request.replyWith(self, null);
            }
        });
        AdaptivePolicy aimd = AdaptivePolicy.builder().initialRate(16).minRate(1).increaseStep(1).build();
        RateLimitedEntity limiter = limiter(backend, aimd).rejectExcess().build();
        Simulation sim = Simulation.builder().entities(limiter, backend).build();
        Requests requests = new Requests(sim);
        for (int i = 0; i < 3; i++) {
            requests.send(limiter, i * 0.01);
        }
        sim.once(Instant.ofSeconds(0.5), "heal", e -> failing[0] = false);
        for (int i = 0; i < 2; i++) {
            requests.send(limiter, 1 + i * 0.01);
        }

        sim.run();

        assertEquals(3L, aimd.failures());
        assertEquals(2L, aimd.successes());
        assertEquals(4.0, aimd.currentRate(), "16 → 8 → 4 → 2, then +1 twice");
        assertEquals(4.0, limiter.metrics().get("current_rate"));
    }

    @Test
    void aResetRunIsTheSameAsAFreshOne() {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity limiter = limiter(backend, new SlidingWindowLogPolicy(5, 0.5)).queueExcess(8).build();
        Source source = Source.poisson(25, limiter);
        Simulation sim = Simulation.builder().seed(9).durationSeconds(20).sources(source).entities(limiter, backend).build();
        History history = History.attach(sim);
        sim.run();
        String first = history.text();
        Map<String, Object> firstMetrics = limiter.metrics();
        assertTrue(limiter.rejected() > 0 && limiter.queued() > 0);

        sim.reset();
        history.clear();
        sim.run();

        assertEquals(first, history.text());
        assertEquals(firstMetrics, limiter.metrics());
        assertFalse(first.isEmpty());
    }
}
