package io.happysim.components.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Retry waits: exact without jitter, within bounds and around the known means with it. */
class RetryPolicyTest {
    private static final int DRAWS = 200_000;

    private static List<Double> firstWaits(RetryPolicy policy, int retries, SplittableRandom random) {
        Backoff backoff = policy.newBackoff();
        List<Double> waits = new ArrayList<>();
        for (int k = 0; k < retries; k++) {
            waits.add(backoff.nextDelayNanos(random) / 1e9);
        }
        return waits;
    }

    @Test
    void exponentialWithoutJitterDoublesFromTheInitialDelayUpToTheCap() {
        SplittableRandom random = new SplittableRandom(1);
        List<Double> waits = firstWaits(RetryPolicy.exponential(0.1, 2.0, 10.0, 5), 4, random);
        assertEquals(List.of(0.1, 0.2, 0.4, 0.8), waits, "the first retry waits the initial delay");
        assertEquals(List.of(1.0, 2.0, 4.0, 5.0, 5.0), firstWaits(RetryPolicy.exponential(1.0, 2.0, 5.0, 6), 5, random));
        assertEquals(List.of(0.5, 0.5, 0.5), firstWaits(RetryPolicy.exponential(0.5, 1.0, 5.0, 4), 3, random), "multiplier 1 is a fixed wait");
    }

    @Test
    void fixedAndNone() {
        assertEquals(List.of(0.25, 0.25, 0.25), firstWaits(RetryPolicy.fixed(0.25, 4), 3, new SplittableRandom(1)));
        assertEquals(4, RetryPolicy.fixed(0.25, 4).maxAttempts());
        assertEquals(1, RetryPolicy.none().maxAttempts());
        assertThrows(IllegalStateException.class, () -> RetryPolicy.none().newBackoff().nextDelayNanos(new SplittableRandom(1)));
    }

    @Test
    void fullJitterIsUniformBelowTheBackoff() {
        // third retry: e = 0.4, waits uniform in [0, 0.4], mean 0.2
        RetryPolicy.ExponentialBackoff policy = RetryPolicy.exponential(0.1, 2.0, 10.0, 4).withJitter(Jitter.FULL);
        double e = policy.backoffSeconds(3);
        assertEquals(0.4, e, 1e-12);
        double[] stats = thirdWaitStats(policy);
        assertTrue(stats[0] >= 0 && stats[1] <= e, "min " + stats[0] + ", max " + stats[1]);
        assertEquals(e / 2, stats[2], 0.01 * e / 2);
        assertTrue(stats[0] < 0.01 * e && stats[1] > 0.99 * e, "the draws fill the interval");
    }

    @Test
    void equalJitterKeepsHalfTheBackoff() {
        RetryPolicy.ExponentialBackoff policy = RetryPolicy.exponential(0.1, 2.0, 10.0, 4).withJitter(Jitter.EQUAL);
        double e = policy.backoffSeconds(3);
        double[] stats = thirdWaitStats(policy);
        assertTrue(stats[0] >= e / 2 && stats[1] <= e, "min " + stats[0] + ", max " + stats[1]);
        assertEquals(0.75 * e, stats[2], 0.01 * 0.75 * e);
    }

    @Test
    void decorrelatedJitterGrowsFromTheRequestsOwnPreviousWait() {
        RetryPolicy.ExponentialBackoff policy = RetryPolicy.decorrelatedJitter(0.1, 10.0, 10);
        assertEquals(Jitter.DECORRELATED, policy.jitter());
        assertEquals(3.0, policy.multiplier(), "AWS's factor");
        SplittableRandom random = new SplittableRandom(5);
        double firstSum = 0;
        int outOfBounds = 0;
        for (int i = 0; i < DRAWS; i++) {
            Backoff backoff = policy.newBackoff();
            double first = backoff.nextDelayNanos(random) / 1e9;
            double second = backoff.nextDelayNanos(random) / 1e9;
            boolean firstInBounds = first >= 0.1 - 1e-9 && first <= 0.3;           // [base, 3·base]
            boolean secondInBounds = second >= 0.1 - 1e-9 && second <= 3 * first + 1e-9; // [base, 3·first]
            if (!firstInBounds || !secondInBounds) {
                outOfBounds++;
            }
            firstSum += first;
        }
        assertEquals(0, outOfBounds);
        assertEquals(0.2, firstSum / DRAWS, 0.002, "mean of U(0.1, 0.3)");
    }

    @Test
    void decorrelatedStateIsPerRequestNotShared() {
        RetryPolicy.ExponentialBackoff policy = RetryPolicy.decorrelatedJitter(1.0, 1_000.0, 10);
        Backoff busy = policy.newBackoff();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 20; i++) {
            busy.nextDelayNanos(random);
        }
        Backoff fresh = policy.newBackoff();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(policy.newBackoff().nextDelayNanos(random) <= 3_000_000_000L,
                    "another request's long backoff does not lengthen a new request's first wait");
        }
        assertTrue(fresh.nextDelayNanos(random) <= 3_000_000_000L);
    }

    @Test
    void decorrelatedJitterRespectsTheCap() {
        RetryPolicy.ExponentialBackoff policy = RetryPolicy.decorrelatedJitter(1.0, 2.0, 10);
        Backoff backoff = policy.newBackoff();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1_000; i++) {
            long wait = backoff.nextDelayNanos(random);
            assertTrue(wait >= 1_000_000_000L && wait <= 2_000_000_000L, "wait " + wait);
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.fixed(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.fixed(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(0, 2, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(0.1, 0.5, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(1, 2, 0.5, 3), "cap below the initial delay");
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(0.1, 2, 1, 3).withJitter(null));
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(5, -1));
    }

    /** min, max and mean of the third retry's wait over many requests. */
    private static double[] thirdWaitStats(RetryPolicy policy) {
        SplittableRandom random = new SplittableRandom(42);
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            Backoff backoff = policy.newBackoff();
            backoff.nextDelayNanos(random);
            backoff.nextDelayNanos(random);
            double third = backoff.nextDelayNanos(random) / 1e9;
            min = Math.min(min, third);
            max = Math.max(max, third);
            sum += third;
        }
        return new double[] {min, max, sum / DRAWS};
    }
}
