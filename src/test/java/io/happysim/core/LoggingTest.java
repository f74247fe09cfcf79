package io.happysim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.testing.LogCapture;
import io.happysim.testing.Scripted;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private static Simulation tickingSimulation() {
        Scripted ticker = new Scripted("Ticker", (self, e) -> self.send(new Event(e.timeNanos() + 500_000_000L, "tick", self, false, null)));
        Simulation sim = Simulation.builder().durationSeconds(3).entities(ticker).build();
        sim.schedule(new Event(Instant.EPOCH, "tick", ticker));
        return sim;
    }

    @Test
    void theLifecycleIsLoggedAtInfoUnderTheSimulationsClassName() {
        Simulation sim = tickingSimulation();
        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.prime();
            sim.step(2);
            String id = sim.addBreakpoint(new Breakpoint.AtTime(Instant.ofSeconds(2), true));
            sim.resume();
            sim.runUntil(Instant.ofSeconds(2.2));
            sim.run();
            sim.reset();

            assertEquals(List.of(
                    "Simulation starting at T00:00:00.000000 with 1 event(s) in heap, seed 42",
                    "Simulation paused (requested) at T00:00:00.000000 after 0 events",
                    "Stepping 2 event(s)",
                    "Simulation resuming at T00:00:00.000000 with 1 event(s) in heap",
                    "Simulation paused (step done) at T00:00:00.500000 after 2 events",
                    "Added breakpoint " + id + ": TimeBreakpoint(time=T00:00:02.000000, one_shot=true)",
                    "Resuming simulation",
                    "Simulation resuming at T00:00:00.500000 with 1 event(s) in heap",
                    "Breakpoint " + id + " triggered: TimeBreakpoint(time=T00:00:02.000000, one_shot=true)",
                    "Simulation paused (breakpoint " + id + ") at T00:00:02.000000 after 5 events",
                    "Simulation resuming at T00:00:02.000000 with 1 event(s) in heap",
                    "Simulation paused (run-to reached) at T00:00:02.500000 after 6 events",
                    "Resuming simulation",
                    "Simulation resuming at T00:00:02.500000 with 1 event(s) in heap",
                    "Simulation complete: processed 7 events, final time T00:00:03.000000, 1 event(s) remaining in heap",
                    "Resetting simulation",
                    "Reset complete, heap size: 1"), log.messages());
            assertTrue(log.records().stream().allMatch(r -> r.getLoggerName().equals(Simulation.class.getName())));
        }
    }

    @Test
    void perEventChatterIsFineAndSilentAtInfo() {
        try (LogCapture log = new LogCapture(Level.INFO)) {
            tickingSimulation().run();
            assertTrue(log.records().stream().noneMatch(r -> r.getLevel().intValue() < Level.INFO.intValue()));
        }
        try (LogCapture log = new LogCapture(Level.FINE)) {
            tickingSimulation().run();
            assertTrue(log.messages().contains("Processing event #1: Event(T00:00:00.000000, 'tick', target=Ticker)"));
            assertEquals(7, log.messages().stream().filter(m -> m.startsWith("Processing event #")).count());
        }
    }
}
