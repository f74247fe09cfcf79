package io.happysim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.testing.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Futures in simulated time: settling, races, timers, late results, and waiting entities. */
class WaitingTest {
    private static final long SECOND = 1_000_000_000L;

    /** Answers every request after a fixed delay (or never, with a negative one). */
    static final class Responder extends Entity {
        final long delay;
        int received;

        Responder(String name, long delay) {
            super(name);
            this.delay = delay;
        }

        @Override
        protected void handle(Event request) {
            received++;
            if (delay >= 0) {
                resumeAfter(request, delay, done -> done.replyWith(this, "ok"));
            }
        }
    }

    /** Sends one request at start and waits for the reply or a timeout, whichever comes first. */
    static final class Caller extends Entity {
        final Entity target;
        final long timeout;
        final List<String> outcomes = new ArrayList<>();
        final List<Long> outcomeTimes = new ArrayList<>();
        int late;

        Caller(String name, Entity target, long timeout) {
            super(name);
            this.target = target;
            this.timeout = timeout;
        }

        @Override
        protected void start() {
            schedule(new Event(nowNanos(), "go", this, false, null));
        }

        @Override
        protected void handle(Event go) {
            SimFuture<Response> reply = SimFuture.pending();
            reply.onLate(r -> late++);
            schedule(new Event(nowNanos(), "Request", target, false, null).withReply(reply));
            SimFuture<Void> timer = timer(timeout, "timeout", null);
            await(SimFuture.anyOf(reply, timer), "reply", null, first -> {
                outcomes.add(first.value().index() == 0 ? "reply" : "timeout");
                outcomeTimes.add(nowNanos());
            });
        }
    }

    @Test
    void aFutureSettlesOnceAndRunsItsCallbacksInOrder() {
        SimFuture<String> future = SimFuture.pending();
        List<String> seen = new ArrayList<>();
        future.onSettle(f -> seen.add("a:" + f.value()));
        future.onSettle(f -> seen.add("b:" + f.value()));
        assertTrue(future.isPending());
        assertThrows(IllegalStateException.class, future::value);

        assertTrue(future.complete("x"));
        assertFalse(future.complete("y"), "a settled future ignores a second result");
        assertFalse(future.fail(new Failure(Failure.Kind.ERROR, "S", "late")));
        assertFalse(future.cancel());
        future.onSettle(f -> seen.add("c:" + f.value()));

        assertEquals(List.of("a:x", "b:x", "c:x"), seen);
        assertEquals("x", future.value());
    }

    @Test
    void anyOfTakesTheFirstToSettleAndCancelsTheOthers() {
        SimFuture<String> a = SimFuture.pending();
        SimFuture<String> b = SimFuture.pending();
        SimFuture<String> c = SimFuture.pending();
        SimFuture<SimFuture.First> first = SimFuture.anyOf(a, b, c);

        b.fail(new Failure(Failure.Kind.REJECTED, "S", "full"));

        assertEquals(1, first.value().index());
        assertSame(b, first.value().future());
        assertTrue(a.isCancelled());
        assertTrue(c.isCancelled());
        assertTrue(b.isFailed(), "the winner keeps its own state");
    }

    @Test
    void anyOfOverAlreadySettledFuturesTakesTheLowestIndex() {
        SimFuture<String> a = SimFuture.pending();
        SimFuture<String> b = SimFuture.completed("b");
        SimFuture<String> c = SimFuture.completed("c");

        assertEquals(1, SimFuture.anyOf(a, b, c).value().index());
        assertTrue(a.isCancelled());
    }

    @Test
    void allOfGivesValuesInInputOrderOrTheFirstFailure() {
        SimFuture<Integer> a = SimFuture.pending();
        SimFuture<Integer> b = SimFuture.pending();
        SimFuture<List<Object>> all = SimFuture.allOf(a, b);
        b.complete(2);
        assertTrue(all.isPending());
        a.complete(1);
        assertEquals(List.of(1, 2), all.value());

        SimFuture<Integer> c = SimFuture.pending();
        SimFuture<Integer> d = SimFuture.pending();
        SimFuture<List<Object>> failing = SimFuture.allOf(c, d);
        Failure error = new Failure(Failure.Kind.ERROR, "S", "boom");
        d.fail(error);
        assertSame(error, failing.failure());
        assertTrue(c.isCancelled(), "the rest are no longer needed");
    }

    @Test
    void aResultForACancelledFutureIsReportedLateNotDelivered() {
        SimFuture<String> future = SimFuture.pending();
        List<String> delivered = new ArrayList<>();
        List<String> late = new ArrayList<>();
        future.onSettle(f -> delivered.add(f.state().name()));
        future.onLate(f -> late.add(f.value()));

        future.cancel();
        assertFalse(future.complete("too late"));

        assertEquals(List.of("CANCELLED"), delivered);
        assertEquals(List.of("too late"), late);
    }

    @Test
    void aReplyBeforeTheTimeoutWinsAndTheTimerNeverFires() {
        Responder server = new Responder("Server", SECOND / 2);
        Caller caller = new Caller("Caller", server, SECOND);
        Simulation sim = Simulation.builder().entities(caller, server).build();
        History history = History.attach(sim);

        sim.run();

        assertEquals(List.of("reply"), caller.outcomes);
        assertEquals(List.of(SECOND / 2), caller.outcomeTimes);
        assertTrue(history.lines().stream().noneMatch(l -> l.contains("|timeout|")), "the cancelled timer is never processed");
        assertTrue(history.lines().contains("4|500000000|reply|Caller|Server"),
                "the caller resumes in its own event, caused by the server: " + history.lines());
        assertEquals(0, sim.pendingPrimaryEvents());
    }

