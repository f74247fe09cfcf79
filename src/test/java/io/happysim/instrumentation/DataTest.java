package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTest {
    private static Data of(double[] times, double[] values) {
        Data data = new Data();
        for (int i = 0; i < times.length; i++) {
            data.add((long) Math.round(times[i] * 1e9), values[i]);
        }
        return data;
    }

    @Test
    void summaryStatisticsAsTheOriginal() {
        Data data = of(new double[] {0, 1, 2, 3}, new double[] {2, 4, 4, 6});
        assertEquals(4, data.count());
        assertEquals(16, data.sum());
        assertEquals(4, data.mean());
        assertEquals(2, data.min());
        assertEquals(6, data.max());
        assertEquals(Math.sqrt(2), data.std(), 1e-12, "population standard deviation");
        assertEquals(6, data.latest());
        Data empty = new Data();
        assertEquals(0.0, empty.mean());
        assertEquals(0.0, empty.std());
        assertEquals(0.0, empty.percentile(0.5));
        assertTrue(Double.isNaN(empty.latest()));
    }

    @Test
    void percentilesInterpolateLinearly() {
        Data data = of(new double[] {0, 1, 2, 3, 4}, new double[] {50, 10, 40, 20, 30});
        assertEquals(10, data.percentile(0));
        assertEquals(50, data.percentile(1));
        assertEquals(30, data.percentile(0.5));
        assertEquals(49.6, data.percentile(0.99), 1e-9, "position 3.96 of the sorted values: 40 * 0.04 + 50 * 0.96");
        assertEquals(12.5, data.percentile(0.0625), 1e-9);
    }

    @Test
    void betweenKeepsTheHalfOpenRange() {
        Data data = of(new double[] {0.5, 1.0, 1.5, 2.0}, new double[] {1, 2, 3, 4});
        assertArrayEquals(new double[] {2, 3}, data.between(1.0, 2.0).values());
        assertArrayEquals(new double[] {1.0, 1.5}, data.between(1.0, 2.0).times());
    }

    @Test
    void bucketsGroupByWindowStartAndSkipEmptyWindows() {
        Data data = of(new double[] {0.1, 0.4, 0.9, 2.2, 2.3}, new double[] {1, 3, 2, 10, 20});
        BucketedData buckets = data.bucket(1.0);
        assertArrayEquals(new double[] {0.0, 2.0}, buckets.times());
        assertArrayEquals(new double[] {2.0, 15.0}, buckets.means());
        assertArrayEquals(new double[] {2.0, 15.0}, buckets.p50s());
        assertArrayEquals(new double[] {2.98, 19.9}, buckets.p99s(), 1e-9);
        assertArrayEquals(new double[] {3.0, 20.0}, buckets.maxes());
        assertArrayEquals(new double[] {3.0, 2.0}, buckets.counts());
        assertArrayEquals(new double[] {6.0, 30.0}, buckets.sums());
        assertArrayEquals(new double[] {2.998, 19.99}, buckets.p999s(), 1e-9);
    }

    @Test
    void rateCountsSamplesPerSecondOfEachWindow() {
        Data data = of(new double[] {0.1, 0.2, 0.3, 0.6, 1.7}, new double[] {9, 9, 9, 9, 9});
        TimeSeries rate = data.rate(0.5);
        assertArrayEquals(new double[] {0.0, 0.5, 1.5}, rate.times());
        assertArrayEquals(new double[] {6.0, 2.0, 2.0}, rate.values());
    }

    @Test
    void retainingTheNewestKeepsMemoryBoundedWhileListenersSeeEverySample() {
        Data data = new Data();
        List<Double> heard = new ArrayList<>();
        data.addListener((d, t, v) -> heard.add(v));
        for (int i = 0; i < 10; i++) {
            data.add(i * 1_000_000_000L, i);
        }
        data.retainNewest(4);
        assertArrayEquals(new double[] {6, 7, 8, 9}, data.values());
        for (int i = 10; i < 1000; i++) {
            data.add(i * 1_000_000_000L, i);
        }
        assertEquals(4, data.count());
        assertEquals(1000, data.totalAdded());
        assertEquals(1000, heard.size());
        assertArrayEquals(new double[] {996, 997, 998, 999}, data.values());
        assertArrayEquals(new double[] {996, 997, 998, 999}, data.times());
        assertEquals(997.5, data.mean());
        assertEquals(999, data.latest());
        data.clear();
        assertEquals(0, data.totalAdded());
        data.add(5, 1.0);
        assertEquals(1001, heard.size(), "listeners survive clear");
    }

    @Test
    void aRetentionLimitLargerThanTheDataKeepsEverything() {
        Data data = new Data();
        data.retainNewest(100);
        for (int i = 0; i < 60; i++) {
            data.add(i, i);
        }
        assertEquals(60, data.count());
        assertEquals(0, data.values()[0]);
        data.removeListener((d, t, v) -> { });
    }
}
