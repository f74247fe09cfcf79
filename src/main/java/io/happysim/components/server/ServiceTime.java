package io.happysim.components.server;

import io.happysim.core.Instant;
import java.util.SplittableRandom;

/** How long one piece of work takes; random ones draw from the server's own seeded stream. */
public interface ServiceTime {
    long sampleNanos(SplittableRandom random);

    /** The mean in seconds (what a server reports as {@code service_time}). */
    double meanSeconds();

    static ServiceTime constant(double seconds) {
        requireNonNegative(seconds);
        long nanos = Instant.secondsToNanos(seconds);
        return new ServiceTime() {
            @Override
            public long sampleNanos(SplittableRandom random) {
                return nanos;
            }

            @Override
            public double meanSeconds() {
                return seconds;
            }

            @Override
            public String toString() {
                return "constant(" + seconds + " s)";
            }
        };
    }

    static ServiceTime exponential(double meanSeconds) {
        if (!(meanSeconds > 0) || Double.isInfinite(meanSeconds)) {
            throw new IllegalArgumentException("mean service time must be positive and finite, got " + meanSeconds);
        }
        return new ServiceTime() {
            @Override
            public long sampleNanos(SplittableRandom random) {
                return Instant.secondsToNanos(-meanSeconds * Math.log(1.0 - random.nextDouble()));
            }

            @Override
            public double meanSeconds() {
                return meanSeconds;
            }

            @Override
            public String toString() {
                return "exponential(mean " + meanSeconds + " s)";
            }
        };
    }

    static ServiceTime uniform(double minSeconds, double maxSeconds) {
        requireNonNegative(minSeconds);
        if (!(maxSeconds >= minSeconds) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("need 0 <= min <= max < infinity, got [" + minSeconds + ", " + maxSeconds + "]");
        }
        return new ServiceTime() {
            @Override
            public long sampleNanos(SplittableRandom random) {
                return Instant.secondsToNanos(minSeconds + (maxSeconds - minSeconds) * random.nextDouble());
            }

            @Override
            public double meanSeconds() {
                return (minSeconds + maxSeconds) / 2;
            }

            @Override
            public String toString() {
                return "uniform(" + minSeconds + " s, " + maxSeconds + " s)";
            }
        };
    }

    private static void requireNonNegative(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("service time must be finite and non-negative, got " + seconds);
        }
    }
}