    @Test
    void aTimeoutBeforeTheReplyWinsInTheTimerEventAndTheReplyIsLate() {
        Responder server = new Responder("Server", 2 * SECOND);
        Caller caller = new Caller("Caller", server, SECOND);
        Simulation sim = Simulation.builder().entities(caller, server).build();
        History history = History.attach(sim);

        sim.run();

        assertEquals(List.of("timeout"), caller.outcomes);
        assertEquals(List.of(SECOND), caller.outcomeTimes);
        assertEquals(1, caller.late, "the reply after the timeout is counted, not delivered");
        assertTrue(history.lines().stream().noneMatch(l -> l.contains("|reply|")),
                "the timeout continues the caller in the timer's own event: " + history.lines());
    }

    @Test
    void aReplyAtTheSameInstantAsTheDeadlineLosesToTheTimerScheduledFirst() {
        Responder server = new Responder("Server", SECOND);
        Caller caller = new Caller("Caller", server, SECOND);
        Simulation sim = Simulation.builder().entities(caller, server).build();

        sim.run();

        assertEquals(List.of("timeout"), caller.outcomes, "the timer was scheduled before the reply's event");
        assertEquals(1, caller.late);
    }

    @Test
    void aCancelledTimerDoesNotKeepAnEndlessRunAlive() {
        Responder server = new Responder("Server", 1);
        Caller caller = new Caller("Caller", server, 3600 * SECOND);
        Simulation sim = Simulation.builder().entities(caller, server).build();

        sim.run();

        assertTrue(sim.isComplete());
        assertEquals(1, sim.nowNanos(), "the run ended with the reply, not an hour later");
    }

    @Test
    void afterRunsGlueInAnEventOfItsOwnAndOnceNeedsNoEntity() {
        List<Long> times = new ArrayList<>();
        Entity glue = new Entity("Glue") {
            @Override
            protected void start() {
                after(3 * SECOND, "later", null, e -> times.add(nowNanos()));
            }

            @Override
            protected void handle(Event event) {
            }
        };
        Simulation sim = Simulation.builder().entities(glue).build();
        sim.once(Instant.ofSeconds(1), "hello", e -> times.add(e.timeNanos()));
        History history = History.attach(sim);

        sim.run();

        assertEquals(List.of(SECOND, 3 * SECOND), times);
        assertEquals(List.of("once:hello", "Glue"), history.events().stream().map(e -> e.target().name()).toList());
    }

    @Test
    void aCrashLosesPendingWorkFailsItsRepliesAndLosesArrivalsUntilTheRestart() {
        Responder server = new Responder("Server", SECOND);
        List<SimFuture<Response>> replies = new ArrayList<>();
        Simulation sim = Simulation.builder().entities(server).build();
        for (int i = 0; i < 4; i++) {
            SimFuture<Response> reply = SimFuture.pending();
            replies.add(reply);
            sim.schedule(new Event(Instant.ofSeconds(i).nanos(), "Request", server, false, null).withReply(reply));
        }
        sim.once(Instant.ofSeconds(1.5), "crash", e -> server.crash());
        sim.once(Instant.ofSeconds(2.5), "restart", e -> server.restart());

        sim.run();

        assertTrue(replies.get(0).isSucceeded(), "finished at 1 s, before the crash");
        assertEquals(Failure.Kind.LOST, replies.get(1).failure().kind(), "in service at the crash: lost");
        assertEquals(Failure.Kind.LOST, replies.get(2).failure().kind(), "arrived while down: lost");
        assertTrue(replies.get(3).isSucceeded(), "arrived after the restart");
        assertEquals("Server", replies.get(1).failure().where());
        assertEquals(2, sim.eventsLost(), "the service of request 1 and the arrival of request 2");
        assertFalse(server.isDown());
    }

    @Test
    void eventsForAPausedEntityWaitInOrderUntilThePauseEnds() {
        List<String> seen = new ArrayList<>();
        Entity worker = new Entity("Worker") {
            @Override
            protected void handle(Event event) {
                seen.add(event.type() + "@" + nowNanos() / SECOND);
            }
        };
        Simulation sim = Simulation.builder().entities(worker).build();
        sim.once(Instant.ofSeconds(1), "gc", e -> worker.pause(3 * SECOND));
        sim.schedule(new Event(Instant.ofSeconds(2), "a", worker), new Event(Instant.ofSeconds(3), "b", worker),
                new Event(Instant.ofSeconds(5), "c", worker));

        sim.run();

        assertEquals(List.of("a@4", "b@4", "c@5"), seen);
    }

    @Test
    void resetBringsCrashedAndPausedEntitiesBack() {
        Responder server = new Responder("Server", SECOND);
        Simulation sim = Simulation.builder().entities(server).build();
        sim.once(Instant.ofSeconds(1), "crash", e -> server.crash());
        sim.run();
        assertTrue(server.isDown());

        sim.reset();

        assertFalse(server.isDown());
        assertEquals(0, sim.eventsLost());
        assertNull(new Event(Instant.EPOCH, "x", server).reply());
    }
}
