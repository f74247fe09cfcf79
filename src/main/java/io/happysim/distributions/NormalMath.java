package io.happysim.distributions;

/**
 * The standard normal's density, distribution function and quantile, to about 1e-13 relative:
 * what the truncated normal and the log-normal fits need, without a numerics library.
 */
final class NormalMath {
    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private NormalMath() {
    }

    static double density(double z) {
        return Math.exp(-z * z / 2) / SQRT_2PI;
    }

    /** Φ(z) = P(Z ≤ z). */
    static double cdf(double z) {
        return erfc(-z / SQRT_2) / 2;
    }

    /** 1 − Φ(z), accurate far in the upper tail. */
    static double upperTail(double z) {
        return erfc(z / SQRT_2) / 2;
    }

    /**
     * erfc by the all-positive series of erf below 2.5 (no cancellation) and the continued
     * fraction {@code e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …))))} above.
     */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            double term = x;
            double sum = x;
            double twoXSquared = 2 * x * x;
            for (int n = 1; n < 200 && term > sum * 1e-17; n++) {
                term *= twoXSquared / (2 * n + 1);
                sum += term;
            }
            return 1 - TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
        }
        double fraction = x;
        for (int n = 60; n >= 1; n--) {
            fraction = x + (n / 2.0) / fraction;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
    }

    /** Φ⁻¹(p): Acklam's rational approximation (1e-9), polished by one Halley step. */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1, got " + p);
        }
        double x;
        if (p < 0.02425) {
            x = lowerTail(Math.sqrt(-2 * Math.log(p)));
        } else if (p > 1 - 0.02425) {
            x = -lowerTail(Math.sqrt(-2 * Math.log1p(-p)));
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                    / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        if (p > 1e-300) {
            double error = (p < 0.5 ? cdf(x) - p : (1 - p) - upperTail(x));
            double u = error * SQRT_2PI * Math.exp(x * x / 2);
            x = x - u / (1 + x * u / 2);
        }
        return x;
    }

    private static double lowerTail(double q) {
        return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1);
    }
}
