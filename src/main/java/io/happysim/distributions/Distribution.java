package io.happysim.distributions;

import io.happysim.core.Instant;
import java.util.SplittableRandom;

/**
 * A random quantity — a service time, a network delay, a value — drawn from a stream the caller
 * hands in, so every draw comes from the simulation's seed ({@code Entity.random(...)}).
 * Times are in seconds; {@link #sampleNanos} turns a draw into a non-negative duration.
 */
public interface Distribution {
    /** One draw. */
    double sample(SplittableRandom random);

    /** The mean (what a server reports as {@code service_time}). */
    double mean();

    /** One draw as a duration in nanoseconds, negative draws clamped to zero. */
    default long sampleNanos(SplittableRandom random) {
        double seconds = sample(random);
        return seconds > 0 ? Instant.secondsToNanos(seconds) : 0L;
    }

    static Distribution constant(double value) {
        requireFinite("value", value);
        return new Distribution() {
            @Override
            public double sample(SplittableRandom random) {
                return value;
            }

            @Override
            public double mean() {
                return value;
            }

            @Override
            public String toString() {
                return "constant(" + value + ")";
            }
        };
    }

    /** Exponential with the given mean (rate 1/mean). */
    static Distribution exponential(double mean) {
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("the mean must be positive and finite, got " + mean);
        }
        return new Distribution() {
            @Override
            public double sample(SplittableRandom random) {
                return -mean * Math.log(1.0 - random.nextDouble());
            }

            @Override
            public double mean() {
                return mean;
            }

            @Override
            public String toString() {
                return "exponential(mean " + mean + ")";
            }
        };
    }

    static Distribution uniform(double min, double max) {
        requireFinite("min", min);
        if (!(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("need min <= max < infinity, got [" + min + ", " + max + "]");
        }
        return new Distribution() {
            @Override
            public double sample(SplittableRandom random) {
                return min + (max - min) * random.nextDouble();
            }

            @Override
            public double mean() {
                return (min + max) / 2;
            }

            @Override
            public String toString() {
                return "uniform(" + min + ", " + max + ")";
            }
        };
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
    }
}
