package io.happysim.distributions;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A random choice among given values (keys, users, endpoints) rather than a number: which key a
 * request reads, which tenant sends it. Draws come from the caller's stream, as {@link Distribution}'s.
 */
public interface Discrete<T> {
    /** One draw. */
    T sample(SplittableRandom random);

    /** The values drawn from, in the order given. */
    List<T> values();

    /** The chance of drawing {@code value} (0 if it is not among the values). */
    double probabilityOf(T value);

    /** Each value equally likely (a value listed twice is twice as likely). */
    static <T> Discrete<T> uniform(List<T> values) {
        return new UniformChoice<>(values);
    }

    /** Zipf's law over values in rank order, most popular first: P(rank k) ∝ k^(−s). */
    static <T> Zipf<T> zipf(List<T> valuesInRankOrder, double s) {
        return new Zipf<>(valuesInRankOrder, s);
    }

    /** Zipf over the ranks 1..n themselves. */
    static Zipf<Integer> zipfRanks(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one rank, got " + n);
        }
        return new Zipf<>(IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList()), s);
    }
}
