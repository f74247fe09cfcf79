package io.happysim.distributions;

import java.util.SplittableRandom;

/**
 * Normal with mean μ and standard deviation σ, optionally truncated at zero for times.
 *
 * <p>Plain: draws can be negative; as a duration ({@link #sampleNanos}) a negative draw counts as
 * zero, so for μ close to 0 the time has an atom at 0 and a mean above μ. Truncated: the normal
 * conditioned on being ≥ 0 (the density restricted to [0, ∞) and renormalised), drawn exactly by
 * inverting the distribution function on [Φ(−μ/σ), 1); its {@link #mean()} is that of the
 * truncated law, μ + σ·φ(μ/σ)/Φ(μ/σ), not μ.
 */
public final class Normal implements Distribution {
    private final double mu;
    private final double sigma;
    private final boolean truncatedAtZero;
    /** P(X ≥ 0) for the untruncated law: the mass a truncated draw is spread over. */
    private final double massAboveZero;

    private Normal(double mu, double sigma, boolean truncatedAtZero) {
        if (!Double.isFinite(mu) || !(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("need a finite mean and a finite sd >= 0, got " + mu + " and " + sigma);
        }
        this.mu = mu;
        this.sigma = sigma;
        this.truncatedAtZero = truncatedAtZero;
        this.massAboveZero = sigma == 0 ? (mu >= 0 ? 1 : 0) : NormalMath.upperTail(-mu / sigma);
        if (truncatedAtZero && !(massAboveZero > 0)) {
            throw new IllegalArgumentException("normal(" + mu + ", " + sigma + ") has no mass above 0 to truncate to");
        }
    }

    static Normal of(double mean, double sd) {
        return new Normal(mean, sd, false);
    }

    static Normal truncatedAtZero(double mean, double sd) {
        return new Normal(mean, sd, true);
    }

    @Override
    public double sample(SplittableRandom random) {
        if (!truncatedAtZero) {
            return mu + sigma * random.nextGaussian();
        }
        if (sigma == 0) {
            return mu;
        }
        // P(Z > z) = v for v uniform on (0, P(X ≥ 0)]: z = −Φ⁻¹(v) ≥ −μ/σ, exact far into either tail
        double v = massAboveZero * (1 - random.nextDouble());
        double z = v >= 1 ? Double.NEGATIVE_INFINITY : -NormalMath.quantile(v);
        return Math.max(0, mu + sigma * z);
    }

    @Override
    public double mean() {
        if (!truncatedAtZero || sigma == 0) {
            return mu;
        }
        return mu + sigma * NormalMath.density(mu / sigma) / massAboveZero;
    }

    /** σ² for the plain normal; truncated, σ²(1 + αλ − λ²) with α = −μ/σ and λ = φ(α)/(1 − Φ(α)). */
    public double variance() {
        if (!truncatedAtZero || sigma == 0) {
            return sigma * sigma;
        }
        double alpha = -mu / sigma;
        double lambda = NormalMath.density(alpha) / massAboveZero;
        return sigma * sigma * (1 + alpha * lambda - lambda * lambda);
    }

    @Override
    public String toString() {
        return (truncatedAtZero ? "normal≥0(" : "normal(") + mu + ", sd " + sigma + ")";
    }
}
