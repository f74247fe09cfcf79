package io.happysim.visual.api;

import io.happysim.instrumentation.Probe;
import io.happysim.scenarios.Chart;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.session.RunInfo;
import io.happysim.visual.session.RunViews;
import io.happysim.visual.store.SeriesData;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire shapes that are not plain records: optional fields left out rather than written as null. */
public final class Wire {
    private Wire() {
    }

    /** ChartConfig: {@code chart_id} is derived from the chart's definition, so it is the same after a restart. */
    public record ChartConfig(String chartId, String title, String yLabel, String xLabel, String color, String transform,
                       double windowS, Double yMin, Double yMax) {
        static ChartConfig of(Chart chart) {
            return new ChartConfig(chart.chartId(), chart.title(), chart.yLabel(), chart.xLabel(), chart.color(),
                    chart.transform().wireName(), chart.windowSeconds(), chart.yMin(), chart.yMax());
        }
    }

    public record ProbeInfo(String name, String metric, String target) {
        static ProbeInfo of(Probe probe) {
            return new ProbeInfo(probe.name(), probe.metric(), probe.target().name());
        }
    }

    /** The graph: the same shape a run's catalog row keeps ({@link RunViews#topology}). */
    static Map<String, Object> topology(Topology topology) {
        return RunViews.topology(topology);
    }

    static Map<String, Object> edge(Topology.Edge edge) {
        return RunViews.edge(edge);
    }

    /** A run as {@code /api/runs} lists it. */
    static Map<String, Object> run(RunInfo run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id());
        out.put("scenario", run.scenario());
        out.put("title", run.title());
        out.put("seed", run.seed());
        out.put("params", run.params());
        out.put("params_changed", run.paramsChanged());
        out.put("started_at", run.startedAt());
        out.put("ended_at", run.endedAt());
        out.put("time_reached_s", run.timeReachedS());
        out.put("events", run.events());
        out.put("logs", run.logs());
        out.put("samples", run.samples());
        out.put("bytes", run.bytes());
        out.put("current", run.current());
        out.put("time_unit", run.timeUnit());
        out.put("end_time_s", run.endTimeS());
        return out;
    }

    static Map<String, Object> series(SeriesData data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("times", data.times());
        out.put("values", data.values());
        return out;
    }
}
