package io.happysim.visual.session;

import io.happysim.instrumentation.Probe;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ChartTransform;
import io.happysim.scenarios.ScenarioModel;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series behind the debugger's charts, read from the store: a raw chart's samples (M4-downsampled to the points
 * asked for), a bucketed chart's buckets, a probe's samples with any transform, and every recorded metric of an
 * entity. Decides raw or buckets, names the stored series and converts a chart's transform to the store's — so the
 * API layer only parses and shapes. Stateless; any thread.
 */
final class ChartReads {
    /** The bucket window of a probe series asked for with a transform but without a window. */
    static final double DEFAULT_PROBE_WINDOW_S = 1.0;

    /** A chart whose points are buckets, as the store maintains them. */
    record BucketedChart(String series, Transform transform, double windowS) {
    }

    private final VisualStore store;

    ChartReads(VisualStore store) {
        this.store = store;
    }

    /** The store's transform for a chart's, or null for {@link ChartTransform#RAW} (the samples as they are). */
    static Transform bucketing(ChartTransform transform) {
        return transform == ChartTransform.RAW ? null : Transform.parse(transform.wireName());
    }

    /** The charts of a model that show buckets. */
    static List<BucketedChart> bucketedCharts(ScenarioModel model) {
        return model.charts().stream().filter(c -> c.transform() != ChartTransform.RAW)
                .map(c -> new BucketedChart(c.seriesName(), bucketing(c.transform()), c.windowSeconds())).toList();
    }

    /** A chart's points: its samples, or its buckets. */
    SeriesData chart(Chart c, SeriesRange range) {
        return chart(c.seriesName(), c.transform(), c.windowSeconds(), range);
    }

    /** The points of a chart defined by its stored series, transform and window (a past run's chart). */
    SeriesData chart(String series, ChartTransform chartTransform, double windowS, SeriesRange range) {
        Transform transform = bucketing(chartTransform);
        return transform == null
                ? store.series(series, range.startS(), range.endS(), range.maxPoints())
                : store.buckets(series, transform, windowS, range.startS(), range.endS(), range.maxPoints());
    }

    /**
     * A probe's points: its samples ({@code transform} null), or their buckets over {@code windowS} (null: 1 s).
     * An unknown probe has none.
     */
    ProbeData probe(Optional<Probe> probe, String name, Transform transform, Double windowS, SeriesRange range) {
        SeriesData data = probe.isEmpty() ? SeriesData.EMPTY : probeSeries(probe.get().name(), transform, windowS, range);
        return new ProbeData(name, probe.map(Probe::metric).orElse(""), probe.map(p -> p.target().name()).orElse(""), data);
    }

    /** A probe's stored series: its samples ({@code transform} null), or their buckets over {@code windowS} (null: 1 s). */
    SeriesData probeSeries(String series, Transform transform, Double windowS, SeriesRange range) {
        return transform == null
                ? store.series(series, range.startS(), range.endS(), range.maxPoints())
                : store.buckets(series, transform, windowS == null ? DEFAULT_PROBE_WINDOW_S : windowS, range.startS(), range.endS(),
                        range.maxPoints());
    }

    /** One recorded metric of an entity: its samples, or their buckets over {@code windowS} (null: 1 s). */
    SeriesData entitySeries(String entity, String metric, Transform transform, Double windowS, SeriesRange range) {
        String series = SimulationBridge.entitySeries(entity, metric);
        return transform == null
                ? store.series(series, range.startS(), range.endS(), range.maxPoints())
                : store.buckets(series, transform, windowS == null ? DEFAULT_PROBE_WINDOW_S : windowS, range.startS(), range.endS(),
                        range.maxPoints());
    }

    /**
     * The recorded entity metrics (entity → metric names), from the stored series' names; an entity's name is told
     * from its metric's by the model's entity names (either may hold dots).
     */
    Map<String, List<String>> entityMetrics(io.happysim.core.Simulation simulation) {
        String prefix = SimulationBridge.ENTITY_SERIES_PREFIX;
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String series : store.seriesNames()) {
            if (!series.startsWith(prefix)) {
                continue;
            }
            String rest = series.substring(prefix.length());
            for (int dot = rest.lastIndexOf('.'); dot > 0; dot = rest.lastIndexOf('.', dot - 1)) {
                String entity = rest.substring(0, dot);
                if (simulation.entity(entity) != null) {
                    out.computeIfAbsent(entity, e -> new java.util.ArrayList<>()).add(rest.substring(dot + 1));
                    break;
                }
            }
        }
        return out;
    }

    /** Every recorded numeric metric of an entity over the run (metric name → points), in the store's name order. */
    Map<String, SeriesData> entityHistory(String entity, Integer maxPoints) {
        String prefix = SimulationBridge.entitySeries(entity, "");
        Map<String, SeriesData> metrics = new LinkedHashMap<>();
        for (String series : store.seriesNames()) {
            if (series.startsWith(prefix)) {
                metrics.put(series.substring(prefix.length()), store.series(series, null, null, maxPoints));
            }
        }
        return metrics;
    }
}
