package io.happysim.components.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import io.happysim.testing.LogCapture;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The client's state machine: races, retries, deadlines, silent and loud failures, budgets, replies upstream, reset. */
class ClientTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    /** What a scripted target does with one attempt. */
    private interface Behaviour {
        void apply(Scripted target, Event attempt);

        static Behaviour answerAfter(long nanos) {
            return (target, attempt) -> target.later(attempt, nanos, done -> done.replyWith(target, "ok"));
        }

        static Behaviour fail(Failure.Kind kind) {
            return (target, attempt) -> attempt.failReply(new Failure(kind, target.name(), kind.name().toLowerCase()));
        }

        static Behaviour failAfter(long nanos, Failure.Kind kind) {
            return (target, attempt) -> target.later(attempt, nanos, done -> done.failReply(new Failure(kind, target.name(), "late failure")));
        }

        static Behaviour silence() {
            return (target, attempt) -> { };
        }
    }

    /** What a target does with attempt {@code attempt} of request {@code requestId}. */
    private interface Script {
        Behaviour forAttempt(long requestId, int attempt);
    }

    /** A target that follows a script and records when each attempt arrived and what it carried. */
    private static final class Target {
        final Scripted entity;
        final List<Long> arrivals = new ArrayList<>();
        final List<Map<String, Object>> contexts = new ArrayList<>();

        Target(IntFunction<Behaviour> byAttempt) {
            this((requestId, attempt) -> byAttempt.apply(attempt));
        }

        Target(Script script) {
            entity = new Scripted("Target", (self, attempt) -> {
                arrivals.add(self.nowNanos());
                contexts.add(new LinkedHashMap<>(attempt.context()));
                long requestId = attempt.context().get("request_id") instanceof Number id ? id.longValue() : 0L;
                int number = ((Number) attempt.context().get("attempt")).intValue();
                script.forAttempt(requestId, number).apply(self, attempt);
            });
        }
    }

    private static SimFuture<Response> request(Simulation sim, Client client, long atNanos) {
        return request(sim, client, atNanos, 7L);
    }

    private static SimFuture<Response> request(Simulation sim, Client client, long atNanos, long requestId) {
        SimFuture<Response> reply = SimFuture.pending();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request_id", requestId);
        sim.schedule(new Event(atNanos, "Request", client, false, context).withReply(reply));
        return reply;
    }

    @Test
    void aReplyBeforeTheTimeoutSucceedsAndCompletesTheCallersReply() {
        Target target = new Target(n -> Behaviour.answerAfter(300 * MS));
        Sink sink = new Sink();
        Client client = Client.builder("Client").target(target.entity).timeout(1.0).downstream(sink).build();
        Simulation sim = Simulation.builder().entities(client, target.entity, sink).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertTrue(reply.isSucceeded(), "the caller hears the target's answer");
        assertEquals("Target", reply.value().responder());
        assertEquals(1, client.successes());
        assertEquals(0, client.timeouts());
        assertEquals(0, client.inFlight());
        assertEquals(0.3, client.meanLatency(), 1e-9);
        assertEquals(0.3, client.attemptLatencies().valueAt(0), 1e-9);
        assertEquals(300 * MS, sim.nowNanos(), "the cancelled timer does not keep the run going");
        assertEquals(1, sink.eventsReceived(), "a Response goes downstream");
        assertEquals(Map.of("request_id", 7L, "attempt", 1), target.contexts.get(0), "an attempt carries a copy of the context and its number");
    }

    @Test
    void aReplyAtTheSameInstantAsTheTimeoutIsLateBecauseTheTimerWasScheduledFirst() {
        Server server = new Server("Server", 1, Distribution.constant(1.0), null);
        Client client = Client.builder("Client").target(server).timeout(1.0).build();
        Simulation sim = Simulation.builder().entities(client, server).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertEquals(1, client.timeouts());
        assertEquals(1, client.lateReplies(), "the answer at the deadline is counted, not delivered");
        assertEquals(0, client.successes());
        assertEquals(1, client.failures());
        assertEquals(Failure.Kind.TIMEOUT, reply.failure().kind());
        assertEquals(1L, server.metrics().get("served_late"), "the server sees it served a request nobody waits for");
    }

    @Test
    void workLostAfterTheTimeoutIsNoLateReply() {
        Server server = new Server("Server", 1, Distribution.constant(2.0), null);
        Client client = Client.builder("Client").target(server).timeout(1.0).build();
        Simulation sim = Simulation.builder().entities(client, server).build();
        request(sim, client, 0);
        sim.once(Instant.ofSeconds(1.5), "crash", e -> server.crash());

        sim.run();

        assertEquals(1, client.timeouts());
        assertEquals(0, client.lateReplies(), "the crash lost the abandoned work: nobody answered");
        assertEquals(0, client.lost(), "the client had already given up on it");
    }

    @Test
    void aReplyOneNanosecondBeforeTheDeadlineWins() {
        Target target = new Target(n -> Behaviour.answerAfter(SECOND - 1));
        Client client = Client.builder("Client").target(target.entity).timeout(1.0).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertTrue(reply.isSucceeded());
        assertEquals(0, client.timeouts());
        assertEquals(0, client.lateReplies());
    }

    @Test
    void fixedRetryOfThreeAlwaysTimingOutGivesThreeAttemptsAndOneFailure() {
        Target target = new Target(n -> Behaviour.silence());
        Client client = Client.builder("Client").target(target.entity).timeout(1.0)
                .retry(RetryPolicy.fixed(0.5, 3)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertEquals(1, client.sent());
        assertEquals(3, client.attempts());
        assertEquals(3, client.timeouts());
        assertEquals(2, client.retries());
        assertEquals(1, client.failures());
        assertEquals(List.of(0L, 1_500 * MS, 3_000 * MS), target.arrivals, "timeout 1 s, then 0.5 s of backoff");
        assertEquals(4 * SECOND, sim.nowNanos());
        assertTrue(reply.failure().reason().startsWith("no answer within 1.0 s"), reply.failure().toString());
        assertEquals("Client", reply.failure().where());
    }

    @Test
    void theFirstRetryOfAnExponentialBackoffWaitsTheInitialDelayAndTheNextOnesGrow() {
        Target target = new Target(n -> Behaviour.silence());
        Client client = Client.builder("Client").target(target.entity).timeout(1.0)
                .retry(RetryPolicy.exponential(0.1, 2.0, 10.0, 5)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        request(sim, client, 0);

        sim.run();

        // the original sent at 0, 1.1, 2.2, 3.4, 4.8: its first two retries both waited 0.1 s
        assertEquals(List.of(0L, 1_100 * MS, 2_300 * MS, 3_700 * MS, 5_500 * MS), target.arrivals);
        assertEquals(5, client.attempts());
        assertEquals(1, client.failures());
    }

    @Test
    void aRetryThatWouldStartAtOrAfterTheDeadlineIsNotSent() {
        Target target = new Target(n -> Behaviour.silence());
        Client client = Client.builder("Client").target(target.entity).timeout(1.0).deadline(1.5)
                .retry(RetryPolicy.fixed(0.5, 5)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);
        long[] failedAt = {-1};
        reply.onSettle(r -> failedAt[0] = sim.nowNanos());

        sim.run();

        assertEquals(List.of(0L), target.arrivals, "a retry at 1.5 s would start at the deadline");
        assertEquals(1, client.attempts());
        assertEquals(0, client.retries());
        assertEquals(1, client.failures());
        assertEquals(SECOND, failedAt[0], "it gives up when the first attempt times out");
        assertEquals(SECOND, sim.nowNanos(), "nothing is scheduled after giving up");
    }

    @Test
    void theDeadlineCutsTheLastAttemptsTimerShort() {
        Target target = new Target(n -> Behaviour.silence());
        Client client = Client.builder("Client").target(target.entity).timeout(1.0).deadline(1.5)
                .retry(RetryPolicy.fixed(0.2, 5)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);
        long[] failedAt = {-1};
        reply.onSettle(r -> failedAt[0] = sim.nowNanos());

        sim.run();

        assertEquals(List.of(0L, 1_200 * MS), target.arrivals);
        assertEquals(1_500 * MS, failedAt[0], "the second attempt's timer is the deadline, not 2.2 s");
        assertEquals("deadline exceeded", reply.failure().reason());
        assertEquals(2, client.timeouts());
    }

    @Test
    void aDeadlineWithoutATimeoutStillEndsTheWait() {
        Target target = new Target(n -> Behaviour.silence());
        Client client = Client.builder("Client").target(target.entity).deadline(2.0).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertEquals(Failure.Kind.TIMEOUT, reply.failure().kind());
        assertEquals(2 * SECOND, sim.nowNanos());
    }

    @Test
    void aSilentLossIsNoticedOnlyWhenTheTimerFires() {
        Target target = new Target(n -> n == 1 ? Behaviour.fail(Failure.Kind.LOST) : Behaviour.answerAfter(100 * MS));
        Client client = Client.builder("Client").target(target.entity).timeout(1.0)
                .retry(RetryPolicy.fixed(0.0, 2)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertEquals(List.of(0L, SECOND), target.arrivals, "the retry follows the timer, not the loss at 0 s");
        assertEquals(1, client.lost());
        assertEquals(1, client.timeouts(), "the client noticed the loss by timing out");
        assertEquals(0, client.lateReplies());
        assertTrue(reply.isSucceeded());
        assertEquals(1.1, client.meanLatency(), 1e-9);
    }

    @Test
    void withoutATimeoutALossIsKnownAtOnceAndPassedOnAsSilence() {
        Target target = new Target(n -> Behaviour.failAfter(200 * MS, Failure.Kind.LOST));
        Client client = Client.builder("Client").target(target.entity).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);
        long[] failedAt = {-1};
        reply.onSettle(r -> failedAt[0] = sim.nowNanos());

        sim.run();

        assertEquals(1, client.lost());
        assertEquals(0, client.timeouts());
        assertEquals(200 * MS, failedAt[0]);
        assertEquals(Failure.Kind.LOST, reply.failure().kind(), "the caller upstream gets the last failure as it was");
    }

    @Test
    void aRejectionIsHeardAtOnceAndRetriedAfterThePolicysDelay() {
        Target target = new Target(n -> n < 3 ? Behaviour.fail(Failure.Kind.REJECTED) : Behaviour.answerAfter(10 * MS));
        Client client = Client.builder("Client").target(target.entity).timeout(5.0)
                .retry(RetryPolicy.fixed(0.05, 3)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertEquals(List.of(0L, 50 * MS, 100 * MS), target.arrivals, "no waiting for the 5 s timeout");
        assertEquals(2, client.rejected());
        assertEquals(0, client.timeouts());
        assertEquals(2, client.retries());
        assertTrue(reply.isSucceeded());
        assertEquals(0.11, client.meanLatency(), 1e-9);
        assertEquals(1, client.attemptLatencies().count(), "only attempts with a good answer have an attempt latency");
    }

    @Test
    void anErrorAnswerIsCountedAndTheLastFailureGoesUpstream() {
        Target target = new Target(n -> Behaviour.failAfter(20 * MS, Failure.Kind.ERROR));
        Client client = Client.builder("Client").target(target.entity).timeout(1.0)
                .retry(RetryPolicy.fixed(0.0, 2)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);

        sim.run();

        assertEquals(2, client.errors());
        assertEquals(1, client.failures());
        assertEquals(Failure.Kind.ERROR, reply.failure().kind());
        assertEquals(40 * MS, sim.nowNanos());
    }

    @Test
    void aRetryBudgetStopsRetriesWhenEmptyAndSaysSoOnceUntilItRecovers() {
        Target target = new Target(n -> Behaviour.fail(Failure.Kind.ERROR));
        Client client = Client.builder("Client").target(target.entity)
                .retry(RetryPolicy.fixed(0.0, 4)).retryBudget(RetryBudget.of(2, 1.0)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        request(sim, client, 0);                    // 2 retries from the full bucket, the third is refused
        request(sim, client, 100 * MS);             // bucket at 0.1: refused at once
        request(sim, client, 1_500 * MS);           // 1.5 tokens: one retry, then refused

        try (LogCapture logs = new LogCapture(Level.INFO)) {
            sim.run();
            List<String> budgetLines = logs.messages().stream().filter(m -> m.contains("retry budget")).toList();
            assertEquals(3, budgetLines.size(), budgetLines.toString());
            assertTrue(budgetLines.get(0).startsWith("[Client] retry budget exhausted"));
            assertTrue(budgetLines.get(1).startsWith("[Client] retry budget recovered"));
            assertTrue(budgetLines.get(1).contains("2 not sent"), budgetLines.get(1));
            assertTrue(budgetLines.get(2).startsWith("[Client] retry budget exhausted"));
        }

        assertEquals(3, client.retries());
        assertEquals(3, client.budgetExhausted());
        assertEquals(6, client.attempts());
        assertEquals(3, client.failures());
    }

    @Test
    void successesEarnRetryTokens() {
        // requests 1 and 4 fail their first attempt; 2 and 3 succeed at once and pay half a token each
        Target target = new Target((id, n) -> (id == 1 || id == 4) && n == 1
                ? Behaviour.fail(Failure.Kind.ERROR) : Behaviour.answerAfter(MS));
        Client client = Client.builder("Client").target(target.entity)
                .retry(RetryPolicy.fixed(0.0, 2)).retryBudget(RetryBudget.of(1, 0.0).earningPerSuccess(0.5)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        for (int id = 1; id <= 4; id++) {
            request(sim, client, id * SECOND, id);
        }

        sim.run();

        assertEquals(2, client.retries(), "the full bucket pays the first retry, two successes the second");
        assertEquals(0, client.budgetExhausted());
        assertEquals(4, client.successes());
    }

    @Test
    void withoutEarningsAnEmptyBucketStaysEmpty() {
        Target target = new Target((id, n) -> (id == 1 || id == 4) && n == 1
                ? Behaviour.fail(Failure.Kind.ERROR) : Behaviour.answerAfter(MS));
        Client client = Client.builder("Client").target(target.entity)
                .retry(RetryPolicy.fixed(0.0, 2)).retryBudget(RetryBudget.of(1, 0.0)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        for (int id = 1; id <= 4; id++) {
            request(sim, client, id * SECOND, id);
        }

        sim.run();

        assertEquals(1, client.retries());
        assertEquals(1, client.budgetExhausted());
        assertEquals(3, client.successes());
    }

    @Test
    void aClientInsideAServiceAnswersItsCallerWithTheTargetsResponse() {
        Target target = new Target(n -> Behaviour.answerAfter(50 * MS));
        Client client = Client.builder("Client").target(target.entity).build();
        Scripted caller = new Scripted("Caller");
        Simulation sim = Simulation.builder().entities(caller, client, target.entity).build();
        SimFuture<Response> reply = SimFuture.pending();
        sim.once(Instant.EPOCH, "call", e -> caller.send(new Event(0, "Request", client, false, null).withReply(reply)));

        sim.run();

        assertTrue(reply.isSucceeded());
        assertEquals("Target", reply.value().responder());
        assertEquals(1, client.attempts());
    }

    @Test
    void theResponseDownstreamCarriesTheAnswerAndTheNumberOfAttempts() {
        Target target = new Target(n -> n == 1 ? Behaviour.fail(Failure.Kind.REJECTED) : Behaviour.answerAfter(MS));
        Scripted sink = new Scripted("Sink");
        Client client = Client.builder("Client").target(target.entity).downstream(sink)
                .retry(RetryPolicy.fixed(0.0, 2)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity, sink).build();
        request(sim, client, 0);

        sim.run();

        Event response = sink.received().get(0);
        assertEquals(Client.RESPONSE, response.type());
        assertEquals(2, response.context().get("attempts"));
        assertEquals(7L, response.context().get("request_id"));
        assertEquals("Target", ((Response) response.attachment()).responder());
        assertEquals(List.of(target.entity, sink), client.downstream());
    }

    @Test
    void theHistoryShowsAttemptsTimersAndRetriesAsEventsOfTheirOwn() {
        Target target = new Target(n -> n == 1 ? Behaviour.silence() : Behaviour.answerAfter(100 * MS));
        Client client = Client.builder("Client").target(target.entity).timeout(0.5)
                .retry(RetryPolicy.fixed(0.25, 2)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        History history = History.attach(sim);
        request(sim, client, 0);

        sim.run();

        assertEquals(List.of(
                "0|0|Request|Client|-",
                "1|0|Request|Target|Client",
                "2|500000000|client_timeout|Client|Client",
                "3|750000000|client_retry|Client|Client",
                "4|750000000|Request|Target|Client",
                "6|850000000|Request|Target|Target",
                "7|850000000|client_reply|Client|Target"), history.lines());
    }

    @Test
    void aCrashFailsTheRequestsInProgressAndForgetsTheirRetries() {
        Target target = new Target(n -> Behaviour.silence());
        Client client = Client.builder("Client").target(target.entity).timeout(1.0)
                .retry(RetryPolicy.fixed(0.0, 3)).build();
        Simulation sim = Simulation.builder().entities(client, target.entity).build();
        SimFuture<Response> reply = request(sim, client, 0);
        sim.once(Instant.ofSeconds(0.5), "crash", e -> client.crash());

        sim.run();

        assertEquals(Failure.Kind.LOST, reply.failure().kind());
        assertEquals(1, target.arrivals.size(), "no retry after the crash");
        assertEquals(0, client.inFlight());
    }

    @Test
    void aResetRunEqualsAFreshOne() {
        String[] first = runWithJitteredRetries(11, false);
        String[] again = runWithJitteredRetries(11, true);
        assertEquals(first[0], again[0], "same history");
        assertEquals(first[1], again[1], "same metrics");
        assertTrue(first[1].contains("retries=") && !first[1].contains("retries=0,"), first[1]);
    }

    /** Poisson load, an exponential server, a timeout in its tail and jittered retries: the history and metrics of one run (or of a run after a reset). */
    private static String[] runWithJitteredRetries(long seed, boolean resetFirst) {
        Server server = new Server("Server", 4, Distribution.exponential(0.1), null);
        Client client = Client.builder("Client").target(server).timeout(0.15).deadline(2.0)
                .retry(RetryPolicy.exponential(0.05, 2.0, 1.0, 4).withJitter(Jitter.FULL))
                .retryBudget(RetryBudget.of(5, 5)).build();
        Source source = Source.poisson(30, client);
        Simulation sim = Simulation.builder().seed(seed).durationSeconds(20).sources(source).entities(client, server).build();
        if (resetFirst) {
            sim.run();
            sim.reset();
        }
        History history = History.attach(sim);
        sim.run();
        return new String[] {history.text(), client.metrics().toString()};
    }

    @Test
    void theBuilderRefusesNonsense() {
        Scripted target = new Scripted("Target");
        assertThrows(IllegalArgumentException.class, () -> Client.builder("C").build(), "a target is required");
        assertThrows(IllegalArgumentException.class, () -> Client.builder("C").target(target).timeout(-1));
        assertThrows(IllegalArgumentException.class, () -> Client.builder("C").target(target).timeout(0));
        assertThrows(IllegalArgumentException.class, () -> Client.builder("C").target(target).deadline(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Client.builder("C").target(target).retry(null));
    }

    @Test
    void theCardShowsInFlightAndRetriesPerSecondFirst() {
        Client client = Client.builder("Client").target(new Scripted("Target")).build();
        Simulation.builder().entities(client).build();
        List<String> names = new ArrayList<>(client.metrics().keySet());
        assertEquals(List.of("in_flight", "retries_per_s", "timeouts_per_s", "sent", "attempts", "successes", "failures",
                "timeouts", "retries", "rejected", "errors", "lost", "late_replies", "budget_exhausted", "mean_latency"), names);
        assertEquals(List.of("Client.latency", "Client.attempt_latency"), List.copyOf(client.series().keySet()));
        assertNull(client.metric("no_such_metric"));
        assertSame(io.happysim.core.Category.CLIENT, client.category());
    }
}
