package io.happysim.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each distribution against its closed form: 200,000 draws per seed, three seeds, within 3%.
 * With n draws the sample mean's relative error is about CV/√n (0.1–0.5% here), so 3% is far
 * beyond noise and a wrong formula or sampler cannot pass.
 */
class DistributionsTest {
    private static final int N = 200_000;
    private static final long[] SEEDS = {1, 2, 3};
    /** Φ(1), the standard normal's distribution function at 1 (tabulated). */
    private static final double PHI_1 = 0.8413447460685429;

    private static double[] draws(Distribution distribution, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = distribution.sample(random);
        }
        return x;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }

    private static double fraction(double[] x, java.util.function.DoublePredicate test) {
        return Arrays.stream(x).filter(test).count() / (double) x.length;
    }

    private static void within3Percent(double expected, double actual, String what) {
        assertEquals(expected, actual, 0.03 * Math.abs(expected), what);
    }

    private static double density(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void normalHasItsMeanVarianceAndCdf() {
        Normal normal = Distribution.normal(10, 2);
        for (long seed : SEEDS) {
            double[] x = draws(normal, seed);
            within3Percent(10, mean(x), "mean");
            within3Percent(4, variance(x), "variance σ²");
            within3Percent(PHI_1, fraction(x, v -> v <= 12), "P(X ≤ μ + σ) = Φ(1)");
        }
        assertEquals(10, normal.mean());
    }

    @Test
    void aNormalTimeClampsNegativeDrawsToZero() {
        Normal normal = Distribution.normal(0, 1);
        SplittableRandom random = new SplittableRandom(1);
        long zeros = 0;
        for (int i = 0; i < N; i++) {
            long nanos = normal.sampleNanos(random);
            assertTrue(nanos >= 0);
            zeros += nanos == 0 ? 1 : 0;
        }
        within3Percent(0.5, zeros / (double) N, "half the draws are negative: zero durations");
    }

    /** Truncated below at 0, α = −μ/σ, λ = φ(α)/(1 − Φ(α)): mean μ + σλ, variance σ²(1 + αλ − λ²). */
    @Test
    void theNormalTruncatedAtZeroHasTheTruncatedMeanAndVariance() {
        double[][] cases = {{1, 1, PHI_1}, {-2, 1, 0.022750131948179195 /* 1 − Φ(2) */}};
        for (double[] c : cases) {
            double mu = c[0];
            double sigma = c[1];
            double alpha = -mu / sigma;
            double lambda = density(alpha) / c[2];
            double expectedMean = mu + sigma * lambda;
            double expectedVariance = sigma * sigma * (1 + alpha * lambda - lambda * lambda);
            Normal truncated = Distribution.normalAtLeastZero(mu, sigma);
            assertEquals(expectedMean, truncated.mean(), 1e-9);
            assertEquals(expectedVariance, truncated.variance(), 1e-9);
            for (long seed : SEEDS) {
                double[] x = draws(truncated, seed);
                assertTrue(Arrays.stream(x).allMatch(v -> v >= 0), "never negative");
                within3Percent(expectedMean, mean(x), "truncated mean, μ = " + mu);
                within3Percent(expectedVariance, variance(x), "truncated variance, μ = " + mu);
            }
        }
    }

    @Test
    void logNormalHasMeanExpMuPlusHalfSigmaSquaredAndMedianExpMu() {
        double mu = -3;
        double sigma = 0.5;
        LogNormal logNormal = Distribution.logNormal(mu, sigma);
        double expectedMean = Math.exp(mu + sigma * sigma / 2);
        double expectedVariance = (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma);
        for (long seed : SEEDS) {
            double[] x = draws(logNormal, seed);
            within3Percent(expectedMean, mean(x), "mean e^(μ+σ²/2)");
            within3Percent(expectedVariance, variance(x), "variance (e^σ² − 1)e^(2μ+σ²)");
            within3Percent(0.5, fraction(x, v -> v <= Math.exp(mu)), "median e^μ");
        }
    }

    @Test
    void logNormalsFittedToMeasurementsHaveThem() {
        LogNormal byMedian = Distribution.logNormalFromMedianAndP99(0.010, 0.100);
        assertEquals(0.010, byMedian.quantile(0.5), 1e-15);
        assertEquals(0.100, byMedian.quantile(0.99), 1e-12);
        LogNormal byMean = Distribution.logNormalFromMeanAndP99(0.020, 0.100);
        assertEquals(0.020, byMean.mean(), 1e-15);
        assertEquals(0.100, byMean.quantile(0.99), 1e-12);
        assertTrue(byMean.sigma() < 2.3263478740408408, "the smaller root: σ below z₀.₉₉");
        for (long seed : SEEDS) {
            double[] x = draws(byMean, seed);
            within3Percent(0.020, mean(x), "fitted mean");
            within3Percent(0.99, fraction(x, v -> v <= 0.100), "fitted p99");
            within3Percent(0.5, fraction(draws(byMedian, seed), v -> v <= 0.010), "fitted median");
        }
        assertThrows(IllegalArgumentException.class, () -> Distribution.logNormalFromMeanAndP99(1, 20),
                "a p99 beyond e^(z²/2) ≈ 15 times the mean has no log-normal");
    }

    @Test
    void paretoHasMeanShapeTimesScaleOverShapeMinusOneAndAPowerTail() {
        double scale = 2;
        double shape = 3;
        Pareto pareto = Distribution.pareto(scale, shape);
        double expectedMean = shape * scale / (shape - 1);
        assertEquals(expectedMean, pareto.mean(), 1e-12);
        for (long seed : SEEDS) {
            double[] x = draws(pareto, seed);
            within3Percent(expectedMean, mean(x), "mean αx_m/(α−1)");
            within3Percent(Math.pow(scale / 4, shape), fraction(x, v -> v > 4), "P(X > 4) = (x_m/4)^α");
            assertTrue(Arrays.stream(x).allMatch(v -> v >= scale), "never below the scale");
        }
        assertEquals(Double.POSITIVE_INFINITY, Distribution.pareto(1, 1).mean(), "α ≤ 1: infinite mean");
    }

    @Test
    void empiricalResamplesTheGivenValuesEquallyOften() {
        Empirical empirical = Distribution.empirical(1, 2, 3, 10);
        assertEquals(4.0, empirical.mean(), 1e-15);
        for (long seed : SEEDS) {
            double[] x = draws(empirical, seed);
            within3Percent(4.0, mean(x), "mean of the values");
            for (double value : new double[] {1, 2, 3, 10}) {
                within3Percent(0.25, fraction(x, v -> v == value), "each value 1/4");
            }
        }
    }
}
