package io.happysim.distributions;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Resamples given values (measured latencies, say), each equally likely: the bootstrap. */
public final class Empirical implements Distribution {
    private final double[] values;
    private final double mean;

    Empirical(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("an empirical distribution needs at least one value");
        }
        this.values = values.clone();
        double sum = 0;
        for (double value : this.values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("values must be finite, got " + value);
            }
            sum += value;
        }
        this.mean = sum / this.values.length;
    }

    @Override
    public double sample(SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    @Override
    public double mean() {
        return mean;
    }

    public int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return "empirical(" + values.length + " values" + (values.length <= 5 ? " " + Arrays.toString(values) : "") + ")";
    }
}
