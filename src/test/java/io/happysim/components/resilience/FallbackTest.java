package io.happysim.components.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.resilience.PlannedTarget.Plan;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fallback answers when the primary fails or is too slow, and its own failures are counted. */
class FallbackTest {
    private static final long MS = 1_000_000L;

    @Test
    void aPrimaryFailureSwitchesToTheFallbackEntity() {
        PlannedTarget primary = new PlannedTarget("Primary", List.of(Plan.ok(0.1), Plan.error(0.1)), Plan.rejected());
        PlannedTarget backup = new PlannedTarget("Backup", List.of(Plan.ok(0.2)), Plan.error(0.2));
        Fallback fallback = Fallback.builder("Fallback", primary).fallback(backup).build();
        Simulation sim = Simulation.builder().entities(fallback, primary, backup).build();
        Calls calls = new Calls(sim);
        calls.send(fallback, 0);   // primary answers
        calls.send(fallback, 1);   // primary errs at 1.1, backup answers at 1.3
        calls.send(fallback, 2);   // primary refuses at once, backup errs at 2.2

        sim.run();

        assertEquals("Primary", calls.reply(0).value().responder());
        assertEquals("Backup", calls.reply(1).value().responder());
        assertEquals(1_300 * MS, calls.at(1));
        assertEquals(Failure.Kind.ERROR, calls.failureKind(2), "the fallback's failure is what the caller hears");
        assertEquals("Backup", calls.reply(2).failure().where());
        assertEquals(2_200 * MS, calls.at(2));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) backup.requests.get(0).context().get("metadata")).get("_fb_is_fallback"));
        assertEquals(List.of(fallback.metrics().get("primary_successes"), fallback.metrics().get("primary_failures"),
                fallback.metrics().get("fallback_invocations"), fallback.metrics().get("fallback_successes"),
                fallback.metrics().get("fallback_failures")), List.of(1L, 2L, 2L, 1L, 1L));
        assertEquals(List.of(primary, backup), fallback.downstream());
    }

    @Test
    void aPrimaryTimeoutSwitchesToTheFallbackFunctionAtTheDeadline() {
        PlannedTarget primary = new PlannedTarget("Primary", Plan.ok(2.0));
        Fallback fallback = Fallback.builder("Fallback", primary)
                .fallbackAnswer(request -> new Response("cache", "stale value"))
                .primaryTimeoutSeconds(0.5).build();
        Simulation sim = Simulation.builder().entities(fallback, primary).build();
        Calls calls = new Calls(sim);
        calls.send(fallback, 0);

        sim.run();

        assertEquals(new Response("cache", "stale value"), calls.reply(0).value());
        assertEquals(500 * MS, calls.at(0));
        assertEquals(1L, fallback.metrics().get("primary_timeouts"));
        assertEquals(1L, fallback.metrics().get("fallback_successes"));
        assertEquals(1L, fallback.metrics().get("late_primary_answers"), "the primary answered at 2 s, after the switch");
    }

    @Test
    void aFunctionWithNoAnswerIsAFallbackFailure() {
        PlannedTarget primary = new PlannedTarget("Primary", Plan.error(0.1));
        Fallback fallback = Fallback.builder("Fallback", primary).fallbackAnswer(request -> null).build();
        Simulation sim = Simulation.builder().entities(fallback, primary).build();
        Calls calls = new Calls(sim);
        calls.send(fallback, 0);

        sim.run();

        assertEquals(Failure.Kind.ERROR, calls.failureKind(0));
        assertEquals("no fallback answer", calls.reply(0).failure().reason());
        assertEquals(1L, fallback.metrics().get("fallback_failures"));
    }

    @Test
    void onlyTheFailuresThePredicatePicksSwitchTheOthersArePassedOn() {
        PlannedTarget primary = new PlannedTarget("Primary", List.of(Plan.error(0.1)), Plan.rejected());
        Fallback fallback = Fallback.builder("Fallback", primary)
                .fallbackAnswer(request -> new Response("default", null))
                .switchWhen(r -> r.isFailed() && r.failure().kind() == Failure.Kind.ERROR).build();
        Simulation sim = Simulation.builder().entities(fallback, primary).build();
        Calls calls = new Calls(sim);
        calls.send(fallback, 0);
        calls.send(fallback, 1);

        sim.run();

        assertEquals("default", calls.reply(0).value().responder());
        assertEquals(Failure.Kind.REJECTED, calls.failureKind(1), "a refusal is not what this fallback covers");
        assertEquals(1L, fallback.metrics().get("fallback_invocations"));
        assertEquals(2L, fallback.metrics().get("primary_failures"));
    }

    @Test
    void aSilentPrimaryLossSwitchesAtOnceWithoutATimeout() {
        PlannedTarget primary = new PlannedTarget("Primary", Plan.lost(0.1));
        Fallback fallback = Fallback.builder("Fallback", primary).fallbackAnswer(request -> new Response("default", null)).build();
        Simulation sim = Simulation.builder().entities(fallback, primary).build();
        Calls calls = new Calls(sim);
        calls.send(fallback, 0);

        sim.run();

        assertTrue(calls.reply(0).isSucceeded());
        assertEquals(100 * MS, calls.at(0));
    }
}
