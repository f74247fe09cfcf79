package io.happysim.distributions;

import io.happysim.core.Instant;
import java.util.SplittableRandom;

/**
 * A random quantity — a service time, a network delay, a value — drawn from a stream the caller
 * hands in, so every draw comes from the simulation's seed ({@code Entity.random(...)}).
 * Times are in seconds; {@link #sampleNanos} turns a draw into a non-negative duration.
 * Choices among values (Zipf keys, a uniform pick) are {@link Discrete}.
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

    /** Normal(mean, sd); a negative draw is a zero duration in {@link #sampleNanos} (see {@link Normal}). */
    static Normal normal(double mean, double sd) {
        return Normal.of(mean, sd);
    }

    /** The normal conditioned on ≥ 0 (negative draws never happen; the mean is the truncated law's). */
    static Normal normalAtLeastZero(double mean, double sd) {
        return Normal.truncatedAtZero(mean, sd);
    }

    /** e^(μ + σZ). */
    static LogNormal logNormal(double mu, double sigma) {
        return LogNormal.of(mu, sigma);
    }

    /** The log-normal with this mean and p99. */
    static LogNormal logNormalFromMeanAndP99(double mean, double p99) {
        return LogNormal.fromMeanAndP99(mean, p99);
    }

    /** The log-normal with this median and p99. */
    static LogNormal logNormalFromMedianAndP99(double median, double p99) {
        return LogNormal.fromMedianAndP99(median, p99);
    }

    /** Pareto with minimum {@code scale} and tail exponent {@code shape}. */
    static Pareto pareto(double scale, double shape) {
        return new Pareto(scale, shape);
    }

    /** Resamples the given values, each equally likely. */
    static Empirical empirical(double... values) {
        return new Empirical(values);
    }

    /** A latency through measured percentiles: {@code Distribution.percentiles().p50(0.02).p99(0.2).build()}. */
    static PercentileLatency.Builder percentiles() {
        return PercentileLatency.builder();
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
    }
}
