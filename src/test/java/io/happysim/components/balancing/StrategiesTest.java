package io.happysim.components.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.server.Server;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.testing.LogCapture;
import io.happysim.testing.Scripted;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Each strategy's rule, observed through the backends a balancer picks. */
class StrategiesTest {
    private static Event request(Entity target, double seconds, Map<String, Object> metadata) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("created_at", Instant.ofSeconds(seconds));
        context.put("metadata", new LinkedHashMap<>(metadata));
        return new Event(Instant.ofSeconds(seconds), "Request", target, context);
    }

    private static Event request(Entity target, double seconds) {
        return request(target, seconds, Map.of());
    }

    /** A backend that keeps every request it gets (its completion never comes), so outstanding counts only grow. */
    private static Scripted holding(String name) {
        return new Scripted(name, (self, event) -> event.deferCompletion());
    }

    private static List<String> chosen(List<Scripted> backends) {
        List<Event> all = new ArrayList<>();
        backends.forEach(b -> all.addAll(b.received()));
        all.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return all.stream().map(e -> e.target().name()).toList();
    }

    private static List<String> route(LoadBalancer lb, List<Scripted> backends, int requests, long seed) {
        Simulation sim = Simulation.builder().seed(seed).entities(lb).entities(backends).build();
        for (int i = 0; i < requests; i++) {
            sim.schedule(request(lb, i * 0.01));
        }
        sim.run();
        return chosen(backends);
    }

    @Test
    void smoothWeightedRoundRobinInterleavesThreeToOneAsHHLH() {
        Scripted heavy = new Scripted("H");
        Scripted light = new Scripted("L");
        LoadBalancer lb = new LoadBalancer("Router", List.of(heavy, light), LoadBalancingStrategy.weightedRoundRobin())
                .withWeight(heavy, 3);

        assertEquals(List.of("H", "H", "L", "H", "H", "H", "L", "H"), route(lb, List.of(heavy, light), 8, 1));
    }

    @Test
    void smoothWeightedRoundRobinFiveOneOneAsNginx() {
        List<Scripted> backends = List.of(new Scripted("a"), new Scripted("b"), new Scripted("c"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.weightedRoundRobin())
                .withWeight(backends.get(0), 5);

        assertEquals(List.of("a", "a", "b", "a", "c", "a", "a"), route(lb, backends, 7, 1));
    }

    @Test
    void aWeightChangedWhileRunningTakesEffectAndAResetRestoresTheConfiguredOne() {
        Scripted a = new Scripted("A");
        Scripted b = new Scripted("B");
        LoadBalancer lb = new LoadBalancer("Router", List.of(a, b), LoadBalancingStrategy.weightedRoundRobin());
        Simulation sim = Simulation.builder().entities(lb, a, b).build();
        sim.once(Instant.EPOCH, "reweigh", e -> lb.setWeight(b, 3));
        for (int i = 0; i < 8; i++) {
            sim.schedule(request(lb, 1 + i));
        }
        sim.run();
        assertEquals(List.of("B", "A", "B", "B", "B", "A", "B", "B"), chosen(List.of(a, b)));
        assertEquals(3.0, lb.weight(b));

        sim.reset();
        assertEquals(1.0, lb.weight(b), "the weight set while running is run state");
    }

    @Test
    void weightedLeastConnectionsPicksTheFewestOutstandingPerUnitOfWeight() {
        Scripted a = holding("A");
        Scripted b = holding("B");
        LoadBalancer lb = new LoadBalancer("Router", List.of(a, b), LoadBalancingStrategy.weightedLeastConnections())
                .withWeight(a, 2);

        // loads/weights before each pick: A 0/2 = B 0 (tie: A), A .5 > B 0, A .5 < B 1, A 1 = B 1 (A), A 1.5 < B 2, A 2 = B 2 (A), A 2.5 > B 2
        assertEquals(List.of("A", "B", "A", "A", "B", "A", "A", "B"), route(lb, List.of(a, b), 8, 1));
        assertEquals(5, lb.outstanding(a));
        assertEquals(3, lb.outstanding(b));
    }

    /** Records the outstanding counts the strategy saw at each pick, and what it picked. */
    private static final class Watching implements LoadBalancingStrategy {
        final LoadBalancingStrategy inner;
        final List<Map<String, Long>> loads = new ArrayList<>();
        final List<String> picks = new ArrayList<>();
        LoadBalancer balancer;

        Watching(LoadBalancingStrategy inner) {
            this.inner = inner;
        }

        @Override
        public Entity select(List<Entity> backends, Event request) {
            Map<String, Long> seen = new LinkedHashMap<>();
            backends.forEach(b -> seen.put(b.name(), balancer.outstanding(b)));
            Entity pick = inner.select(backends, request);
            loads.add(seen);
            picks.add(pick.name());
            return pick;
        }

        @Override
        public void reset(LoadBalancer balancer) {
            this.balancer = balancer;
            loads.clear();
            picks.clear();
            inner.reset(balancer);
        }
    }

    @Test
    void powerOfTwoChoicesNeverPicksTheBusierOfItsTwo() {
        List<Scripted> three = List.of(holding("A"), holding("B"), holding("C"));
        Watching watching = new Watching(LoadBalancingStrategy.powerOfTwoChoices());
        LoadBalancer lb = new LoadBalancer("Router", three, watching);
        route(lb, three, 300, 5);

        for (int i = 0; i < watching.picks.size(); i++) {
            Map<String, Long> loads = watching.loads.get(i);
            long picked = loads.get(watching.picks.get(i));
            long max = loads.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            long atMax = loads.values().stream().filter(v -> v == max).count();
            assertTrue(picked < max || atMax > 1, "pick " + i + ": the only busiest backend of three is never the lower of two " + loads);
        }

        List<Scripted> two = List.of(holding("A"), holding("B"));
        Watching pair = new Watching(LoadBalancingStrategy.powerOfTwoChoices());
        route(new LoadBalancer("Router", two, pair), two, 50, 5);
        for (int i = 0; i < pair.picks.size(); i++) {
            long picked = pair.loads.get(i).get(pair.picks.get(i));
            long lowest = pair.loads.get(i).values().stream().mapToLong(Long::longValue).min().orElseThrow();
            assertEquals(lowest, picked, "with two backends both are drawn: the less loaded wins");
        }
    }

    @Test
    void powerOfTwoChoicesDrawsTwoDistinctBackendsUniformly() {
        // Many balancers (each its own random stream) over backends loaded A 2, B 1, C 0 before one pick:
        // C wins when drawn (2 of the 3 pairs), B only against A (1 of 3), A never.
        int runs = 600;
        List<Entity> entities = new ArrayList<>();
        List<LoadBalancer> balancers = new ArrayList<>();
        List<Watching> watchers = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<Scripted> backends = List.of(holding("A" + i), holding("B" + i), holding("C" + i));
            Watching watching = new Watching(LoadBalancingStrategy.powerOfTwoChoices());
            LoadBalancer lb = new LoadBalancer("Router" + i, backends, watching);
            balancers.add(lb);
            watchers.add(watching);
            entities.add(lb);
            entities.addAll(backends);
        }
        Simulation sim = Simulation.builder().seed(5).entities(entities).build();
        for (LoadBalancer lb : balancers) {
            List<Entity> abc = lb.backends();
            sim.once(Instant.EPOCH, "only A", e -> {
                lb.markUnhealthy(abc.get(1));
                lb.markUnhealthy(abc.get(2));
            });
            sim.schedule(request(lb, 1), request(lb, 2));
            sim.once(Instant.ofSeconds(3), "only B", e -> {
                lb.markHealthy(abc.get(1));
                lb.markUnhealthy(abc.get(0));
            });
            sim.schedule(request(lb, 4));
            sim.once(Instant.ofSeconds(5), "all", e -> {
                lb.markHealthy(abc.get(0));
                lb.markHealthy(abc.get(2));
            });
            sim.schedule(request(lb, 6));
        }
        try (LogCapture quiet = new LogCapture(Level.WARNING)) {   // 1,800 "marked (un)healthy" lines are not the point here
            sim.run();
        }

        int[] wins = new int[3];
        for (int i = 0; i < runs; i++) {
            Watching watching = watchers.get(i);
            assertEquals(Map.of("A" + i, 2L, "B" + i, 1L, "C" + i, 0L), watching.loads.get(3));
            wins[watching.picks.get(3).charAt(0) - 'A']++;
        }
        assertEquals(0, wins[0], "the busiest backend never wins");
        double sigma = Math.sqrt(runs * (1.0 / 3) * (2.0 / 3));
        assertEquals(runs / 3.0, wins[1], 3 * sigma, "B wins one pair in three");
        assertEquals(2 * runs / 3.0, wins[2], 3 * sigma, "C wins two pairs in three");
    }

    /** Three servers that answer in 0.1, 0.5 and 0.3 s behind least response time; requests at the given times. */
    private record LrtRun(List<String> order, LeastResponseTime lrt, Server fast, Server slow) {
    }

    private static LrtRun leastResponseTimeRun(double slowDownFastAt, double... times) {
        Server fast = new Server("Fast", 10, Distribution.constant(0.1), null);
        Server slow = new Server("Slow", 10, Distribution.constant(0.5), null);
        Server middle = new Server("Middle", 10, Distribution.constant(0.3), null);
        LeastResponseTime lrt = new LeastResponseTime(0.3);
        LoadBalancer lb = new LoadBalancer("Router", List.of(fast, slow, middle), lrt);
        Simulation sim = Simulation.builder().seed(11).entities(lb, fast, slow, middle).build();
        History history = History.attach(sim);
        for (double t : times) {
            sim.schedule(request(lb, t));
        }
        if (slowDownFastAt >= 0) {
            sim.once(Instant.ofSeconds(slowDownFastAt), "slow down", e -> fast.setSlowdown(10));
        }
        sim.run();
        List<String> order = history.events().stream()
                .filter(e -> List.of(fast, slow, middle).contains(e.target()) && "Request".equals(e.type()) && !e.isContinuation())
                .map(e -> e.target().name()).toList();
        return new LrtRun(order, lrt, fast, slow);
    }

    @Test
    void leastResponseTimeMeasuresEveryBackendFirstThenPrefersTheLowestAverage() {
        LrtRun run = leastResponseTimeRun(-1, 0, 1, 2, 3, 4, 5);

        assertEquals(Set.of("Fast", "Slow", "Middle"), new HashSet<>(run.order().subList(0, 3)), "unsampled backends first");
        assertEquals(List.of("Fast", "Fast", "Fast"), run.order().subList(3, 6), "then the lowest average");
        assertEquals(0.1, run.lrt().average(run.fast()), 1e-9);
        assertEquals(0.5, run.lrt().average(run.slow()), 1e-9);
    }

    @Test
    void oneSlowAnswerMovesTheAverageByAlpha() {
        // Fast answers the request at 3 s in 1.0 s: its average becomes 0.3·1.0 + 0.7·0.1 = 0.37 > Middle's 0.3
        LrtRun run = leastResponseTimeRun(2.5, 0, 1, 2, 3, 4.5);

        assertEquals("Fast", run.order().get(3));
        assertEquals(0.3 * 1.0 + 0.7 * 0.1, run.lrt().average(run.fast()), 1e-9);
        assertEquals("Middle", run.order().get(4), "after the slow answer, the next lowest average wins");
    }

    @Test
    void unsampledBackendsComeInARandomOrderFromTheBalancersSeed() {
        assertEquals(firstThree(4), firstThree(4));
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            orders.add(firstThree(seed));
        }
        assertTrue(orders.size() > 2, "different seeds, different orders: " + orders);
    }

    private static List<String> firstThree(long seed) {
        List<Scripted> backends = List.of(new Scripted("A"), new Scripted("B"), new Scripted("C"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.leastResponseTime());
        // the Scripted backends never answer, so they stay unsampled: every pick is random among all three
        return route(lb, backends, 3, seed);
    }

    @Test
    void keyHashSendsEachKeyToMd5ModN() throws Exception {
        List<Scripted> backends = List.of(new Scripted("A"), new Scripted("B"), new Scripted("C"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.keyHash());
        Simulation sim = Simulation.builder().entities(lb).entities(backends).build();
        for (int round = 0; round < 3; round++) {
            for (int client = 0; client < 100; client++) {
                sim.schedule(request(lb, round, Map.of("client_ip", "10.0.0." + client)));
            }
        }
        sim.run();

        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (Scripted backend : backends) {
            assertTrue(backend.received().size() > 40, backend.name() + " gets a share");
            for (Event e : backend.received()) {
                String ip = (String) ((Map<?, ?>) e.context().get("metadata")).get("client_ip");
                int expected = new BigInteger(1, md5.digest(ip.getBytes(StandardCharsets.UTF_8))).mod(BigInteger.valueOf(3)).intValue();
                assertEquals(backends.get(expected).name(), backend.name(), ip);
            }
        }
    }

    @Test
    void keyHashTakesTheFirstKeyFieldAndGoesRoundRobinWithoutOne() {
        Event withBoth = request(new Scripted("x"), 0, Map.of("user_id", "u", "client_id", "c"));
        assertEquals("c", RoutingKeys.firstOf(withBoth, RoutingKeys.CLIENT_FIELDS), "client_id before user_id");

        List<Scripted> backends = List.of(new Scripted("A"), new Scripted("B"));
        LoadBalancer lb = new LoadBalancer("Router", backends, LoadBalancingStrategy.keyHash());
        assertEquals(List.of("A", "B", "A", "B"), route(lb, backends, 4, 1));
        assertNotEquals(KeyHash.indexOf("10.0.0.1", 1000), KeyHash.indexOf("10.0.0.2", 1000));
    }
}
