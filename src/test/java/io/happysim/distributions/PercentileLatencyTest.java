package io.happysim.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A latency fitted to measured percentiles has exactly those percentiles, and a finite mean. */
class PercentileLatencyTest {
    private static final double[] P = {0.50, 0.90, 0.99, 0.999};
    private static final double[] V = {0.020, 0.045, 0.180, 0.600};
    private static final long[] SEEDS = {1, 2, 3};

    private static PercentileLatency measured() {
        return Distribution.percentiles().p50(V[0]).p90(V[1]).p99(V[2]).p999(V[3]).build();
    }

    @Test
    void everyGivenPercentileIsReproducedExactly() {
        PercentileLatency latency = measured();
        for (int i = 0; i < P.length; i++) {
            assertEquals(V[i], latency.quantile(P[i]), 1e-15, "p" + P[i]);
        }
        assertEquals(0.0, latency.quantile(0));
        // beyond the p999 the tail continues the last piece: scale (0.600 − 0.180)/ln(0.01/0.001)
        double theta = (0.600 - 0.180) / Math.log(10);
        assertEquals(theta, latency.tailScale(), 1e-12);
        assertEquals(0.600 + theta * Math.log(10), latency.quantile(0.9999), 1e-12);
    }

    /**
     * 500,000 draws a seed: the empirical p999's sd is about θ/√(n·0.001) = 0.0082 s, 1.4% of
     * 0.600 (the lower percentiles are tighter); averaged over three seeds 0.8%, so each
     * percentile within 3% over the seeds, within 6% for each seed.
     */
    @Test
    void drawsHaveTheGivenPercentilesAndTheMean() {
        PercentileLatency latency = measured();
        int n = 500_000;
        double[] pooled = new double[P.length];
        double pooledMean = 0;
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = latency.sample(random);
            }
            pooledMean += Arrays.stream(x).average().orElseThrow() / SEEDS.length;
            Arrays.sort(x);
            for (int k = 0; k < P.length; k++) {
                double empirical = x[(int) Math.ceil(P[k] * n) - 1];
                assertEquals(V[k], empirical, 0.06 * V[k], "seed " + seed + ", p" + P[k]);
                pooled[k] += empirical / SEEDS.length;
            }
        }
        for (int k = 0; k < P.length; k++) {
            assertEquals(V[k], pooled[k], 0.03 * V[k], "p" + P[k] + " over three seeds");
        }
        assertEquals(latency.mean(), pooledMean, 0.03 * latency.mean(), "sample mean");
    }

    /** E[X] = ∫₀¹ Q(p) dp, integrated numerically over a = −ln(1 − p) (dp = e^(−a) da) up to a = 30 (what lies beyond weighs e^(−30)). */
    @Test
    void theClosedFormMeanEqualsTheIntegralOfTheQuantileFunction() {
        PercentileLatency latency = measured();
        double step = 1e-4;
        double integral = 0;
        for (double a = step / 2; a < 30; a += step) {
            integral += latency.quantile(-Math.expm1(-a)) * Math.exp(-a) * step;
        }
        assertEquals(integral, latency.mean(), 1e-6 * integral);
        assertTrue(Double.isFinite(latency.mean()));
    }

    @Test
    void oneGivenPercentileIsTheExponentialThroughIt() {
        PercentileLatency median = Distribution.percentiles().p50(0.1).build();
        assertEquals(0.1 / Math.log(2), median.mean(), 1e-12, "exponential with median 0.1: mean 0.1/ln 2");
        assertEquals(0.1 * Math.log(10) / Math.log(2), median.quantile(0.9), 1e-12);
    }

    @Test
    void aMinimumStartsTheFirstPiece() {
        PercentileLatency latency = Distribution.percentiles().minimum(0.005).p50(0.020).build();
        assertEquals(0.005, latency.quantile(0));
        assertEquals(0.020, latency.quantile(0.5), 1e-15);
        assertEquals(0.005 + 0.015 / Math.log(2), latency.mean(), 1e-12, "minimum + exponential of scale 0.015/ln 2");
    }

    @Test
    void theReferencesExponentialFitIsKeptForMemorylessModels() {
        // λ = Σcᵢvᵢ/Σvᵢ² with cᵢ = −ln(1 − pᵢ): p50 = 0.1, p99 = 0.5
        double lambda = (Math.log(2) * 0.1 + Math.log(100) * 0.5) / (0.1 * 0.1 + 0.5 * 0.5);
        Distribution fit = Distribution.percentiles().p50(0.1).p99(0.5).exponentialFit();
        assertEquals(1 / lambda, fit.mean(), 1e-12);
    }

    @Test
    void percentilesMustNotDecrease() {
        assertThrows(IllegalArgumentException.class, () -> Distribution.percentiles().p50(0.2).p99(0.1).build());
        assertThrows(IllegalArgumentException.class, () -> Distribution.percentiles().build());
        assertThrows(IllegalArgumentException.class, () -> Distribution.percentiles().at(1.0, 1));
    }
}
