package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.TimeSeries;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ChartTransform;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;

/**
 * The store's bucketed answers are the in-memory {@link Data}'s own, for the same samples: a chart
 * drawn from SQLite looks exactly like one drawn from memory, on the direct path (small series) and
 * on the materialised bucket series (large ones).
 */
class StoreMatchesDataTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @TempDir
    Path dir;

    private static void check(VisualStore store, Data data, String series, double window) {
        for (ChartTransform transform : ChartTransform.values()) {
            if (transform == ChartTransform.RAW) {
                continue;
            }
            TimeSeries expected = Chart.transform(data, transform, window);
            SeriesData actual = store.buckets(series, Transform.parse(transform.wireName()), window, null, null, null);
            assertArrayEquals(expected.times(), actual.times(), 1e-9, transform + " times");
            assertArrayEquals(expected.values(), actual.values(), 1e-9, transform + " values");
        }
        TimeSeries window2 = Chart.transform(data.between(10.0, 20.0), ChartTransform.P99, window);
        SeriesData ranged = store.buckets(series, Transform.P99, window, 10.0, 20.0, null);
        assertArrayEquals(window2.values(), ranged.values(), 1e-9, "[10, 20) first, then buckets");
    }

    private static Data randomSeries(Batch batch, String series, int count, double step, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Data data = new Data();
        for (int i = 0; i < count; i++) {
            long t = (long) (i * step * 1e9) + random.nextInt(1000);
            double v = random.nextInt(20) == 0 ? random.nextDouble() * 100 : random.nextDouble() * 5;
            data.add(t, v);
            batch.addSample(series, t, v);
        }
        return data;
    }

    @Test
    void smallSeriesMatchDataOnTheDirectPath() {
        VisualStore store = new VisualStore(TestDataSources.sqlite(dir.resolve("small.db")), scan);
        Batch batch = new Batch();
        Data data = randomSeries(batch, "depth", 3_000, 0.013, 1);
        store.append(batch);
        check(store, data, "depth", 1.0);
        check(store, data, "depth", 0.25);
        assertEquals(data.count(), store.seriesSize("depth"));
    }

    @Test
    void largeSeriesMatchDataOnTheMaterialisedPath() {
        VisualStore store = new VisualStore(TestDataSources.sqlite(dir.resolve("large.db")), scan);
        store.prepareBuckets("latency", Transform.P99, 5.0);
        Data data = new Data();
        for (int part = 0; part < 4; part++) {
            Batch batch = new Batch();
            SplittableRandom random = new SplittableRandom(part);
            for (int i = 0; i < 30_000; i++) {
                long t = (long) ((part * 30_000 + i) * 0.004 * 1e9);
                double v = random.nextDouble() * (random.nextInt(50) == 0 ? 40 : 2);
                data.add(t, v);
                batch.addSample("latency", t, v);
            }
            store.append(batch);
        }
        check(store, data, "latency", 5.0);
    }
}
