package io.happysim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static Simulation tenEvents(Scripted target) {
        Simulation sim = Simulation.builder().entities(target).build();
        for (int i = 1; i <= 10; i++) {
            sim.schedule(new Event(Instant.ofSeconds(i), "e" + i, target));
        }
        return sim;
    }

    @Test
    void thePacerSeesEachEventTimeBeforeTheEventIsProcessed() {
        Scripted target = new Scripted("T");
        Simulation sim = tenEvents(target);
        List<String> seen = new ArrayList<>();
        sim.setPacer(t -> seen.add(t / 1_000_000_000L + "@" + target.received().size()));
        sim.run();
        assertEquals(List.of("1@0", "2@1", "3@2", "4@3", "5@4", "6@5", "7@6", "8@7", "9@8", "10@9"), seen);
    }

    @Test
    void aPauseRequestedByThePacerStopsBeforeThatEvent() {
        Scripted target = new Scripted("T");
        Simulation sim = tenEvents(target);
        sim.setPacer(t -> {
            if (t == Instant.secondsToNanos(4)) {
                sim.requestPause();
            }
        });
        assertEquals(PauseReason.PAUSE_REQUESTED, sim.run());
        assertEquals(3, sim.eventsProcessed());
        sim.setPacer(null);
        assertEquals(PauseReason.COMPLETE, sim.resume());
        assertEquals(10, sim.eventsProcessed());
    }

    @Test
    void disabledBreakpointsLetTheRunThroughAndStayRegistered() {
        Scripted target = new Scripted("T");
        Simulation sim = tenEvents(target);
        String id = sim.addBreakpoint(Breakpoint.atEventCount(5));
        sim.setBreakpointsEnabled(false);
        sim.step(7);
        assertEquals(7, sim.eventsProcessed());
        assertTrue(sim.breakpoints().containsKey(id), "a one-shot that did not fire is still there");
        sim.setBreakpointsEnabled(true);
        sim.reset();
        assertEquals(PauseReason.breakpoint(id), sim.run());
        assertEquals(5, sim.eventsProcessed());
    }
}
