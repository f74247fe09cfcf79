package io.happysim.components.client;

import io.happysim.core.Instant;
import java.util.SplittableRandom;

/**
 * Whether a failed attempt is tried again and how long to wait first. Attempts count from 1 and
 * include the first, so {@code maxAttempts} 3 is one try and two retries; the k-th retry waits
 * {@link Backoff#nextDelayNanos} of a backoff made for that request.
 *
 * <p>Unlike the original, the first retry of an exponential backoff waits {@code initial} and
 * the k-th waits {@code initial · multiplier^(k−1)} (the original passed the attempt that had
 * just failed, so its first two retries both waited {@code initial}); decorrelated jitter keeps
 * its previous wait per request, not in the shared policy.
 */
public sealed interface RetryPolicy permits RetryPolicy.NoRetry, RetryPolicy.FixedRetry, RetryPolicy.ExponentialBackoff {
    /** Attempts per logical request, the first included (at least 1). */
    int maxAttempts();

    /** A fresh sequence of waits for one logical request. */
    Backoff newBackoff();

    /** One attempt, no retry. */
    static RetryPolicy none() {
        return NoRetry.INSTANCE;
    }

    /** Up to {@code maxAttempts} attempts, each retry after {@code delaySeconds}. */
    static RetryPolicy fixed(double delaySeconds, int maxAttempts) {
        return new FixedRetry(delaySeconds, maxAttempts);
    }

    /** Retry k waits min(cap, initial · multiplier^(k−1)); add jitter with {@link ExponentialBackoff#withJitter}. */
    static ExponentialBackoff exponential(double initialSeconds, double multiplier, double capSeconds, int maxAttempts) {
        return new ExponentialBackoff(initialSeconds, multiplier, capSeconds, maxAttempts, Jitter.NONE);
    }

    /** AWS's decorrelated jitter: each wait uniform in [base, 3 · previous wait], capped. */
    static ExponentialBackoff decorrelatedJitter(double baseSeconds, double capSeconds, int maxAttempts) {
        return new ExponentialBackoff(baseSeconds, 3.0, capSeconds, maxAttempts, Jitter.DECORRELATED);
    }

    /** Never retries. */
    record NoRetry() implements RetryPolicy {
        static final NoRetry INSTANCE = new NoRetry();
        private static final Backoff NEVER = random -> {
            throw new IllegalStateException("no retry policy has no retry delay");
        };

        @Override
        public int maxAttempts() {
            return 1;
        }

        @Override
        public Backoff newBackoff() {
            return NEVER;
        }
    }

    /** The same wait before every retry. */
    record FixedRetry(double delaySeconds, int maxAttempts) implements RetryPolicy {
        public FixedRetry {
            if (!(delaySeconds >= 0) || Double.isInfinite(delaySeconds)) {
                throw new IllegalArgumentException("retry delay must be >= 0 and finite, got " + delaySeconds);
            }
            requireAttempts(maxAttempts);
        }

        @Override
        public Backoff newBackoff() {
            long delay = Instant.secondsToNanos(delaySeconds);
            return random -> delay;
        }
    }

    /** Waits that grow geometrically up to a cap, optionally jittered. */
    record ExponentialBackoff(double initialSeconds, double multiplier, double capSeconds, int maxAttempts, Jitter jitter)
            implements RetryPolicy {
        public ExponentialBackoff {
            if (!(initialSeconds > 0) || Double.isInfinite(initialSeconds)) {
                throw new IllegalArgumentException("initial delay must be positive and finite, got " + initialSeconds);
            }
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be >= 1 and finite, got " + multiplier);
            }
            if (!(capSeconds >= initialSeconds) || Double.isInfinite(capSeconds)) {
                throw new IllegalArgumentException("cap must be >= the initial delay and finite, got " + capSeconds);
            }
            requireAttempts(maxAttempts);
            if (jitter == null) {
                throw new IllegalArgumentException("jitter must be given (Jitter.NONE for none)");
            }
        }

        public ExponentialBackoff withJitter(Jitter newJitter) {
            return new ExponentialBackoff(initialSeconds, multiplier, capSeconds, maxAttempts, newJitter);
        }

        /** The un-jittered wait before retry {@code k} (from 1), in seconds. */
        public double backoffSeconds(int k) {
            return Math.min(capSeconds, initialSeconds * Math.pow(multiplier, k - 1));
        }

        @Override
        public Backoff newBackoff() {
            return new Backoff() {
                private int retries;
                private double previous = initialSeconds;

                @Override
                public long nextDelayNanos(SplittableRandom random) {
                    double e = backoffSeconds(++retries);
                    double seconds = switch (jitter) {
                        case NONE -> e;
                        case FULL -> e * random.nextDouble();
                        case EQUAL -> e / 2 + e / 2 * random.nextDouble();
                        case DECORRELATED -> previous = Math.min(capSeconds,
                                initialSeconds + (previous * multiplier - initialSeconds) * random.nextDouble());
                    };
                    return Instant.secondsToNanos(seconds);
                }
            };
        }
    }

    private static void requireAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }
}
