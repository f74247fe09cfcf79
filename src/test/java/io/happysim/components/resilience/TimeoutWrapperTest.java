package io.happysim.components.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.resilience.PlannedTarget.Plan;
import io.happysim.core.Failure;
import io.happysim.core.Simulation;
import io.happysim.testing.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeout wrapper: the first of the target's answer and the deadline answers the caller; late answers are counted. */
class TimeoutWrapperTest {
    private static final long MS = 1_000_000L;

    private static Simulation simulation(TimeoutWrapper wrapper, PlannedTarget target) {
        return Simulation.builder().entities(wrapper, target).build();
    }

    @Test
    void anAnswerBeforeTheDeadlineIsPassedOnAndTheTimerNeverFires() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(0.3));
        TimeoutWrapper wrapper = new TimeoutWrapper("Timeout", target, 0.5);
        Simulation sim = simulation(wrapper, target);
        History history = History.attach(sim);
        Calls calls = new Calls(sim);
        calls.send(wrapper, 0);

        sim.run();

        assertTrue(calls.reply(0).isSucceeded());
        assertEquals("Target", calls.reply(0).value().responder(), "the caller sees who really answered");
        assertEquals(300 * MS, calls.at(0));
        assertTrue(history.lines().stream().noneMatch(l -> l.contains("|" + TimeoutWrapper.TIMEOUT + "|")));
        assertEquals(1L, wrapper.metrics().get("successful_requests"));
        assertEquals(300 * MS, sim.nowNanos(), "the cancelled timer does not keep the run alive");
    }

    @Test
    void anAnswerAtTheSameInstantAsTheDeadlineIsLateAndCounted() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(0.5));
        TimeoutWrapper wrapper = new TimeoutWrapper("Timeout", target, 0.5);
        Simulation sim = simulation(wrapper, target);
        Calls calls = new Calls(sim);
        calls.send(wrapper, 0);

        sim.run();

        assertEquals(Failure.Kind.TIMEOUT, calls.failureKind(0), "the timer was scheduled before the answer: it fires first");
        assertEquals("Timeout", calls.reply(0).failure().where());
        assertEquals(500 * MS, calls.at(0));
        assertEquals(1, target.answered, "the target's work was not cancelled");
        assertEquals(1L, wrapper.metrics().get("timed_out_requests"));
        assertEquals(1L, wrapper.metrics().get("late_completions"));
        assertEquals(0, wrapper.metrics().get("in_flight"));
    }

    @Test
    void aSlowAnswerTimesOutAtTheDeadlineAndCountsWhenItComes() {
        PlannedTarget target = new PlannedTarget("Target", Plan.ok(2.0));
        TimeoutWrapper wrapper = new TimeoutWrapper("Timeout", target, 0.5);
        Simulation sim = simulation(wrapper, target);
        Calls calls = new Calls(sim);
        calls.send(wrapper, 0);
        calls.send(wrapper, 1.0);
        List<Object> atOne = new java.util.ArrayList<>();
        sim.once(io.happysim.core.Instant.ofSeconds(1.2), "look", e -> {
            atOne.add(wrapper.metric("late_completions"));
            atOne.add(wrapper.metric("in_flight"));
            atOne.add(wrapper.metric("timeouts_per_s"));
        });

        sim.run();

        assertEquals(List.of(500 * MS, 1_500 * MS), calls.answeredAt);
        assertEquals(List.of(0L, 1, 1.0), atOne, "none late yet, one in flight, one timeout in the last second");
        assertEquals(2L, wrapper.metrics().get("late_completions"));
    }

    @Test
    void anErrorIsPassedOnAtOnceAndASilentLossAtTheDeadline() {
        PlannedTarget target = new PlannedTarget("Target", List.of(Plan.error(0.1), Plan.lost(0.1)), Plan.ok(0.1));
        TimeoutWrapper wrapper = new TimeoutWrapper("Timeout", target, 0.5);
        Simulation sim = simulation(wrapper, target);
        Calls calls = new Calls(sim);
        calls.send(wrapper, 0);
        calls.send(wrapper, 1);

        sim.run();

        assertEquals(Failure.Kind.ERROR, calls.failureKind(0));
        assertEquals(100 * MS, calls.at(0));
        assertEquals(Failure.Kind.TIMEOUT, calls.failureKind(1), "silence is known only when the deadline passes");
        assertEquals(1_500 * MS, calls.at(1));
        assertEquals(1L, wrapper.metrics().get("failed_requests"));
        assertEquals(1L, wrapper.metrics().get("timed_out_requests"));
        assertEquals(0L, wrapper.metrics().get("late_completions"));
    }
}
