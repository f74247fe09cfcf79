package io.happysim.components.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.resilience.CircuitBreaker.State;
import io.happysim.components.server.Server;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Long runs against theory, one seed per run, each within 3% of the closed form (expected values
 * written from the formulas, never from the output).
 */
class ResilienceClosedFormTest {

    /** Sends {@code count} requests, one every {@code gapNanos}, each with a reply; sums the response times. */
    static final class OpenLoopCaller extends Entity {
        private final Entity target;
        private final long gapNanos;
        private final int count;
        int sent;
        int answered;
        double responseSecondsSum;

        OpenLoopCaller(String name, Entity target, long gapNanos, int count) {
            super(name);
            this.target = target;
            this.gapNanos = gapNanos;
            this.count = count;
        }

        @Override
        protected void start() {
            after(0, "send", null, this::send);
        }

        private void send(Event tick) {
            long sentAt = nowNanos();
            SimFuture<Response> reply = SimFuture.pending();
            reply.onSettle(r -> {
                if (r.isSucceeded()) {
                    answered++;
                    responseSecondsSum += (nowNanos() - sentAt) / 1e9;
                }
            });
            schedule(new Event(sentAt, "Request", target, false, null).withReply(reply));
            if (++sent < count) {
                after(gapNanos, "send", null, this::send);
            }
        }

        @Override
        protected void handle(Event event) {
        }

        @Override
        protected void reset() {
            sent = 0;
            answered = 0;
            responseSecondsSum = 0;
        }
    }

    /**
     * Hedging against a server with exponential service (mean m) and no queueing: the hedge goes
     * out iff the primary takes longer than d, so P(hedge sent) = P(S > d) = e^(−d/m); the caller
     * gets R = min(S₁, d + S₂), and with P(R > t) = e^(−t/m) for t < d and e^(−t/m)·e^(−(t−d)/m)
     * after, E[R] = ∫P(R > t)dt = m(1 − e^(−d/m)) + (m/2)e^(−d/m) = m(1 − e^(−d/m)/2).
     */
    @ParameterizedTest(name = "seed {0}, d = {1} s, m = {2} s")
    @CsvSource({"1, 0.1, 0.1", "2, 0.1, 0.1", "3, 0.1, 0.1", "4, 0.05, 0.1", "5, 0.05, 0.1", "6, 0.05, 0.1"})
    void hedgedRequestsMatchTheClosedFormForExponentialService(long seed, double d, double m) {
        int requests = 40_000;
        Server server = new Server("Server", 1_000_000, Distribution.exponential(m), null);
        Hedge hedge = new Hedge("Hedge", server, d);
        OpenLoopCaller caller = new OpenLoopCaller("Caller", hedge, 1_000_000L, requests);
        Simulation sim = Simulation.builder().seed(seed).entities(caller, hedge, server).build();

        sim.run();

        double hedgeProbability = Math.exp(-d / m);
        double meanResponse = m * (1 - Math.exp(-d / m) / 2);
        long hedgesSent = (long) hedge.metrics().get("hedges_sent");
        assertEquals(requests, caller.answered);
        assertEquals(hedgeProbability, hedgesSent / (double) requests, 0.03 * hedgeProbability, "P(hedge sent) = e^(-d/m)");
        assertEquals(meanResponse, caller.responseSecondsSum / requests, 0.03 * meanResponse, "E[min(S1, d + S2)]");
        assertEquals(hedgesSent, hedge.metrics().get("late_answers"), "every hedged request leaves one loser, answered late");
        assertEquals((long) requests, (long) hedge.metrics().get("primary_wins") + (long) hedge.metrics().get("hedge_wins"));
    }

    /** Calls one at a time: the next call {@code gapNanos} after the previous answer (or refusal). */
    static final class SequentialCaller extends Entity {
        private final Entity target;
        private final long gapNanos;

        SequentialCaller(String name, Entity target, long gapNanos) {
            super(name);
            this.target = target;
            this.gapNanos = gapNanos;
        }

        @Override
        protected void start() {
            call(nowNanos());
        }

        private void call(long at) {
            SimFuture<Response> reply = SimFuture.pending();
            schedule(new Event(at, "Request", target, false, null).withReply(reply));
            await(reply, "answer", null, answered -> call(nowNanos() + gapNanos));
        }

        @Override
        protected void handle(Event event) {
        }
    }

    /**
     * A breaker in front of a target that fails each call independently with probability p opens
     * on the k-th consecutive failure: the number of calls until then is the waiting time for a
     * run of k failures, with mean (1 − p^k)/((1 − p)p^k). Every closing starts the count afresh,
     * so each stretch from a closing (or the start) to the next opening is one sample; six breakers
     * per seed give ~10 500 of them (p = 0.7, k = 3: mean 6.38, standard deviation 4.3, so the
     * sample mean's is 0.7% of it: 3% is over four of them).
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13"})
    void callsUntilABreakerOpensMatchTheWaitingTimeForKConsecutiveFailures(long seed) {
        double p = 0.7;
        int k = 3;
        int breakers = 6;
        List<Long> samples = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < breakers; i++) {
            Server server = new Server("Server" + i, 1, Distribution.constant(0.001), null);
            long[] closedAt = {0};
            CircuitBreaker breaker = CircuitBreaker.builder("Breaker" + i, server)
                    .failureThreshold(k).successThreshold(1).openDurationSeconds(0.0015)
                    .onStateChange((from, to) -> {
                        if (to == State.CLOSED) {
                            closedAt[0] = server.completed();
                        } else if (from == State.CLOSED && to == State.OPEN) {
                            samples.add(server.completed() - closedAt[0]);
                        }
                    })
                    .build();
            entities.add(new SequentialCaller("Caller" + i, breaker, 1_000_000L));
            entities.add(breaker);
            entities.add(server);
            servers.add(server);
        }
        Simulation sim = Simulation.builder().seed(seed).endTime(Instant.ofSeconds(40)).entities(entities).build();
        servers.forEach(server -> server.setErrorProbability(p));

        // ~60 000 transitions: their INFO lines would cost more than the run
        Logger breakerLog = Logger.getLogger(CircuitBreaker.class.getName());
        Level level = breakerLog.getLevel();
        breakerLog.setLevel(Level.WARNING);
        try {
            sim.run();
        } finally {
            breakerLog.setLevel(level);
        }

        double expected = (1 - Math.pow(p, k)) / ((1 - p) * Math.pow(p, k));
        double mean = samples.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertTrue(samples.size() > 9_000, "enough openings: " + samples.size());
        assertTrue(samples.stream().allMatch(n -> n >= k), "never before k calls");
        assertEquals(expected, mean, 0.03 * expected, "mean calls until opening, over " + samples.size() + " openings");
    }
}
