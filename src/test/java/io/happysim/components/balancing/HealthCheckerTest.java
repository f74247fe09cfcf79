package io.happysim.components.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.server.Server;
import io.happysim.core.Category;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Probing, marking down and up. Backends answer in 10 ms; checks every 0.5 s with a 0.1 s timeout,
 * unhealthy after k = 3 failures, healthy after 2 passes: a backend that stops answering before the
 * probe at t₀ is marked down at t₀ + (k−1)·interval + timeout.
 */
class HealthCheckerTest {
    private static final double INTERVAL = 0.5;
    private static final double TIMEOUT = 0.1;
    private static final int K = 3;

    private final Server a = new Server("A", 1, Distribution.constant(0.01), null);
    private final Server b = new Server("B", 1, Distribution.constant(0.01), null);

    /** A health change of backend A: when (to the millisecond), and to what. */
    private record Change(double atSeconds, boolean healthy) {
    }

    /** A and B behind a balancer with a checker; records A's health changes. {@code seconds} 0: an endless run. */
    private final class Model {
        final LoadBalancer lb;
        final HealthChecker checker;
        final Simulation sim;
        final List<Change> changes = new ArrayList<>();

        Model(LoadBalancingStrategy strategy, double seconds, UnaryOperator<HealthChecker.Builder> tuning) {
            lb = new LoadBalancer("LB", List.of(a, b), strategy);
            checker = tuning.apply(HealthChecker.builder(lb).intervalSeconds(INTERVAL).timeoutSeconds(TIMEOUT)
                    .unhealthyThreshold(K).healthyThreshold(2)).build();
            Simulation.Builder builder = Simulation.builder().entities(lb, a, b, checker);
            sim = (seconds > 0 ? builder.durationSeconds(seconds) : builder).build();
            boolean[] healthy = {true};
            sim.addEventListener(e -> {
                if (lb.isHealthy(a) != healthy[0]) {
                    healthy[0] = lb.isHealthy(a);
                    changes.add(new Change(Math.round(e.timeNanos() / 1e6) / 1e3, healthy[0]));
                }
            });
        }

        Model(double seconds) {
            this(LoadBalancingStrategy.roundRobin(), seconds, UnaryOperator.identity());
        }

        void at(double seconds, String what, Runnable action) {
            sim.once(Instant.ofSeconds(seconds), what, e -> action.run());
        }
    }

    private static double detection(double firstFailedProbe) {
        return firstFailedProbe + (K - 1) * INTERVAL + TIMEOUT;
    }

    @Test
    void aCrashedBackendIsMarkedDownAfterKFailedProbesAndUpAgainAfterTheRestart() {
        Model model = new Model(7);
        model.at(2.2, "crash", a::crash);
        model.at(4.8, "restart", a::restart);
        List<SimFuture<Response>> replies = new ArrayList<>();
        List<Double> sentAt = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            SimFuture<Response> reply = SimFuture.pending();
            replies.add(reply);
            sentAt.add(i * 0.1 + 0.05);
            model.sim.schedule(new Event(Instant.ofSeconds(i * 0.1 + 0.05), "Request", model.lb).withReply(reply));
        }
        History history = History.attach(model.sim);

        try (LogCapture log = new LogCapture(Level.INFO)) {
            model.sim.run();
            assertTrue(log.messages().contains("[LB] Marked backend unhealthy: A"), log.messages().toString());
            assertTrue(log.messages().contains("[LB] Marked backend healthy: A"));
            assertTrue(log.messages().contains("[HealthChecker] A failed 3 checks in a row (last: timed out): unhealthy"));
        }

