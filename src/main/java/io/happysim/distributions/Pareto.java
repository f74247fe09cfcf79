package io.happysim.distributions;

import java.util.SplittableRandom;

/**
 * Pareto with scale x_m (the minimum) and shape α: P(X > x) = (x_m/x)^α for x ≥ x_m. The heavy
 * tail of job sizes and outage lengths; the mean is infinite for α ≤ 1, the variance for α ≤ 2.
 */
public final class Pareto implements Distribution {
    private final double scale;
    private final double shape;

    Pareto(double scale, double shape) {
        if (!(scale > 0) || !(shape > 0) || Double.isInfinite(scale) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("scale and shape must be positive and finite, got " + scale + " and " + shape);
        }
        this.scale = scale;
        this.shape = shape;
    }

    /** x_m·U^(−1/α) for U uniform on (0, 1]. */
    @Override
    public double sample(SplittableRandom random) {
        return scale * Math.pow(1 - random.nextDouble(), -1 / shape);
    }

    /** α·x_m/(α − 1), infinite for α ≤ 1. */
    @Override
    public double mean() {
        return shape > 1 ? shape * scale / (shape - 1) : Double.POSITIVE_INFINITY;
    }

    /** P(X > x). */
    public double survival(double x) {
        return x <= scale ? 1 : Math.pow(scale / x, shape);
    }

    @Override
    public String toString() {
        return "pareto(scale " + scale + ", shape " + shape + ")";
    }
}
