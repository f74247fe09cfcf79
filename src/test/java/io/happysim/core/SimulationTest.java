package io.happysim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.testing.History;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static Instant at(double seconds) {
        return Instant.ofSeconds(seconds);
    }

    /** An entity that re-schedules itself every {@code periodSeconds}, for ever. */
    private static Scripted ticker(String name, double periodSeconds, boolean daemon) {
        return new Scripted(name, (self, e) -> self.send(new Event(e.timeNanos() + Instant.secondsToNanos(periodSeconds),
                "tick", self, daemon, null)));
    }

    @Test
    void eventsAtEqualTimesAreProcessedInTheOrderTheyWereScheduled() {
        Scripted target = new Scripted("T");
        Simulation sim = Simulation.builder().entities(target).build();
        List<Event> scheduled = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            scheduled.add(new Event(at(1.0), "e" + i, target));
        }
        scheduled.add(0, new Event(at(2.0), "late", target));
        scheduled.add(new Event(at(0.5), "early", target));
        sim.schedule(scheduled.toArray(new Event[0]));

        sim.run();

        List<String> order = target.received().stream().map(Event::type).toList();
        List<String> expected = new ArrayList<>(List.of("early"));
        for (int i = 0; i < 50; i++) {
            expected.add("e" + i);
        }
        expected.add("late");
        assertEquals(expected, order);
    }

    @Test
    void noEventLaterThanTheEndTimeIsProcessed() {
        Scripted target = new Scripted("T");
        Simulation sim = Simulation.builder().durationSeconds(10).entities(target).build();
        sim.schedule(new Event(at(10.0), "at-end", target), new Event(Instant.ofNanos(10_000_000_001L), "after-end", target));
        History history = History.attach(sim);

        assertEquals(PauseReason.COMPLETE, sim.run());

        assertEquals(List.of("at-end"), target.received().stream().map(Event::type).toList());
        assertTrue(history.events().stream().allMatch(e -> e.timeNanos() <= sim.endTime().nanos()));
        assertEquals(at(10.0), sim.now());
        assertEquals(1, sim.heapSize(), "the later event stays pending");
        assertTrue(sim.isComplete());
        assertFalse(sim.isRunning());
    }

    @Test
    void aSelfSustainingModelStopsAtTheEndTime() {
        Scripted ticker = ticker("Ticker", 0.3, false);
        Simulation sim = Simulation.builder().durationSeconds(3).entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        History history = History.attach(sim);

        sim.run();

        assertEquals(11, history.events().size(), "ticks at 0, 0.3, … 3.0");
        assertTrue(history.events().get(10).timeNanos() <= 3_000_000_000L);
    }

    @Test
    void anEndlessRunStopsWhenOnlyDaemonEventsRemain() {
        Scripted heartbeat = ticker("Heartbeat", 1.0, true);
        Scripted work = new Scripted("Work");
        Simulation sim = Simulation.builder().entities(heartbeat, work).build();
        sim.schedule(Event.daemon(at(0.5), "tick", heartbeat), new Event(at(5.0), "job", work));

        assertEquals(PauseReason.COMPLETE, sim.run());

        assertEquals(1, work.received().size());
        assertEquals(at(5.0), sim.now(), "stops right after the last non-daemon event");
        assertTrue(sim.isComplete());
        assertEquals(Instant.INFINITY, sim.endTime());
    }

    @Test
    void aCancelledEventNeitherRunsNorKeepsAnEndlessRunAlive() {
        Scripted heartbeat = ticker("Heartbeat", 1.0, true);
        Scripted work = new Scripted("Work");
        Simulation sim = Simulation.builder().entities(heartbeat, work).build();
        Event job = new Event(at(100.0), "job", work);
        sim.schedule(Event.daemon(at(0.5), "tick", heartbeat), job);
        job.cancel();

        sim.run();

        assertTrue(work.received().isEmpty());
        assertEquals(0, sim.eventsProcessed(), "no primary events: nothing runs");
    }

    @Test
    void primingLeavesTheRunStartedAndPausedAtTheStartWithNothingProcessed() {
        Scripted target = new Scripted("T");
        Simulation sim = Simulation.builder().startTime(at(2.0)).durationSeconds(5).entities(target).build();
        sim.schedule(new Event(at(3.0), "x", target));
        assertFalse(sim.isRunning());
        assertFalse(sim.isPaused());

        sim.prime();

        assertTrue(sim.isRunning());
        assertTrue(sim.isPaused());
        assertFalse(sim.isComplete());
        assertEquals(0, sim.eventsProcessed());
        assertEquals(at(2.0), sim.now());
        assertEquals(at(7.0), sim.endTime());
    }

    @Test
    void stepProcessesExactlyTheRequestedNumberOfEvents() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));

        assertEquals(PauseReason.STEP_DONE, sim.step(1));
        assertEquals(1, sim.eventsProcessed());
        assertEquals(PauseReason.STEP_DONE, sim.step(10));
        assertEquals(11, sim.eventsProcessed());
        assertEquals(at(10.0), sim.now());
        assertTrue(sim.isPaused());
        assertTrue(sim.isRunning());
        assertThrows(IllegalArgumentException.class, () -> sim.step(0));
    }

    @Test
    void stepStopsEarlyWhenTheRunCompletes() {
        Scripted target = new Scripted("T");
        Simulation sim = Simulation.builder().entities(target).build();
        sim.schedule(new Event(at(1.0), "a", target), new Event(at(2.0), "b", target));

        assertEquals(PauseReason.COMPLETE, sim.step(5));
        assertEquals(2, sim.eventsProcessed());
        assertEquals(PauseReason.COMPLETE, sim.step(1), "nothing more to do");
        assertEquals(2, sim.eventsProcessed());
    }

    @Test
    void runUntilStopsAfterTheFirstEventAtOrAfterTheTarget() {
        Scripted ticker = ticker("Ticker", 0.4, false);
        Simulation sim = Simulation.builder().durationSeconds(100).entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));

        assertEquals(PauseReason.RUN_TO_REACHED, sim.runUntil(at(1.0)));
        assertEquals(Instant.ofNanos(1_200_000_000L), sim.now(), "0, 0.4, 0.8, then 1.2 is the first at or after 1.0");
        assertTrue(sim.breakpoints().isEmpty(), "run-to leaves nothing registered");

        long before = sim.eventsProcessed();
        assertEquals(PauseReason.RUN_TO_REACHED, sim.runUntil(at(0.5)), "a target in the past still processes one event");
        assertEquals(before + 1, sim.eventsProcessed());
    }

    @Test
    void runUntilBeyondTheEndCompletesWithoutPassingTheEndOrLeavingABreakpoint() {
        Scripted ticker = ticker("Ticker", 0.4, false);
        Simulation sim = Simulation.builder().durationSeconds(2).entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));

        assertEquals(PauseReason.COMPLETE, sim.runUntil(at(50)));
        assertTrue(sim.now().nanos() <= 2_000_000_000L);
        assertTrue(sim.breakpoints().isEmpty());
        assertTrue(sim.isComplete());
    }

    @Test
    void runUntilEventStopsAtThatEventCount() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));

        assertEquals(PauseReason.RUN_TO_REACHED, sim.runUntilEvent(25));
        assertEquals(25, sim.eventsProcessed());
    }

    @Test
    void timeBreakpointsAreOneShotAndReportTheirId() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().durationSeconds(20).entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        String id = sim.addBreakpoint(new Breakpoint.AtTime(at(4.5), true));
        assertEquals("bp-1", id);

        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(at(5.0), sim.now());
        assertFalse(sim.breakpoints().containsKey(id), "one-shot: removed when it fired");
        assertEquals(PauseReason.COMPLETE, sim.resume());
    }

    @Test
    void persistentBreakpointsFireEveryTimeUntilRemoved() {
        Scripted ticker = new Scripted("Ticker", (self, e) -> self.send(new Event(e.timeNanos() + 1_000_000_000L,
                e.type().equals("even") ? "odd" : "even", self, false, null)));
        Simulation sim = Simulation.builder().durationSeconds(20).entities(ticker).build();
        sim.schedule(new Event(at(0.0), "even", ticker));
        String id = sim.addBreakpoint(new Breakpoint.OnEventType("odd", false));

        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(at(1.0), sim.now());
        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(at(3.0), sim.now());
        assertTrue(sim.removeBreakpoint(id));
        assertFalse(sim.removeBreakpoint(id));
        assertEquals(PauseReason.COMPLETE, sim.resume());
    }

    @Test
    void eventCountBreakpointPausesOnceThatManyEventsAreProcessed() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        String id = sim.addBreakpoint(new Breakpoint.AtEventCount(7, true));

        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(7, sim.eventsProcessed());
    }

    @Test
    void metricBreakpointsCompareAnEntityMetricAndIgnoreMissingOrNonNumericValues() {
        int[] count = {0};
        Scripted counter = new Scripted("Counter", (self, e) -> {
            count[0]++;
            self.metric("count", count[0]);
            self.metric("label", "text");
            self.send(new Event(e.timeNanos() + 1_000_000L, "tick", self, false, null));
        });
        Simulation sim = Simulation.builder().entities(counter).build();
        sim.schedule(new Event(at(0.0), "tick", counter));
        sim.addBreakpoint(new Breakpoint.OnMetric("Nobody", "count", Breakpoint.Comparison.GT, 0, false));
        sim.addBreakpoint(new Breakpoint.OnMetric("Counter", "label", Breakpoint.Comparison.NE, 0, false));
        sim.addBreakpoint(new Breakpoint.OnMetric("Counter", "missing", Breakpoint.Comparison.NE, 0, false));
        String ge = sim.addBreakpoint(new Breakpoint.OnMetric("Counter", "count", Breakpoint.Comparison.GE, 42, true));

        assertEquals(PauseReason.breakpoint(ge), sim.resume());
        assertEquals(42, count[0]);
        assertEquals(List.of("bp-1", "bp-2", "bp-3"), List.copyOf(sim.breakpoints().keySet()));
    }

    @Test
    void aMetricBreakpointFiresWhenItsConditionBecomesTrueAndContinuingRunsToTheNextCrossing() {
        // a level that goes 0,1,2,3,4,5,0,1,2,… one step per event: "> 2" becomes true at 3 in every cycle
        int[] level = {-1};
        Scripted saw = new Scripted("Saw", (self, e) -> {
            level[0] = (level[0] + 1) % 6;
            self.metric("level", level[0]);
            self.send(new Event(e.timeNanos() + 1_000_000_000L, "tick", self, false, null));
        });
        Simulation sim = Simulation.builder().durationSeconds(30).entities(saw).build();
        sim.schedule(new Event(at(0.0), "tick", saw));
        String id = sim.addBreakpoint(Breakpoint.onMetric("Saw", "level", Breakpoint.Comparison.GT, 2));

        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(at(3.0), sim.now(), "first crossing");
        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(at(9.0), sim.now(), "not the next event (level 4, still > 2) but the next crossing");
        assertEquals(PauseReason.STEP_DONE, sim.step(1), "a step while it still holds does not fire again");
    }

    @Test
    void afterAPlainPlayTheConditionsThatAlreadyHoldDoNotFireAStaleCrossing() {
        int[] level = {0};
        Scripted up = new Scripted("Up", (self, e) -> {
            level[0]++;
            self.metric("level", level[0]);
            self.send(new Event(e.timeNanos() + 1_000_000_000L, "tick", self, false, null));
        });
        Simulation sim = Simulation.builder().durationSeconds(30).entities(up).build();
        sim.schedule(new Event(at(0.0), "tick", up));
        sim.addBreakpoint(Breakpoint.onMetric("Up", "level", Breakpoint.Comparison.GT, 2));
        sim.setBreakpointsEnabled(false);
        sim.runUntil(at(10));
        sim.setBreakpointsEnabled(true);

        assertEquals(PauseReason.COMPLETE, sim.resume(), "level > 2 has held since 3 s: no new crossing");
    }

    @Test
    void comparisonsFollowTheirWireNames() {
        assertTrue(Breakpoint.Comparison.fromWireName("gt").test(2, 1));
        assertFalse(Breakpoint.Comparison.fromWireName("gt").test(1, 1));
        assertTrue(Breakpoint.Comparison.fromWireName("ge").test(1, 1));
        assertTrue(Breakpoint.Comparison.fromWireName("lt").test(0, 1));
        assertTrue(Breakpoint.Comparison.fromWireName("le").test(1, 1));
        assertTrue(Breakpoint.Comparison.fromWireName("eq").test(1, 1));
        assertTrue(Breakpoint.Comparison.fromWireName("ne").test(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Breakpoint.Comparison.fromWireName("gte"));
    }

    @Test
    void breakpointFactoriesUseTheOriginalsOneShotDefaults() {
        assertTrue(Breakpoint.atTime(at(1)).oneShot());
        assertTrue(Breakpoint.atEventCount(3).oneShot());
        assertFalse(Breakpoint.onEventType("Request").oneShot());
        assertFalse(Breakpoint.onMetric("Server", "depth", Breakpoint.Comparison.GT, 5).oneShot());
        assertFalse(Breakpoint.onCondition(s -> true, null).oneShot());
        assertEquals("custom condition", Breakpoint.onCondition(s -> true, null).description());
        assertEquals(List.of("time", "event_count", "event_type", "metric", "condition"), List.of(
                Breakpoint.atTime(at(1)).kind(), Breakpoint.atEventCount(3).kind(), Breakpoint.onEventType("x").kind(),
                Breakpoint.onMetric("a", "b", Breakpoint.Comparison.EQ, 0).kind(), Breakpoint.onCondition(s -> true, "c").kind()));
    }

    @Test
    void conditionBreakpointsSeeTheSimulation() {
        Scripted ticker = ticker("Ticker", 0.25, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        String id = sim.addBreakpoint(new Breakpoint.OnCondition(s -> s.now().toSeconds() >= 2 && s.heapSize() == 1,
                "two seconds in", false));

        assertEquals(PauseReason.breakpoint(id), sim.resume());
        assertEquals(at(2.0), sim.now());
        assertEquals("condition", sim.breakpoints().get(id).kind());
    }

    @Test
    void aUserBreakpointWinsOverAStepEndingOnTheSameEvent() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        String id = sim.addBreakpoint(new Breakpoint.AtEventCount(3, true));

        assertEquals(PauseReason.STEP_DONE, sim.step(2));
        assertEquals(PauseReason.breakpoint(id), sim.step(1));
        assertEquals(PauseReason.STEP_DONE, sim.step(1));
    }

    @Test
    void aPauseRequestedFromAnotherThreadStopsTheLoop() throws Exception {
        Scripted ticker = ticker("Ticker", 0.001, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        AtomicLong processedSoFar = new AtomicLong();
        sim.addEventListener(e -> processedSoFar.incrementAndGet());
        sim.addBreakpoint(new Breakpoint.AtEventCount(50_000_000, true)); // so a lost request fails instead of hanging
        Thread pauser = new Thread(() -> {
            while (processedSoFar.get() < 100_000) {
                Thread.onSpinWait();
            }
            sim.requestPause();
        });
        pauser.start();

        PauseReason reason = sim.resume();
        pauser.join();

        assertEquals(PauseReason.PAUSE_REQUESTED, reason);
        assertTrue(sim.isPaused());
        long processed = sim.eventsProcessed();
        assertEquals(PauseReason.STEP_DONE, sim.step(1), "the request was consumed");
        assertEquals(processed + 1, sim.eventsProcessed());
    }

    @Test
    void aPauseRequestedBetweenRunsPausesTheNextRunBeforeItsFirstEvent() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().entities(ticker).build();
        sim.schedule(new Event(at(0.0), "tick", ticker));
        sim.requestPause();

        assertEquals(PauseReason.PAUSE_REQUESTED, sim.resume());
        assertEquals(0, sim.eventsProcessed());
    }

    @Test
    void peekShowsPendingEventsInProcessingOrderWithoutConsumingThem() {
        Scripted target = new Scripted("T");
        Simulation sim = Simulation.builder().entities(target).build();
        Event c = new Event(at(3.0), "c", target);
        Event a = new Event(at(1.0), "a", target);
        Event b = new Event(at(1.0), "b", target);
        sim.schedule(c, a, b);

        assertEquals(List.of(a, b), sim.peek(2));
        assertEquals(List.of(a, b, c), sim.peek(10));
        assertEquals(3, sim.heapSize());
        assertEquals(List.of(0L, 1L, 2L), List.of(c.sequence(), a.sequence(), b.sequence()));
    }

    @Test
    void listenersHearEachProcessedEventOnceAfterItsHandlerScheduledItsConsequences() {
        Scripted sink = new Scripted("Sink");
        Scripted relay = new Scripted("Relay", (self, e) -> self.pass(e, sink, "Relayed"));
        Simulation sim = Simulation.builder().entities(relay, sink).build();
        sim.schedule(new Event(at(1.0), "Start", relay));
        List<String> seen = new ArrayList<>();
        sim.addEventListener(e -> seen.add(e.type() + "@" + e.target().name() + " heap=" + sim.heapSize()
                + " source=" + (e.source() == null ? "-" : e.source().name())));

        sim.run();

        assertEquals(List.of("Start@Relay heap=1 source=-", "Relayed@Sink heap=0 source=Relay"), seen);
    }

    @Test
    void sourceIsTheEntityWhoseHandlerOrCompletionHookProducedTheEvent() {
        Scripted audit = new Scripted("Audit");
        Scripted sink = new Scripted("Sink");
        Scripted worker = new Scripted("Worker", (self, e) -> self.later(e, 1_000_000_000L, resumed -> { }));
        Scripted client = new Scripted("Client", (self, e) -> {
            if (e.type().equals("Go")) {
                Event job = self.pass(e, worker, "Job");
                job.addCompletionHook(done -> self.send(new Event(done.timeNanos(), "Done", audit, false, null)));
            }
        });
        Simulation sim = Simulation.builder().entities(client, worker, sink, audit).build();
        sim.schedule(new Event(at(0.0), "Go", client));
        History history = History.attach(sim);

        sim.run();

        assertEquals(List.of("0|0|Go|Client|-", "1|0|Job|Worker|Client", "2|1000000000|Job|Worker|Worker",
                "3|1000000000|Done|Audit|Worker"), history.lines());
    }

    @Test
    void aContinuationResumesLaterWithTheSameTypeAndContextAndCompletesTheWorkThen() {
        Scripted sink = new Scripted("Sink");
        List<String> trace = new ArrayList<>();
        Scripted server = new Scripted("Server", (self, e) -> {
            trace.add("start@" + self.now());
            self.send(new Event(self.nowNanos(), "Ack", sink, false, e.context()));
            self.later(e, 80_000_000L, afterService -> {
                trace.add("middle@" + self.now());
                self.later(afterService, 20_000_000L, afterLogging -> {
                    trace.add("end@" + self.now());
                    self.pass(afterLogging, sink, "Response");
                });
            });
        });
        Simulation sim = Simulation.builder().entities(server, sink).build();
        Event request = new Event(at(1.0), "Request", server);
        request.context().put("request_id", 7);
        request.addCompletionHook(done -> trace.add("complete@" + done.time() + " " + done.type()));
        sim.schedule(request);
        History history = History.attach(sim);

        sim.run();

        assertEquals(List.of("start@T00:00:01.000000", "middle@T00:00:01.080000", "end@T00:00:01.100000",
                "complete@T00:00:01.100000 Request"), trace);
        assertEquals(List.of("Request", "Ack", "Request", "Request", "Response"),
                history.events().stream().map(Event::type).toList());
        Event resumed = history.events().get(2);
        assertTrue(resumed.isContinuation());
        assertSame(request.context(), resumed.context(), "the context is shared, not copied");
        assertTrue(resumed.sequence() > request.sequence());
        assertSame(request.context(), sink.received().get(1).context());
        assertEquals(7, sink.received().get(1).context().get("request_id"));
    }

    @Test
    void resumeAfterIsOnlyForTheEventBeingHandled() {
        Scripted target = new Scripted("T");
        Simulation sim = Simulation.builder().entities(target).build();
        Event pending = new Event(at(1.0), "x", target);
        sim.schedule(pending);
        assertThrows(IllegalStateException.class, () -> target.later(pending, 1, e -> { }));
    }

    @Test
    void schedulingRejectsThePastForeignTargetsAndDoubleScheduling() {
        Scripted inside = new Scripted("Inside");
        Scripted outside = new Scripted("Outside");
        Simulation sim = Simulation.builder().startTime(at(5)).entities(inside).build();
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(new Event(at(4), "x", inside)));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(new Event(at(6), "x", outside)));
        Event once = sim.schedule(new Event(at(6), "x", inside));
        assertThrows(IllegalStateException.class, () -> sim.schedule(once));
    }

    @Test
    void entityNamesMustBeUniqueAndAnEntityBelongsToOneSimulation() {
        Scripted a = new Scripted("A");
        assertThrows(IllegalArgumentException.class,
                () -> Simulation.builder().entities(a, new Scripted("A")).build());
        Scripted b = new Scripted("B");
        Simulation.builder().entities(b).build();
        assertThrows(IllegalArgumentException.class, () -> Simulation.builder().entities(b).build());
        assertThrows(IllegalArgumentException.class,
                () -> Simulation.builder().endTime(at(1)).duration(Duration.ofSeconds(1)).build());
    }

    @Test
    void resetRestoresTheInitialStateAndReplaysEventsScheduledBeforeTheRun() {
        Scripted ticker = ticker("Ticker", 1.0, false);
        Simulation sim = Simulation.builder().durationSeconds(10).entities(ticker).build();
        sim.schedule(new Event(at(0.5), "tick", ticker));
        String breakpoint = sim.addBreakpoint(new Breakpoint.OnEventType("never", false));
        int[] resets = {0};
        sim.addResetListener(() -> resets[0]++);
        sim.runUntil(at(4));
        sim.schedule(new Event(sim.now(), "extra", ticker));

        sim.reset();

        assertEquals(1, resets[0]);
        assertEquals(Instant.EPOCH, sim.now());
        assertEquals(0, sim.eventsProcessed());
        assertFalse(sim.isRunning());
        assertFalse(sim.isComplete());
        assertEquals(1, sim.heapSize(), "only the tick scheduled before the first run comes back");
        assertEquals(0, sim.peek(1).get(0).sequence());
        assertTrue(ticker.received().isEmpty());
        assertEquals(2, ticker.resets(), "once when built, once on reset");
        assertTrue(sim.breakpoints().containsKey(breakpoint), "breakpoints survive a reset");
    }

    @Test
    void resetIsRefusedWhileTheLoopRuns() {
        Simulation[] holder = new Simulation[1];
        Throwable[] failure = new Throwable[1];
        Scripted meddler = new Scripted("Meddler", (self, e) -> {
            try {
                holder[0].reset();
            } catch (IllegalStateException expected) {
                failure[0] = expected;
            }
        });
        holder[0] = Simulation.builder().entities(meddler).build();
        holder[0].schedule(new Event(at(1), "x", meddler));
        holder[0].run();
        assertTrue(failure[0] instanceof IllegalStateException);
    }

    @Test
    void aFailingHandlerIsReportedWithItsEventAndLeavesTheRunPaused() {
        Scripted fragile = new Scripted("Fragile", (self, e) -> {
            if (e.type().equals("bad")) {
                throw new IllegalArgumentException("boom");
            }
        });
        Simulation sim = Simulation.builder().entities(fragile).build();
        Event bad = new Event(at(1), "bad", fragile);
        sim.schedule(bad, new Event(at(2), "good", fragile));

        EventHandlingException failure = assertThrows(EventHandlingException.class, sim::run);

        assertSame(bad, failure.event());
        assertTrue(failure.getCause() instanceof IllegalArgumentException);
        assertTrue(failure.getMessage().startsWith("Fragile failed on Event(T00:00:01.000000, 'bad', target=Fragile)"));
        assertTrue(sim.isPaused());
        assertEquals(1, sim.eventsProcessed());
        assertEquals(PauseReason.COMPLETE, sim.run(), "the run can go on");
        assertEquals(2, fragile.received().size());
    }

    @Test
    void randomStreamsDependOnlyOnSeedAndName() {
        Simulation one = Simulation.builder().seed(1).build();
        Simulation same = Simulation.builder().seed(1).build();
        Simulation other = Simulation.builder().seed(2).build();
        assertEquals(one.random("Server/service").nextLong(), same.random("Server/service").nextLong());
        assertTrue(one.random("Server/service").nextLong() != one.random("Client/service").nextLong());
        assertTrue(one.random("Server/service").nextLong() != other.random("Server/service").nextLong());
    }

    @Test
    void eventHasNoSourceOrSequenceBeforeItIsScheduled() {
        Scripted target = new Scripted("T");
        Event e = new Event(at(1), "x", target);
        assertNull(e.source());
        assertEquals(-1, e.sequence());
        assertFalse(e.hasContext());
        assertTrue(e.contextView().isEmpty());
        assertFalse(e.hasContext(), "reading the view does not create a context");
    }
}