        // probes at 2.5, 3.0 and 3.5 are lost (silence), each noticed at its timeout; 5.0 and 5.5 pass (10 ms service)
        assertEquals(List.of(new Change(detection(2.5), false), new Change(5.51, true)), model.changes);
        assertEquals(3.6, detection(2.5), 1e-12);
        long toAWhileDown = history.events().stream()
                .filter(e -> e.target() == a && "Request".equals(e.type()) && e.timeNanos() > 3.6e9 && e.timeNanos() < 5.51e9).count();
        assertEquals(0, toAWhileDown, "no traffic to a backend marked down");
        for (int i = 0; i < replies.size(); i++) {
            boolean lost = replies.get(i).isFailed();
            boolean duringDetection = sentAt.get(i) > 2.2 && sentAt.get(i) < 3.6;
            assertTrue(!lost || duringDetection, "only requests sent before the crash was detected are lost; #" + i);
        }
        assertEquals(7L, replies.stream().filter(SimFuture::isFailed).count(), "A's turns (every other request) in 2.25..3.55");
        assertTrue(replies.stream().filter(SimFuture::isFailed).allMatch(r -> r.failure().kind() == Failure.Kind.LOST));
        Map<String, Object> metrics = model.checker.metrics();
        assertEquals(5L, metrics.get("checks_timed_out"), "probes at 2.5, 3.0, 3.5, 4.0, 4.5");
        assertEquals(5L, metrics.get("checks_failed"));
        assertEquals(1L, metrics.get("backends_marked_unhealthy"));
        assertEquals(1L, metrics.get("backends_marked_healthy"));
    }

    @Test
    void aPausedBackendFailsItsChecksBecauseTheProbeWaitsInItsQueue() {
        Model model = new Model(7);
        model.at(2.2, "gc", () -> a.pause(3_000_000_000L));   // frozen until 5.2

        model.sim.run();

        // probes at 2.5 … 5.0 wait past their timeout; the queue drains by 5.26; 5.5 and 6.0 pass
        assertEquals(List.of(new Change(detection(2.5), false), new Change(6.01, true)), model.changes);
        assertEquals(6L, a.metrics().get("served_late"), "the six stale probes were still served after the pause");
    }

    @Test
    void anOverloadedBackendFailsItsChecksTheQuirkOfTheOriginalFixed() {
        Model model = new Model(3);
        Server overloaded = a;
        for (int i = 0; i < 10; i++) {
            model.sim.schedule(new Event(Instant.EPOCH, "Request", overloaded));   // 10 × 10 ms = 100 ms of work ahead
        }
        for (int i = 0; i < 400; i++) {
            model.sim.schedule(new Event(Instant.ofSeconds(i * 0.005), "Request", overloaded));   // 200/s against 100/s
        }

        model.sim.run();

        // the probe at 0 waits behind 100 ms of work: it times out at 0.1, as do those at 0.5 and 1.0 (the queue only grows)
        assertEquals(List.of(new Change(detection(0), false)), model.changes);
    }

    @Test
    void anErrorAnswerFailsTheCheckAtOnce() {
        Model model = new Model(2.1);
        a.setErrorProbability(1.0);

        model.sim.run();

        assertEquals(List.of(new Change(1.01, false)), model.changes, "errors at 0.01, 0.51 and 1.01");
        assertEquals(0L, model.checker.metrics().get("checks_timed_out"));
        assertEquals(5L, model.checker.metrics().get("checks_failed"), "0, 0.5, 1.0, 1.5, 2.0");
    }

    @Test
    void afterStopNoMoreProbes() {
        Model model = new Model(0);
        model.at(1.2, "stop", model.checker::stop);
        model.sim.schedule(new Event(Instant.ofSeconds(3), "Request", model.lb));

        model.sim.run();

        assertEquals(6L, model.checker.checksPerformed(), "cycles at 0, 0.5 and 1.0, two backends each");
        assertTrue(model.checker.isStopped());
    }

    @Test
    void checksAloneDoNotKeepAnEndlessRunGoing() {
        Model endless = new Model(0);
        endless.sim.schedule(new Event(Instant.ofSeconds(3.2), "Request", endless.lb));
        endless.sim.run();
        assertEquals(3.21, endless.sim.nowNanos() / 1e9, 1e-9, "the run ends with the last request; the checks are daemons");
        assertEquals(14L, endless.checker.checksPerformed(), "cycles at 0 … 3.0, none after the last request");
    }

    @Test
    void aRecoveredBackendWarmsUpUnderSlowStart() {
        Model model = new Model(LoadBalancingStrategy.weightedRoundRobin(), 25, tuning -> tuning.slowStartSeconds(10));
        model.at(2.2, "crash", a::crash);
        model.at(4.8, "restart", a::restart);
        for (int i = 0; i < 2000; i++) {
            model.sim.schedule(new Event(Instant.ofSeconds(i * 0.0125 + 0.005), "Request", model.lb));   // 80/s
        }
        History history = History.attach(model.sim);
        double[] weightAfterRecovery = new double[1];
        model.at(5.52, "look", () -> weightAfterRecovery[0] = model.lb.weight(a));

        model.sim.run();

        assertEquals(new Change(5.51, true), model.changes.get(1));
        assertEquals(0.1 + 0.9 * 0.01 / 10, weightAfterRecovery[0], 1e-9, "back at a tenth of its weight, growing");
        assertFalse(model.lb.isWarmingUp(a));
        // A's share of the traffic follows its weight w(t) = 0.1 + 0.9·(t − 5.51)/10 against B's 1
        assertEquals(share(0.1, 0.19), sharesOfA(history, 5.51, 6.51), 0.02);
        assertEquals(share(0.55, 0.64), sharesOfA(history, 10.51, 11.51), 0.02);
        assertEquals(0.5, sharesOfA(history, 16.51, 17.51), 0.02);
    }

    /** A's mean share over a second in which its weight grows linearly from {@code w0} to {@code w1}, against B's 1. */
    private static double share(double w0, double w1) {
        int steps = 1000;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double w = w0 + (w1 - w0) * (i + 0.5) / steps;
            sum += w / (w + 1);
        }
        return sum / steps;
    }

    private double sharesOfA(History history, double from, double to) {
        long toA = 0;
        long all = 0;
        for (Event e : history.events()) {
            if ((e.target() == a || e.target() == b) && "Request".equals(e.type()) && e.source() != null
                    && "LB".equals(e.source().name()) && e.timeNanos() >= from * 1e9 && e.timeNanos() < to * 1e9) {
                all++;
                if (e.target() == a) {
                    toA++;
                }
            }
        }
        return toA / (double) all;
    }

    @Test
    void metricsAsTheOriginalWithTheHealthPictureFirst() {
        Model model = new Model(1.2);
        model.at(0.2, "crash", a::crash);
        model.sim.run();

        Map<String, Object> metrics = model.checker.metrics();
        assertEquals(List.of("healthy_backends", "checks_failed", "checks_performed", "checks_passed", "checks_timed_out",
                "backends_marked_healthy", "backends_marked_unhealthy", "backends"), List.copyOf(metrics.keySet()));
        assertEquals(2, metrics.get("healthy_backends"), "two failures so far, three needed");
        assertEquals(6L, metrics.get("checks_performed"));
        Map<?, ?> ofA = (Map<?, ?>) ((Map<?, ?>) metrics.get("backends")).get("A");
        assertEquals(Map.of("consecutive_successes", 0L, "consecutive_failures", 2L, "last_check_time", 1.1,
                "last_check_passed", false, "is_checking", false), ofA, "the probes of 0.5 and 1.0 timed out at 0.6 and 1.1");
        assertEquals(Category.OTHER, model.checker.category());
        assertEquals(List.of(a, b), model.checker.downstream());
    }

    @Test
    void aResetRunIsTheSameAsAFreshOne() {
        Model model = new Model(6);
        model.at(2.2, "crash", a::crash);
        model.at(4.8, "restart", a::restart);
        History history = History.attach(model.sim);
        model.sim.run();
        String first = history.text();
        List<Change> firstChanges = List.copyOf(model.changes);

        history.clear();
        model.changes.clear();
        model.sim.reset();
        model.sim.run();

        assertEquals(first, history.text());
        assertEquals(firstChanges, model.changes);
    }

    @Test
    void theTimeoutMustBeShorterThanTheInterval() {
        LoadBalancer lb = new LoadBalancer("LB", List.of(a), null);
        assertThrows(IllegalArgumentException.class, () -> HealthChecker.builder(lb).intervalSeconds(1).timeoutSeconds(1).build());
        assertThrows(IllegalArgumentException.class, () -> HealthChecker.builder(lb).unhealthyThreshold(0).build());
    }
}
