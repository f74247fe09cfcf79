package io.happysim.distributions;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A latency that has exactly the percentiles one measured (p50, p90, p99, p999 …). Its quantile
 * function passes through every given point and is linear in −ln(1 − p) between them, i.e. an
 * exponential piece between neighbouring percentiles; below the first point it starts from the
 * minimum (0 unless given), beyond the last it continues the last piece: an exponential tail with
 * scale θ = (v_k − v_{k−1}) / ln((1 − p_{k−1})/(1 − p_k)). With one percentile it is the
 * exponential through it. Mean finite, computed in closed form.
 *
 * <p>The reference fitted one exponential by least squares (λ = Σcᵢvᵢ/Σvᵢ², cᵢ = −ln(1 − pᵢ)),
 * which misses every percentile but one when several are given: {@link Builder#exponentialFit()}
 * keeps it for models that need a memoryless service time (to compare with M/M/c formulas).
 */
public final class PercentileLatency implements Distribution {
    /** Breakpoints in a = −ln(1 − p): a[0] = 0 (p = 0, the minimum) then each given percentile. */
    private final double[] a;
    private final double[] values;
    /** Slope dv/da of each piece; the last is the tail's scale θ. */
    private final double[] slopes;
    private final double mean;

    private PercentileLatency(double minimum, TreeMap<Double, Double> points) {
        int n = points.size() + 1;
        a = new double[n];
        values = new double[n];
        values[0] = minimum;
        int i = 1;
        for (Map.Entry<Double, Double> point : points.entrySet()) {
            a[i] = -Math.log1p(-point.getKey());
            values[i] = point.getValue();
            if (!(values[i] >= values[i - 1])) {
                throw new IllegalArgumentException("percentile values must not decrease (and not fall below the minimum "
                        + minimum + "): p" + point.getKey() + " = " + point.getValue());
            }
            i++;
        }
        slopes = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            slopes[k] = (values[k + 1] - values[k]) / (a[k + 1] - a[k]);
        }
        mean = integrateMean();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * E[Q(A)] for A ~ Exp(1): each piece ∫ (v_i + s_i(a − a_i)) e^(−a) da over [a_i, a_{i+1}],
     * plus the tail (v_k + θ)·e^(−a_k).
     */
    private double integrateMean() {
        double total = 0;
        for (int k = 0; k < slopes.length - 1; k++) {
            double survivalStart = Math.exp(-a[k]);
            double survivalEnd = Math.exp(-a[k + 1]);
            total += values[k] * (survivalStart - survivalEnd)
                    + slopes[k] * (survivalStart - survivalEnd - (a[k + 1] - a[k]) * survivalEnd);
        }
        int last = slopes.length - 1;
        double survivalStart = Math.exp(-a[last]);
        // the last piece runs on to infinity: ∫_{a_last}^∞ (v + θ(a − a_last)) e^(−a) da = (v + θ)·e^(−a_last)
        total += (values[last] + slopes[last]) * survivalStart;
        return total;
    }

    /** Draws A ~ Exp(1) and returns Q at p = 1 − e^(−A): no loss of precision in the far tail. */
    @Override
    public double sample(SplittableRandom random) {
        return valueAt(-Math.log(1 - random.nextDouble()));
    }

    /** The value at probability p (0 ≤ p < 1): each given percentile exactly. */
    public double quantile(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in [0, 1), got " + p);
        }
        return valueAt(-Math.log1p(-p));
    }

    private double valueAt(double exponential) {
        int piece = pieceOf(exponential);
        return values[piece] + slopes[piece] * (exponential - a[piece]);
    }

    /** The last breakpoint at or below x, searched by bisection; the last piece runs on to infinity. */
    private int pieceOf(double x) {
        int low = 0;
        int high = slopes.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (a[mid] <= x) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    @Override
    public double mean() {
        return mean;
    }

    /** The scale of the exponential tail beyond the last given percentile. */
    public double tailScale() {
        return slopes[slopes.length - 1];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("percentiles(");
        for (int k = 1; k < a.length; k++) {
            text.append(k > 1 ? ", " : "").append("p").append(-Math.expm1(-a[k])).append(" = ").append(values[k]);
        }
        return text.append(")").toString();
    }

    /** The measured percentiles, in any order; values in seconds. */
    public static final class Builder {
        private final TreeMap<Double, Double> points = new TreeMap<>();
        private double minimum;

        private Builder() {
        }

        /** The value at probability {@code p}, 0 < p < 1 (e.g. 0.99 for the p99). */
        public Builder at(double p, double value) {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("p must be strictly between 0 and 1, got " + p);
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("percentile values must be finite, got " + value);
            }
            if (points.put(p, value) != null) {
                throw new IllegalArgumentException("p" + p + " given twice");
            }
            return this;
        }

        public Builder p50(double value) {
            return at(0.50, value);
        }

        public Builder p90(double value) {
            return at(0.90, value);
        }

        public Builder p99(double value) {
            return at(0.99, value);
        }

        public Builder p999(double value) {
            return at(0.999, value);
        }

        public Builder p9999(double value) {
            return at(0.9999, value);
        }

        /** The smallest possible value (p = 0); 0 unless given. */
        public Builder minimum(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the minimum must be finite, got " + value);
            }
            this.minimum = value;
            return this;
        }

        public PercentileLatency build() {
            requirePoints();
            return new PercentileLatency(minimum, points);
        }

        /** The reference's exponential, λ = Σcᵢvᵢ/Σvᵢ² with cᵢ = −ln(1 − pᵢ): exact for one percentile only. */
        public Distribution exponentialFit() {
            requirePoints();
            double cv = 0;
            double vv = 0;
            for (Map.Entry<Double, Double> point : points.entrySet()) {
                double c = -Math.log1p(-point.getKey());
                cv += c * point.getValue();
                vv += point.getValue() * point.getValue();
            }
            if (!(cv > 0)) {
                throw new IllegalArgumentException("an exponential fit needs a positive percentile value");
            }
            return Distribution.exponential(vv / cv);
        }

        private void requirePoints() {
            if (points.isEmpty()) {
                throw new IllegalArgumentException("give at least one percentile");
            }
        }
    }
}
