package io.happysim.distributions;

import java.util.List;
import java.util.SplittableRandom;

/** Each of the given values with chance 1/n. */
final class UniformChoice<T> implements Discrete<T> {
    private final List<T> values;

    UniformChoice(List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one value");
        }
        this.values = List.copyOf(values);
    }

    @Override
    public T sample(SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public List<T> values() {
        return values;
    }

    @Override
    public double probabilityOf(T value) {
        long matches = values.stream().filter(value::equals).count();
        return matches / (double) values.size();
    }

    @Override
    public String toString() {
        return "uniform(" + values.size() + " values)";
    }
}
