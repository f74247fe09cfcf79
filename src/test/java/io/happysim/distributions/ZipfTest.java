package io.happysim.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Zipf's P(k) = k^(−s)/H(n, s) and a uniform choice, against their frequencies over many draws. */
class ZipfTest {
    private static final long[] SEEDS = {1, 2, 3};
    private static final int DRAWS = 300_000;

    private static double harmonic(int n, double s) {
        double h = 0;
        for (int j = 1; j <= n; j++) {
            h += Math.pow(j, -s);
        }
        return h;
    }

    @Test
    void rankFrequenciesFollowZipfsLaw() {
        int n = 100;
        double s = 1.1;
        Zipf<Integer> zipf = Discrete.zipfRanks(n, s);
        double h = harmonic(n, s);
        for (int k = 1; k <= n; k++) {
            assertEquals(Math.pow(k, -s) / h, zipf.probability(k), 1e-15);
        }
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            long[] counts = new long[n + 1];
            for (int i = 0; i < DRAWS; i++) {
                counts[zipf.sample(random)]++;
            }
            for (int k = 1; k <= 5; k++) {
                double expected = Math.pow(k, -s) / h;
                assertEquals(expected, counts[k] / (double) DRAWS, 0.03 * expected, "P(" + k + ")");
            }
            double expectedTail = 0;
            for (int k = 51; k <= n; k++) {
                expectedTail += Math.pow(k, -s) / h;
            }
            long tail = 0;
            for (int k = 51; k <= n; k++) {
                tail += counts[k];
            }
            assertEquals(expectedTail, tail / (double) DRAWS, 0.03 * expectedTail, "P(rank > 50)");
        }
    }

    @Test
    void valuesKeepTheirRanksAndSZeroIsUniform() {
        Zipf<String> keys = Discrete.zipf(List.of("hot", "warm", "cold"), 1.0);
        double h = 1 + 1 / 2.0 + 1 / 3.0;
        assertEquals(1 / h, keys.probabilityOf("hot"), 1e-15);
        assertEquals(1 / 3.0 / h, keys.probabilityOf("cold"), 1e-15);
        assertEquals(0, keys.probabilityOf("absent"));
        assertEquals((1 + 1 / 2.0) / h, keys.topProbability(2), 1e-15);
        assertEquals(1000 / h, keys.expectedFrequency(1, 1000), 1e-9);
        assertEquals(1.0, keys.topProbability(3));

        Zipf<Integer> flat = Discrete.zipfRanks(4, 0);
        assertEquals(0.25, flat.probability(3), 1e-15);
        assertEquals(1, Discrete.zipfRanks(1, 2).sampleRank(new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> Discrete.zipfRanks(3, -0.5));
    }

    @Test
    void aUniformChoicePicksEachValueEquallyOften() {
        Discrete<String> choice = Discrete.uniform(List.of("a", "b", "c", "d"));
        assertEquals(0.25, choice.probabilityOf("c"));
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            long a = 0;
            for (int i = 0; i < DRAWS; i++) {
                a += "a".equals(choice.sample(random)) ? 1 : 0;
            }
            assertEquals(0.25, a / (double) DRAWS, 0.03 * 0.25);
        }
    }
}
