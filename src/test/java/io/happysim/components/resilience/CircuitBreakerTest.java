package io.happysim.components.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.resilience.CircuitBreaker.State;
import io.happysim.components.resilience.PlannedTarget.Plan;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import io.happysim.testing.History;
import io.happysim.testing.LogCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The breaker's state machine: when it opens, turns half-open, reopens and closes, and what callers hear meanwhile. */
class CircuitBreakerTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static Simulation simulation(CircuitBreaker breaker, PlannedTarget target) {
        return Simulation.builder().entities(breaker, target).build();
    }

    private static List<String> stateChanges(List<String> into, State from, State to) {
        into.add(from.wireName() + "->" + to.wireName());
        return into;
    }

    @Test
    void opensOnTheKthConsecutiveFailureAndThenRejectsAtOnce() {
        // error, error, ok (resets the count), then errors: the 3rd consecutive failure is request 6
        PlannedTarget target = new PlannedTarget("Target",
                List.of(Plan.error(0.1), Plan.error(0.1), Plan.ok(0.1)), Plan.error(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target).failureThreshold(3).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        for (int i = 0; i < 8; i++) {
            calls.send(breaker, i);
        }
        List<State> at75 = new ArrayList<>();
        sim.once(Instant.ofSeconds(7.5), "look", e -> at75.add(breaker.state()));

        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.run();
            assertTrue(log.messages().contains("[Breaker] circuit opened after 3 consecutive failures"), log.messages().toString());
        }

        assertEquals(6, target.received(), "requests 7 and 8 never reach the target");
        assertEquals(Failure.Kind.ERROR, calls.failureKind(5), "the caller hears the target's error as it is");
        assertEquals(Instant.ofSeconds(5.1).nanos(), breaker.openedAt().nanos());
        for (int i = 6; i < 8; i++) {
            assertEquals(Failure.Kind.REJECTED, calls.failureKind(i));
            assertEquals("circuit open", calls.reply(i).failure().reason());
            assertEquals("Breaker", calls.reply(i).failure().where());
            assertEquals(i * SECOND, calls.at(i), "rejected at arrival");
        }
        assertEquals(List.of(State.OPEN), at75);
        assertEquals(2L, breaker.metric("rejected_requests"));
        assertEquals(1L, breaker.metrics().get("successful_requests"));
        assertEquals(5L, breaker.metrics().get("failed_requests"));
        assertEquals(1L, breaker.metrics().get("times_opened"));
    }

    @Test
    void turnsHalfOpenInATimerEventAtExactlyOpenedAtPlusTheOpenDuration() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.25)), Plan.ok(0.01));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .failureThreshold(1).openDurationSeconds(2).build();
        Simulation sim = simulation(breaker, target);
        History history = History.attach(sim);
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);
        long halfOpenAt = 250 * MS + 2 * SECOND;
        List<State> seen = new ArrayList<>();
        sim.once(Instant.ofNanos(halfOpenAt - 1), "look", e -> seen.add(breaker.state()));
        calls.sendAt(breaker, halfOpenAt - 1);
        calls.sendAt(breaker, halfOpenAt + 1);

        sim.run();

        List<String> timerLines = history.lines().stream().filter(l -> l.contains("|" + CircuitBreaker.HALF_OPEN_TIMER + "|")).toList();
        assertEquals(1, timerLines.size(), history.lines().toString());
        assertTrue(timerLines.get(0).endsWith("|" + halfOpenAt + "|_cb_half_open|Breaker|Breaker"), timerLines.get(0));
        assertEquals(List.of(State.OPEN), seen, "still open a nanosecond before");
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(1));
        assertTrue(calls.reply(2).isSucceeded(), "a nanosecond after, the request goes through as a probe");
        assertEquals(2, target.received());
    }

    @Test
    void aFailedProbeReopensAndRestartsTheOpenPeriod() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.1), Plan.error(0.5)), Plan.ok(0.1));
        List<String> changes = new ArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .failureThreshold(1).openDurationSeconds(1).onStateChange((a, b) -> stateChanges(changes, a, b)).build();
        Simulation sim = simulation(breaker, target);
        History history = History.attach(sim);
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);      // fails at 0.1: open until 1.1
        calls.send(breaker, 1.2);    // the probe: fails at 1.7, open again until 2.7
        calls.send(breaker, 2.0);    // rejected: open again
        calls.send(breaker, 2.8);    // probe: succeeds at 2.9

        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.run();
            assertTrue(log.messages().contains("[Breaker] circuit opened again: a half-open probe failed"), log.messages().toString());
            assertTrue(log.messages().contains("[Breaker] circuit half-open"));
        }

        List<Long> halfOpenTimes = history.events().stream()
                .filter(e -> e.type().equals(CircuitBreaker.HALF_OPEN_TIMER)).map(e -> e.timeNanos()).toList();
        assertEquals(List.of(1_100 * MS, 2_700 * MS), halfOpenTimes);
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(2));
        assertEquals(List.of("closed->open", "open->half_open", "half_open->open", "open->half_open"), changes.subList(0, 4));
        assertEquals(2L, breaker.metrics().get("times_opened"));
    }

    @Test
    void successThresholdProbesCloseItAndOnlyMaxProbesAreLetThrough() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.1)), Plan.ok(0.5));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .failureThreshold(1).successThreshold(2).halfOpenMaxProbes(1).openDurationSeconds(1).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);     // opens at 0.1, half-open at 1.1
        calls.send(breaker, 1.2);   // probe 1: ok at 1.7
        calls.send(breaker, 1.3);   // refused: the one probe slot is taken
        calls.send(breaker, 1.8);   // probe 2: ok at 2.3 -> closed
        calls.send(breaker, 2.4);   // closed: goes through
        calls.send(breaker, 2.4);   // and so does a concurrent one
        List<State> at2 = new ArrayList<>();
        sim.once(Instant.ofSeconds(2.0), "look", e -> at2.add(breaker.state()));

        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.run();
            assertTrue(log.messages().contains("[Breaker] circuit closed after 2 successful probes"), log.messages().toString());
        }

        assertEquals(List.of(State.HALF_OPEN), at2, "one successful probe is not enough");
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(2));
        assertEquals("circuit half-open, probes busy", calls.reply(2).failure().reason());
        assertEquals(1_300 * MS, calls.at(2));
        assertTrue(calls.reply(4).isSucceeded() && calls.reply(5).isSucceeded());
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(1L, breaker.metrics().get("times_closed"));
        assertEquals(3L, breaker.metrics().get("state_changes"), "opened, half-open, closed");
    }

    @Test
    void theSlidingWindowOpensAtTheFailureRateWhereConsecutiveCountingNeverWould() {
        // ok, error, ok, error, ...: never two failures in a row, 50% of every ten calls
        List<Plan> alternating = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            alternating.add(i % 2 == 0 ? Plan.ok(0.01) : Plan.error(0.01));
        }
        PlannedTarget target = new PlannedTarget("Target", alternating, Plan.ok(0.01));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .slidingWindow(10, 50.0, 10).openDurationSeconds(100).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        for (int i = 0; i < 12; i++) {
            calls.send(breaker, i * 0.1);
        }
        List<State> after9 = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.85), "look", e -> after9.add(breaker.state()));

        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.run();
            assertTrue(log.messages().contains("[Breaker] circuit opened: 50.0% of the last 10 calls failed"), log.messages().toString());
        }

        assertEquals(List.of(State.CLOSED), after9, "nine calls are fewer than the minimum");
        assertEquals(10, target.received(), "opened by the 10th call's failure");
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(10));
        assertEquals(50.0, breaker.metrics().get("failure_rate"));
        assertEquals(5, breaker.metrics().get("failure_count"));
    }

    @Test
    void theWindowSlidesSoOldFailuresAgeOutBelowTheThreshold() {
        // a burst of four failures, then successes: 4/10 < 50%, and the burst slides out of the window
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            plans.add(Plan.ok(0.01));
        }
        for (int i = 0; i < 4; i++) {
            plans.add(Plan.error(0.01));
        }
        PlannedTarget target = new PlannedTarget("Target", plans, Plan.ok(0.01));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target).slidingWindow(10, 50.0, 5).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        for (int i = 0; i < 20; i++) {
            calls.send(breaker, i * 0.1);
        }

        sim.run();

        assertEquals(State.CLOSED, breaker.state());
        assertEquals(20, target.received());
        assertEquals(0, breaker.metrics().get("failure_count"), "the burst has left the window of the last 10");
    }

    @Test
    void aStaleFailureOfACallSentWhileClosedDoesNotReopenAHalfOpenBreaker() {
        // a slow call sent while closed fails after the breaker has opened and turned half-open
        PlannedTarget target = new PlannedTarget("Target",
                List.of(Plan.error(2.0), Plan.error(0.1), Plan.error(0.1), Plan.ok(1.0)), Plan.ok(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .failureThreshold(2).successThreshold(1).openDurationSeconds(1).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);     // slow: fails at 2.0
        calls.send(breaker, 0);     // fails at 0.1
        calls.send(breaker, 0);     // fails at 0.1: opened, half-open at 1.1
        calls.send(breaker, 1.5);   // probe: ok at 2.5
        List<State> at22 = new ArrayList<>();
        sim.once(Instant.ofSeconds(2.2), "look", e -> at22.add(breaker.state()));

        sim.run();

        assertEquals(Failure.Kind.ERROR, calls.failureKind(0), "the caller still hears the slow call's error");
        assertEquals(List.of(State.HALF_OPEN), at22, "the stale failure at 2.0 did not reopen it");
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(1L, breaker.metrics().get("times_opened"));
        assertEquals(3L, breaker.metrics().get("failed_requests"), "counted in the statistics all the same");
    }

    @Test
    void aProbeThatNeverAnswersFreesItsSlotAtTheCallTimeout() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.1), Plan.never()), Plan.ok(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .failureThreshold(1).successThreshold(1).openDurationSeconds(1).callTimeoutSeconds(0.5).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);     // opens at 0.1, half-open at 1.1
        calls.send(breaker, 1.2);   // probe that never answers: times out at 1.7, reopens until 2.7
        calls.send(breaker, 1.5);   // slot taken
        calls.send(breaker, 2.8);   // probe: ok -> closed

        sim.run();

        assertEquals(Failure.Kind.TIMEOUT, calls.failureKind(1));
        assertEquals(1_700 * MS, calls.at(1));
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(2));
        assertTrue(calls.reply(3).isSucceeded());
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(2L, breaker.metrics().get("times_opened"));
    }

    @Test
    void aSilentLossCountsAtOnceWithoutACallTimeoutAndAtTheDeadlineWithOne() {
        PlannedTarget bare = new PlannedTarget("Bare", Plan.lost(0.1));
        CircuitBreaker noTimeout = CircuitBreaker.builder("NoTimeout", bare).failureThreshold(1).build();
        PlannedTarget timed = new PlannedTarget("Timed", Plan.lost(0.1));
        CircuitBreaker withTimeout = CircuitBreaker.builder("WithTimeout", timed).failureThreshold(1).callTimeoutSeconds(1).build();
        Simulation sim = Simulation.builder().entities(noTimeout, bare, withTimeout, timed).build();
        Calls calls = new Calls(sim);
        calls.send(noTimeout, 0);
        calls.send(withTimeout, 0);
        List<State> at05 = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.5), "look", e -> {
            at05.add(noTimeout.state());
            at05.add(withTimeout.state());
        });

        sim.run();

        assertEquals(List.of(State.OPEN, State.CLOSED), at05, "the breaker with a deadline cannot tell silence from slowness yet");
        assertEquals(Failure.Kind.LOST, calls.failureKind(0), "passed on at once: to the caller it is silence");
        assertEquals(100 * MS, calls.at(0));
        assertEquals(Failure.Kind.TIMEOUT, calls.failureKind(1));
        assertEquals(SECOND, calls.at(1));
        assertEquals(Instant.ofSeconds(1).nanos(), withTimeout.openedAt().nanos());
    }

    @Test
    void aFailurePredicateDecidesWhatCounts() {
        // rejections further down (a full queue) are not the dependency failing: ignore them
        PlannedTarget target = new PlannedTarget("Target", Plan.rejected());
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target).failureThreshold(2)
                .failureWhen(r -> r.isFailed() && r.failure().kind() != Failure.Kind.REJECTED).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        for (int i = 0; i < 5; i++) {
            calls.send(breaker, i);
        }

        sim.run();

        assertEquals(State.CLOSED, breaker.state());
        assertEquals(5L, breaker.metrics().get("successful_requests"));
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(4), "the caller still hears the rejection");
    }

    @Test
    void manualControlsForceTheStateAndResetStateKeepsTheStatistics() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target).openDurationSeconds(10).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        sim.once(Instant.ofSeconds(1), "force-open", e -> breaker.forceOpen());
        calls.send(breaker, 2);
        sim.once(Instant.ofSeconds(3), "force-close", e -> breaker.forceClose());
        calls.send(breaker, 4);
        sim.once(Instant.ofSeconds(5), "force-open", e -> breaker.forceOpen());
        sim.once(Instant.ofSeconds(6), "reset", e -> breaker.resetState());
        calls.send(breaker, 7);

        sim.run();

        assertEquals(Failure.Kind.REJECTED, calls.failureKind(0));
        assertTrue(calls.reply(1).isSucceeded());
        assertTrue(calls.reply(2).isSucceeded());
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(3L, breaker.metrics().get("state_changes"), "reset is not counted as a transition, as the reference");
        assertEquals(3L, breaker.metrics().get("total_requests"));
        assertEquals(7 * SECOND + 100 * MS, sim.nowNanos(), "the cancelled half-open timer (due at 15 s) did not keep the run alive");
    }

    @Test
    void metricsComeInTheAgreedOrderWithANumericStateLevel() {
        PlannedTarget target = new PlannedTarget("Target", Plan.error(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target).failureThreshold(1).build();
        Simulation sim = simulation(breaker, target);
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);
        calls.send(breaker, 0.5);
        calls.send(breaker, 0.5);
        List<Object> seen = new ArrayList<>();
        sim.once(Instant.ofSeconds(0.6), "look", e -> {
            seen.add(List.copyOf(breaker.metrics().keySet()));
            seen.add(breaker.metric("state"));
            seen.add(breaker.metric("state_level"));
            seen.add(breaker.metric("rejected_per_s"));
        });

        sim.run();

        assertEquals(List.of("state", "state_level", "rejected_per_s", "failure_count", "success_count", "total_requests",
                "successful_requests", "failed_requests", "rejected_requests", "state_changes", "times_opened", "times_closed"),
                seen.get(0));
        assertEquals("open", seen.get(1));
        assertEquals(2, seen.get(2));
        assertEquals(2.0, (double) seen.get(3), 1e-9, "two rejections in the last second");
        assertEquals(1, breaker.metric("state_level"), "half-open once the open duration has passed");
    }

    @Test
    void aProbeChartsTheStateLevelOpenHalfOpenClosed() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.1)), Plan.ok(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target)
                .failureThreshold(1).successThreshold(1).openDurationSeconds(1).build();
        Probe probe = Probe.on(breaker, "state_level", 0.5);
        Simulation sim = Simulation.builder().endTime(Instant.ofSeconds(3)).entities(breaker, target).probes(probe).build();
        Calls calls = new Calls(sim);
        calls.send(breaker, 0);      // opens at 0.1, half-open at 1.1
        calls.send(breaker, 1.6);    // the probe answers at 1.7: closed

        sim.run();

        assertEquals(List.of(2.0, 2.0, 1.0, 0.0, 0.0, 0.0), Arrays.stream(probe.data().values()).boxed().toList(),
                "sampled at 0.5, 1, 1.5, 2, 2.5, 3 s");
    }

    @Test
    void metricsCanBeReadBeforeTheBreakerJoinsASimulation() {
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", new PlannedTarget("Target", Plan.never())).build();

        assertEquals("closed", breaker.metrics().get("state"));
        assertEquals(0.0, breaker.metric("rejected_per_s"));
    }

    @Test
    void aResetRunEqualsAFreshOne() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.1), Plan.error(0.1)), Plan.ok(0.1));
        CircuitBreaker breaker = CircuitBreaker.builder("Breaker", target).failureThreshold(2).openDurationSeconds(1).build();
        Simulation sim = simulation(breaker, target);
        History history = History.attach(sim);
        for (int i = 0; i < 6; i++) {
            sim.schedule(new Event(Instant.ofSeconds(i * 0.4).nanos(), "Request", breaker, false, null));
        }
        sim.run();
        String first = history.text();
        Object firstMetrics = breaker.metrics();

        history.clear();
        sim.reset();
        sim.run();

        assertEquals(first, history.text());
        assertEquals(firstMetrics, breaker.metrics());
        assertEquals(1L, breaker.metrics().get("times_opened"), "fire-and-forget requests are judged all the same");
    }
}
