package io.happysim.components.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.ActiveFault;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    private final Sink sink = new Sink("Sink");

    /** 10 requests a second, evenly spaced, into a fast server (1 ms each) for {@code seconds}. */
    private Simulation model(Server server, FaultSchedule faults, double seconds) {
        Source source = new Source("Source", RateProfile.constant(10), false, new RequestProvider(server));
        return Simulation.builder().durationSeconds(seconds).sources(source).entities(server, sink, faults).build();
    }

    private static Server fastServer() {
        return new Server("Server", 1, Distribution.constant(0.001), null);
    }

    @Test
    void aFaultThatEndsBeforeItStartsIsAClearError() {
        Server server = fastServer();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FaultSchedule.builder("Faults").slowdown(server, 2, 10, 5));
        assertEquals("slowdown fault of Server ends (5.0 s) before it starts (10.0 s)", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultSchedule.builder("Faults").pause(server, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> FaultSchedule.builder("Faults").crash(server, -1, 3));
    }

    @Test
    void aCrashLosesWhatArrivesWhileDownAboutRateTimesDowntime() {
        Server server = new Server("Server", 1, Distribution.constant(0.001), sink);
        FaultSchedule faults = FaultSchedule.builder("Faults").crash(server, 5.05, 10.05).build();
        Simulation sim = model(server, faults, 15);

        sim.run();

        long served = sink.eventsReceived();
        assertEquals(149 - 50, served, "10/s for 15 s (149 served before the end), less rate × downtime = 50 lost");
        assertEquals(0, sim.activeFaults().size());
        assertEquals(1L, faults.metrics().get("deactivated"), "unlike the original, activations are counted");
    }

    @Test
    void whileAFaultLastsItIsListedWithItsTargetsAndLogged() {
        Server server = fastServer();
        FaultSchedule faults = FaultSchedule.builder("Faults").slowdown(server, 3, 2, 4).build();
        Simulation sim = model(server, faults, 6);
        History history = History.attach(sim);
        List<List<ActiveFault>> seen = new ArrayList<>();
        for (double t : new double[] {1, 3, 5}) {
            sim.once(Instant.ofSeconds(t), "look", e -> seen.add(sim.activeFaults()));
        }
        try (LogCapture log = new LogCapture(Level.INFO)) {
            sim.run();
            assertTrue(log.messages().contains("[Faults] fault began: slowdown ×3.0 of Server until 4 s"), log.messages().toString());
            assertTrue(log.messages().contains("[Faults] fault ended: slowdown ×3.0 of Server until 4 s"));
        }

        assertEquals(List.of(), seen.get(0));
        assertEquals(1, seen.get(1).size());
        ActiveFault active = seen.get(1).get(0);
        assertEquals("Faults#1", active.id());
        assertEquals("slowdown", active.kind());
        assertEquals(List.of("Server"), active.targets());
        assertEquals(List.of(), seen.get(2));
        assertTrue(history.lines().stream().anyMatch(l -> l.startsWith(history.lines().stream()
                .filter(x -> x.contains("|fault_start|")).findFirst().orElseThrow().split("\\|")[0] + "|2000000000|fault_start|Faults")));
        assertTrue(history.lines().stream().anyMatch(l -> l.contains("|4000000000|fault_end|Faults|")));
    }

    @Test
    void overlappingSlowdownsMultiplyAndEndingOneKeepsTheOther() {
        Server server = fastServer();
        FaultSchedule faults = FaultSchedule.builder("Faults")
                .slowdown(server, 2, 1, 5)
                .slowdown(server, 3, 2, 3)
                .build();
        Simulation sim = model(server, faults, 6);
        List<Double> levels = new ArrayList<>();
        for (double t : new double[] {0.5, 1.5, 2.5, 3.5, 5.5}) {
            sim.once(Instant.ofSeconds(t), "look", e -> levels.add(server.slowdown()));
        }

        sim.run();

        assertEquals(List.of(1.0, 2.0, 6.0, 2.0, 1.0), levels);
    }

    @Test
    void overlappingCrashesRestartOnlyWhenTheLastEnds() {
        Server server = fastServer();
        FaultSchedule faults = FaultSchedule.builder("Faults").crash(server, 1, 4).crash(server, 2, 3).build();
        Simulation sim = model(server, faults, 6);
        List<Boolean> down = new ArrayList<>();
        for (double t : new double[] {0.5, 1.5, 3.5, 4.5}) {
            sim.once(Instant.ofSeconds(t), "look", e -> down.add(server.isDown()));
        }

        sim.run();

        assertEquals(List.of(false, true, true, false), down);
    }

    @Test
    void aPauseHoldsServiceAndTheQueueGrowsThenDrains() {
        Server server = new Server("Server", 1, Distribution.constant(0.001), sink);
        FaultSchedule faults = FaultSchedule.builder("Faults").pause(server, 2.05, 3.05).build();
        Simulation sim = model(server, faults, 6);
        int[] depth = new int[2];
        sim.once(Instant.ofSeconds(3.02), "look", e -> depth[0] = server.depth());
        sim.once(Instant.ofSeconds(3.5), "look", e -> depth[1] = server.depth());

        sim.run();

        assertEquals(10, depth[0], "a second of arrivals waited: none were lost");
        assertEquals(0, depth[1]);
        assertEquals(59, sink.eventsReceived(), "every request was served in the end");
    }

    @Test
    void errorAndCapacityFaultsSetTheirLevelForTheWindowOnly() {
        Server server = new Server("Server", 4, Distribution.constant(0.001), sink);
        FaultSchedule faults = FaultSchedule.builder("Faults").errors(server, 1.0, 1, 2).capacity(server, 0.5, 1, 2).build();
        Simulation sim = model(server, faults, 3);
        List<Object> during = new ArrayList<>();
        sim.once(Instant.ofSeconds(1.5), "look", e -> {
            during.add(server.errorProbability());
            during.add(server.hasCapacity());
        });

        sim.run();

        assertEquals(List.of(1.0, true), during);
        assertEquals(10L, server.metrics().get("errors"), "the 10 requests served in [1, 2) got error replies");
        assertEquals(0.0, server.errorProbability());
    }

    @Test
    void aTargetOutsideTheSimulationIsRefusedAtBuild() {
        Server stranger = fastServer();
        Server server = new Server("Local", 1, Distribution.constant(0.001), null);
        FaultSchedule faults = FaultSchedule.builder("Faults").crash(stranger, 1, 2).build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Simulation.builder().entities(server, faults).build());
        assertTrue(error.getMessage().contains("not part of this simulation"), error.getMessage());
    }

    @Test
    void resetUndoesEveryEffectAndSchedulesTheFaultsAgain() {
        Server server = new Server("Server", 1, Distribution.constant(0.001), sink);
        FaultSchedule faults = FaultSchedule.builder("Faults").crash(server, 1.05, 100.05).slowdown(server, 5, 1.05, 100.05).build();
        Simulation sim = model(server, faults, 200);
        sim.runUntil(Instant.ofSeconds(2));
        assertTrue(server.isDown());

        sim.reset();

        assertEquals(false, server.isDown());
        assertEquals(1.0, server.slowdown());
        assertEquals(List.of(), sim.activeFaults());
        sim.run();
        assertEquals(1999 - 990, sink.eventsReceived(), "the second run loses the same 990 arrivals as a fresh one");
    }
}
