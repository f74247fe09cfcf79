package io.happysim.distributions;

import java.util.SplittableRandom;

/**
 * e^(μ + σZ) for a standard normal Z: the usual shape of service latencies (positive, skewed
 * right). Build it from μ and σ, or from what one measures: a mean and a p99, or a median and a p99.
 */
public final class LogNormal implements Distribution {
    private static final double Z99 = NormalMath.quantile(0.99);

    private final double mu;
    private final double sigma;

    private LogNormal(double mu, double sigma) {
        if (!Double.isFinite(mu) || !(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("need a finite μ and a finite σ >= 0, got " + mu + " and " + sigma);
        }
        this.mu = mu;
        this.sigma = sigma;
    }

    static LogNormal of(double mu, double sigma) {
        return new LogNormal(mu, sigma);
    }

    /** Median e^μ, so μ = ln median and σ = ln(p99/median)/z₀.₉₉. */
    static LogNormal fromMedianAndP99(double median, double p99) {
        if (!(median > 0) || !(p99 >= median) || Double.isInfinite(p99)) {
            throw new IllegalArgumentException("need 0 < median <= p99 < ∞, got " + median + " and " + p99);
        }
        return new LogNormal(Math.log(median), Math.log(p99 / median) / Z99);
    }

    /**
     * Solves μ + σ²/2 = ln mean and μ + z₀.₉₉·σ = ln p99: σ = z − √(z² − 2·ln(p99/mean)), the smaller
     * root (the larger gives a tail so heavy that the mean sits beyond the p99). Needs
     * mean < p99 ≤ mean·e^(z²/2) ≈ 15·mean.
     */
    static LogNormal fromMeanAndP99(double mean, double p99) {
        if (!(mean > 0) || !(p99 > mean) || Double.isInfinite(p99)) {
            throw new IllegalArgumentException("need 0 < mean < p99 < ∞, got " + mean + " and " + p99);
        }
        double discriminant = Z99 * Z99 - 2 * Math.log(p99 / mean);
        if (discriminant < 0) {
            throw new IllegalArgumentException("no log-normal has mean " + mean + " and p99 " + p99
                    + ": the p99 can be at most " + mean * Math.exp(Z99 * Z99 / 2));
        }
        double sigma = Z99 - Math.sqrt(discriminant);
        return new LogNormal(Math.log(mean) - sigma * sigma / 2, sigma);
    }

    @Override
    public double sample(SplittableRandom random) {
        return Math.exp(mu + sigma * random.nextGaussian());
    }

    /** e^(μ + σ²/2). */
    @Override
    public double mean() {
        return Math.exp(mu + sigma * sigma / 2);
    }

    /** (e^(σ²) − 1)·e^(2μ + σ²). */
    public double variance() {
        return Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma);
    }

    /** e^(μ + σ·Φ⁻¹(p)). */
    public double quantile(double p) {
        return Math.exp(mu + sigma * NormalMath.quantile(p));
    }

    public double mu() {
        return mu;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public String toString() {
        return "logNormal(μ " + mu + ", σ " + sigma + ")";
    }
}
