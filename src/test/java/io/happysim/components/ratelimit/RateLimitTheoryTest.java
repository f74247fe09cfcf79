package io.happysim.components.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.Source;
import io.happysim.core.Simulation;
import io.happysim.testing.Scripted;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Long runs under Poisson overload (arrivals at λ far above the limit), three seeds each, against
 * the closed forms. Rates are measured after a warm-up, so the initial burst a policy allows does
 * not count.
 */
class RateLimitTheoryTest {
    private static final long[] SEEDS = {1, 2, 3};
    private static final double LAMBDA = 200;
    private static final double SECONDS = 200;
    private static final double WARMUP = 20;

    /** Admission times (ns) of one run: Poisson arrivals at λ into a limiter with {@code policy}. */
    private static List<Long> admissions(long seed, RateLimitPolicy policy, boolean queue) {
        return admissions(seed, LAMBDA, policy, queue);
    }

    private static List<Long> admissions(long seed, double lambda, RateLimitPolicy policy, boolean queue) {
        Scripted backend = Requests.backend("Backend");
        RateLimitedEntity.Builder builder = RateLimitedEntity.builder("Limiter").downstream(backend).policy(policy);
        RateLimitedEntity limiter = (queue ? builder.queueExcess(100) : builder.rejectExcess()).build();
        Source source = Source.poisson(lambda, limiter);
        Simulation sim = Simulation.builder().seed(seed).durationSeconds(SECONDS).sources(source).entities(limiter, backend).build();
        sim.run();
        assertEquals(limiter.received(), limiter.admitted() + limiter.queueDepth() + limiter.rejected());
        assertTrue(limiter.rejected() > limiter.admitted() / 2, "overloaded");
        return Requests.timesReceivedBy(backend);
    }

    /** Admitted per second after the warm-up. */
    private static double longRunRate(List<Long> times) {
        long after = times.stream().filter(t -> t >= WARMUP * 1e9).count();
        return after / (SECONDS - WARMUP);
    }

    private static void assertLongRunRate(double expected, Supplier<RateLimitPolicy> policy, boolean queue) {
        assertLongRunRate(expected, LAMBDA, policy, queue);
    }

    private static void assertLongRunRate(double expected, double lambda, Supplier<RateLimitPolicy> policy, boolean queue) {
        for (long seed : SEEDS) {
            double measured = longRunRate(admissions(seed, lambda, policy.get(), queue));
            assertEquals(expected, measured, 0.03 * expected, policy.get() + ", seed " + seed);
        }
    }

    @Test
    void aTokenBucketAdmitsItsRefillRateAndNeverMoreThanCapacityPlusRateTimesT() {
        double capacity = 10;
        double rate = 20;
        for (long seed : SEEDS) {
            List<Long> times = admissions(seed, new TokenBucketPolicy(capacity, rate), false);
            assertEquals(rate, longRunRate(times), 0.03 * rate, "seed " + seed);
            long first = times.get(0);
            for (int k = 0; k < times.size(); k++) {
                double bound = capacity + rate * (times.get(k) - first) / 1e9;
                assertTrue(k + 1 <= bound + 1e-6, "seed " + seed + ": " + (k + 1) + " admitted by " + times.get(k) + " ns, bound " + bound);
            }
        }
    }

    /** A request is admitted by the first arrival after the spacing has run out: gaps of 1/r + Exp(λ) (Erlang B with one place). */
    @Test
    void aLeakyBucketRejectingTheExcessAdmitsOneOverOneOverRPlusOneOverLambda() {
        double rate = 20;
        assertLongRunRate(1 / (1 / rate + 1 / LAMBDA), () -> new LeakyBucketPolicy(rate), false);
    }

    @Test
    void aLeakyBucketQueueingTheExcessAdmitsExactlyItsLeakRate() {
        double rate = 20;
        assertLongRunRate(rate, () -> new LeakyBucketPolicy(rate), true);
    }

    /** λ·W = 100 arrivals per window against N = 10: every window fills. */
    @Test
    void aFixedWindowAdmitsNOverW() {
        assertLongRunRate(10 / 0.5, () -> new FixedWindowPolicy(10, 0.5), false);
    }

    /**
     * An admission holds one of N places for exactly W, and an arrival that finds all N held is
     * refused: an Erlang loss system with N servers and offered load λ·W, which admits
     * λ·(1 − B(N, λW)) whatever the holding time's distribution. At λ = 40 that is 18.48/s, 8%
     * below N/W, so the test tells them apart.
     */
    @Test
    void aSlidingLogRejectingTheExcessIsAnErlangLossSystem() {
        double lambda = 40;
        int limit = 10;
        double window = 0.5;
        assertLongRunRate(lambda * (1 - erlangB(limit, lambda * window)), lambda, () -> new SlidingWindowLogPolicy(limit, window), false);
    }

    /** Erlang's loss formula by its recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1. */
    private static double erlangB(int servers, double offered) {
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = offered * b / (k + offered * b);
        }
        return b;
    }

    @Test
    void aSlidingLogQueueingTheExcessAdmitsNOverW() {
        assertLongRunRate(10 / 0.5, () -> new SlidingWindowLogPolicy(10, 0.5), true);
    }

    /** Each window can fill to N: the old window's weight falls below one request before it ends. */
    @Test
    void aSlidingCounterAdmitsNOverW() {
        assertLongRunRate(10 / 0.5, () -> new SlidingWindowCounterPolicy(10, 0.5), false);
    }
}
