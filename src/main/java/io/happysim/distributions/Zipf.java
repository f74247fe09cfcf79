package io.happysim.distributions;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Zipf's law over n values in rank order: P(rank k) = k^(−s)/H(n, s), H(n, s) = Σ_{j=1..n} j^(−s);
 * s = 0 is uniform, s ≈ 1 the classic skew of key popularity. Drawn by inverse CDF: a binary
 * search of the cumulative probabilities, the last forced to 1 so rounding cannot fall off the end.
 */
public final class Zipf<T> implements Discrete<T> {
    private final List<T> values;
    private final double s;
    private final double harmonic;
    private final double[] cumulative;

    Zipf(List<T> valuesInRankOrder, double s) {
        if (valuesInRankOrder == null || valuesInRankOrder.isEmpty()) {
            throw new IllegalArgumentException("Zipf needs at least one value");
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("the exponent s must be finite and >= 0, got " + s);
        }
        this.values = List.copyOf(valuesInRankOrder);
        this.s = s;
        int n = values.size();
        cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += Math.pow(k, -s);
            cumulative[k - 1] = sum;
        }
        this.harmonic = sum;
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    @Override
    public T sample(SplittableRandom random) {
        return values.get(sampleRank(random) - 1);
    }

    /** A rank, 1 (most popular) to n: the first whose cumulative probability exceeds a uniform draw. */
    public int sampleRank(SplittableRandom random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low + 1;
    }

    /** k^(−s)/H(n, s) for rank k in 1..n. */
    public double probability(int rank) {
        if (rank < 1 || rank > values.size()) {
            throw new IllegalArgumentException("rank must be in 1.." + values.size() + ", got " + rank);
        }
        return Math.pow(rank, -s) / harmonic;
    }

    /** The probability of the value's rank (its first position); 0 if absent. Linear in n. */
    @Override
    public double probabilityOf(T value) {
        int index = values.indexOf(value);
        return index < 0 ? 0 : probability(index + 1);
    }

    /** How many of {@code draws} are expected to be the value of rank {@code rank}. */
    public double expectedFrequency(int rank, long draws) {
        return probability(rank) * draws;
    }

    /** The chance a draw is among the {@code n} most popular values. */
    public double topProbability(int n) {
        if (n <= 0) {
            return 0;
        }
        return cumulative[Math.min(n, cumulative.length) - 1];
    }

    /** H(n, s). */
    public double harmonic() {
        return harmonic;
    }

    public double exponent() {
        return s;
    }

    @Override
    public List<T> values() {
        return values;
    }

    @Override
    public String toString() {
        return "zipf(" + values.size() + " values, s " + s + ")";
    }
}
