package io.happysim.components.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each policy's rule, the original's numbers, and the contract between tryAcquire and nanosUntilAvailable. */
class PoliciesTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void aTokenBucketOfThreeAdmitsThreeThenRefuses() {
        TokenBucketPolicy bucket = new TokenBucketPolicy(3, 1);
        assertTrue(bucket.tryAcquire(0));
        assertTrue(bucket.tryAcquire(0));
        assertTrue(bucket.tryAcquire(0));
        assertFalse(bucket.tryAcquire(0));
        assertEquals(0.0, bucket.tokens(0), 1e-12);
    }

    @Test
    void anEmptyBucketAtRateTwoWaitsHalfASecond() {
        TokenBucketPolicy bucket = new TokenBucketPolicy(5, 2, 0);
        assertEquals(500 * MS, bucket.nanosUntilAvailable(0));
        assertFalse(bucket.tryAcquire(499_999_999L));
        assertTrue(bucket.tryAcquire(500 * MS));
    }

    @Test
    void aTokenBucketRefillsLazilyUpToItsCapacityAndStartsFillingAtItsFirstUse() {
        TokenBucketPolicy bucket = new TokenBucketPolicy(4, 2, 0);
        assertEquals(0.0, bucket.tokens(10 * S), "nothing accumulates before the first call");
        assertFalse(bucket.tryAcquire(10 * S));
        assertEquals(1.5, bucket.tokens(10 * S + 750 * MS), 1e-9);
        assertEquals(4.0, bucket.tokens(20 * S), 1e-9, "capped at the capacity");
        assertEquals(new RateLimitPolicy.Level("tokens", 4.0), bucket.level(20 * S));
    }

    @Test
    void aLeakyBucketAtRateTwoRefusesAtATenthOfASecondAndAdmitsAtHalfASecond() {
        LeakyBucketPolicy leaky = new LeakyBucketPolicy(2);
        assertTrue(leaky.tryAcquire(0));
        assertFalse(leaky.tryAcquire(100 * MS));
        assertEquals(400 * MS, leaky.nanosUntilAvailable(100 * MS));
        assertTrue(leaky.tryAcquire(500 * MS));
        assertFalse(leaky.tryAcquire(500 * MS), "no burst: two at one instant never pass");
        assertEquals(null, leaky.level(0), "a spacing rule has no level");
    }

    @Test
    void aFixedWindowAdmitsNPerWindowAndUpToTwoNAroundABoundary() {
        FixedWindowPolicy window = new FixedWindowPolicy(10, 1.0);
        int admitted = 0;
        for (int i = 0; i < 15; i++) {
            admitted += window.tryAcquire(900 * MS + i * MS) ? 1 : 0;
        }
        assertEquals(10, admitted, "ten in the first window");
        assertEquals(85 * MS, window.nanosUntilAvailable(915 * MS), "refused until the boundary");
        for (int i = 0; i < 15; i++) {
            admitted += window.tryAcquire(S + i * MS) ? 1 : 0;
        }
        assertEquals(20, admitted, "twenty within 0.2 s across the boundary at N = 10");
        assertEquals(10, window.count(S + 50 * MS));
        assertEquals(0, window.count(2 * S), "a later window starts empty");
    }

    @Test
    void aSlidingLogStillCountsAnEntryExactlyOneWindowOld() {
        SlidingWindowLogPolicy log = new SlidingWindowLogPolicy(1, 1.0);
        assertTrue(log.tryAcquire(0));
        assertFalse(log.tryAcquire(S), "exactly W old still counts");
        assertEquals(1L, log.nanosUntilAvailable(S), "the wait says so: free 1 ns later");
        assertTrue(log.tryAcquire(S + 1));
    }

    @Test
    void aSlidingLogNeverAdmitsMoreThanNInAnyWindow() {
        int limit = 5;
        long window = 200 * MS;
        SlidingWindowLogPolicy log = new SlidingWindowLogPolicy(limit, window / 1e9);
        SplittableRandom random = new SplittableRandom(7);
        List<Long> admitted = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            t += random.nextInt(4) == 0 ? 0 : random.nextLong(30 * MS);
            if (log.tryAcquire(t)) {
                admitted.add(t);
            }
        }
        assertTrue(admitted.size() > 1000);
        for (int i = limit; i < admitted.size(); i++) {
            assertTrue(admitted.get(i) - admitted.get(i - limit) > window,
                    "admissions " + (i - limit) + " and " + i + " fall within one window");
        }
    }

    @Test
    void aSlidingCounterWeighsThePreviousWindowByHowMuchOfItStillOverlaps() {
        SlidingWindowCounterPolicy counter = new SlidingWindowCounterPolicy(10, 1.0);
        for (int i = 0; i < 10; i++) {
            assertTrue(counter.tryAcquire(500 * MS));
        }
        assertFalse(counter.tryAcquire(S), "at the boundary the previous window weighs fully: 10");
        assertEquals(7.0, counter.estimate(S + 300 * MS), 1e-9);
        int admitted = 0;
        while (counter.tryAcquire(S + 300 * MS)) {
            admitted++;
        }
        assertEquals(3, admitted, "7 + 3 reaches the limit");
        assertEquals(1L, counter.nanosUntilAvailable(S + 300 * MS), "10·(1 − f) + 3 < 10 as soon as f > 0.3");
        assertEquals(10.0, counter.estimate(S + 300 * MS), 1e-9);
    }

    @Test
    void aFullSlidingCounterWaitsIntoTheNextWindowUntilTheOldCountWeighsLessThanTheLimit() {
        SlidingWindowCounterPolicy counter = new SlidingWindowCounterPolicy(4, 1.0);
        for (int i = 0; i < 4; i++) {
            assertTrue(counter.tryAcquire(100 * MS));
        }
        // next window: 4·(1 − f) < 4 for any f > 0, so 1 ns after the boundary
        assertEquals(900 * MS + 1, counter.nanosUntilAvailable(100 * MS));
        assertTrue(counter.tryAcquire(S + 1));
    }

    @Test
    void anAdaptivePolicyRaisesItsRateByAStepOnSuccessAndHalvesItOnFailureWithinItsBounds() {
        AdaptivePolicy aimd = AdaptivePolicy.builder().initialRate(10).minRate(2).maxRate(11.5).increaseStep(1).build();
        aimd.recordSuccess(0);
        assertEquals(11.0, aimd.currentRate());
        aimd.recordSuccess(S);
        aimd.recordSuccess(2 * S);
        assertEquals(11.5, aimd.currentRate(), "capped at the maximum");
        aimd.recordFailure(3 * S, OutcomeFeedback.Reason.TIMEOUT);
        aimd.recordFailure(4 * S, OutcomeFeedback.Reason.FAILURE);
        aimd.recordFailure(5 * S, OutcomeFeedback.Reason.THROTTLED);
        assertEquals(2.0, aimd.currentRate(), "11.5 → 5.75 → 2.875 → floored at 2");
        aimd.recordFailure(6 * S, OutcomeFeedback.Reason.FAILURE);
        assertEquals(3L, aimd.successes());
        assertEquals(4L, aimd.failures());
        assertEquals(1L, aimd.timeouts());
        assertEquals(2L, aimd.rateIncreases());
        assertEquals(3L, aimd.rateDecreases());
        assertEquals(5, aimd.rateHistory().size(), "only changes are recorded");
        assertEquals(new AdaptivePolicy.RateChange(5 * S, 2.0, OutcomeFeedback.Reason.THROTTLED), aimd.rateHistory().get(4));
    }

    @Test
    void anAdaptivePolicyIsATokenBucketOfOneWindowAtItsCurrentRate() {
        AdaptivePolicy aimd = AdaptivePolicy.builder().initialRate(4).windowSeconds(1).build();
        int burst = 0;
        while (aimd.tryAcquire(0)) {
            burst++;
        }
        assertEquals(4, burst, "starts full: rate × window tokens");
        assertEquals(250 * MS, aimd.nanosUntilAvailable(0));
        aimd.recordFailure(0, OutcomeFeedback.Reason.FAILURE);
        assertEquals(500 * MS, aimd.nanosUntilAvailable(0), "refills at the halved rate");
        aimd.reset();
        assertEquals(4.0, aimd.currentRate());
        assertEquals(4.0, aimd.tokens(0), 1e-12);
    }

    @Test
    void badParametersAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucketPolicy(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucketPolicy(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucketPolicy(3, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new LeakyBucketPolicy(-1));
        assertThrows(IllegalArgumentException.class, () -> new FixedWindowPolicy(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindowLogPolicy(3, 0));
        assertThrows(IllegalArgumentException.class, () -> AdaptivePolicy.builder().decreaseFactor(1).build());
        assertThrows(IllegalArgumentException.class, () -> AdaptivePolicy.builder().initialRate(0.5).build());
    }

    /** Zero wait exactly when tryAcquire succeeds; a positive wait ends exactly when it would (1 ns earlier it would not). */
    @Test
    void everyPolicysWaitIsZeroExactlyWhenItWouldAdmitAndEndsWhenItWould() {
        List<Supplier<RateLimitPolicy>> policies = List.of(
                () -> new TokenBucketPolicy(3, 7, 1),
                () -> new LeakyBucketPolicy(3),
                () -> new FixedWindowPolicy(4, 0.3),
                () -> new SlidingWindowLogPolicy(4, 0.3),
                () -> new SlidingWindowCounterPolicy(4, 0.3),
                () -> AdaptivePolicy.builder().initialRate(6).increaseStep(0.5).build());
        for (Supplier<RateLimitPolicy> make : policies) {
            RateLimitPolicy policy = make.get();
            boolean exactClock = !(policy instanceof TokenBucketPolicy || policy instanceof AdaptivePolicy);
            SplittableRandom random = new SplittableRandom(11);
            long t = 0;
            int waits = 0;
            for (int i = 0; i < 5_000; i++) {
                t += random.nextInt(3) == 0 ? 0 : random.nextLong(120 * MS);
                long at = t;
                long wait = policy.nanosUntilAvailable(t);
                boolean admitted = policy.tryAcquire(t);
                assertEquals(wait == 0, admitted, () -> policy + " at " + at + ": wait " + wait);
                if (!admitted) {
                    waits++;
                    assertTrue(wait > 0);
                    if (exactClock && wait > 1) {
                        assertTrue(policy.nanosUntilAvailable(t + wait - 1) > 0, () -> policy + ": the wait was longer than needed");
                    }
                    t += wait;
                    assertEquals(0L, policy.nanosUntilAvailable(t), () -> policy + ": still not ready after the wait");
                    assertTrue(policy.tryAcquire(t), () -> policy + ": refused after the wait");
                }
                if (policy instanceof AdaptivePolicy aimd && i % 5 == 0) {
                    aimd.recordFailure(t, OutcomeFeedback.Reason.TIMEOUT);
                } else if (policy instanceof AdaptivePolicy aimd) {
                    aimd.recordSuccess(t);
                }
            }
            assertTrue(waits > 100, policy + " was never asked to wait");
        }
    }

    @Test
    void aResetPolicyBehavesAsAFreshOne() {
        List<Supplier<RateLimitPolicy>> policies = List.of(
                () -> new TokenBucketPolicy(3, 7, 1),
                () -> new LeakyBucketPolicy(3),
                () -> new FixedWindowPolicy(4, 0.3),
                () -> new SlidingWindowLogPolicy(4, 0.3),
                () -> new SlidingWindowCounterPolicy(4, 0.3),
                () -> AdaptivePolicy.builder().initialRate(6).build());
        for (Supplier<RateLimitPolicy> make : policies) {
            RateLimitPolicy used = make.get();
            trace(used);
            used.reset();
            assertEquals(trace(make.get()), trace(used), used + " after a reset");
        }
    }

    private static List<Long> trace(RateLimitPolicy policy) {
        SplittableRandom random = new SplittableRandom(5);
        List<Long> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 500; i++) {
            t += random.nextLong(80 * MS);
            out.add(policy.nanosUntilAvailable(t));
            out.add(policy.tryAcquire(t) ? 1L : 0L);
        }
        return out;
    }
}
