package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortedValuesTest {

    @Test
    void staysSortedThroughRandomAddsAndRemovesWithDuplicates() {
        SplittableRandom random = new SplittableRandom(7);
        SortedValues index = new SortedValues();
        List<Double> reference = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double value = random.nextInt(500) / 10.0;
            if (!reference.isEmpty() && random.nextInt(3) == 0) {
                double victim = reference.get(random.nextInt(reference.size()));
                reference.remove(victim);
                assertTrue(index.remove(victim));
            } else {
                reference.add(value);
                index.add(value);
            }
        }
        Collections.sort(reference);
        assertEquals(reference.size(), index.size());
        for (int k = 0; k < reference.size(); k += 37) {
            assertEquals(reference.get(k), index.get(k), "k=" + k);
        }
        assertFalse(index.remove(-1.0));
    }

    @Test
    void buildsFromSortedValues() {
        double[] sorted = new double[3000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
        }
        SortedValues index = SortedValues.ofSorted(sorted);
        assertEquals(1234.0, index.get(1234));
        index.add(1234.5);
        assertEquals(1234.5, index.get(1235));
        assertTrue(index.remove(0.0));
        assertEquals(1.0, index.get(0));
    }

    @Test
    void dataPercentilesStayExactWhileTheSeriesGrowsAndEvicts() {
        Data data = new Data();
        data.retainNewest(500);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            data.add(i, random.nextDouble() * 100);
            if (i % 97 == 0) {
                double[] sorted = data.values();
                java.util.Arrays.sort(sorted);
                assertEquals(Stats.percentileSorted(sorted, sorted.length, 0.99), data.percentile(0.99), 1e-12);
                assertEquals(Stats.percentileSorted(sorted, sorted.length, 0.5), data.percentile(0.5), 1e-12);
            }
        }
    }
}
