package io.happysim.visual.api;

import io.happysim.instrumentation.Probe;
import io.happysim.scenarios.Chart;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.store.SeriesData;
import java.util.LinkedHashMap;
import java.util.List;
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

    static Map<String, Object> topology(Topology topology) {
        List<Map<String, Object>> nodes = topology.nodes().stream().map(Wire::node).toList();
        List<Map<String, Object>> edges = topology.edges().stream().map(Wire::edge).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("nodes", nodes);
        answer.put("edges", edges);
        return answer;
    }

    private static Map<String, Object> node(Topology.Node node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", node.id());
        out.put("type", node.type());
        out.put("category", node.category());
        if (node.profile() != null) {
            out.put("profile", Map.of("times", node.profile().times(), "values", node.profile().values()));
        }
        if (node.isGroup() != null) {
            out.put("is_group", node.isGroup());
            out.put("member_count", node.memberCount());
            out.put("member_ids", node.memberIds());
        }
        return out;
    }

    static Map<String, Object> edge(Topology.Edge edge) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", edge.source());
        out.put("target", edge.target());
        out.put("kind", edge.kind());
        return out;
    }

    static Map<String, Object> series(SeriesData data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("times", data.times());
        out.put("values", data.values());
        return out;
    }
}
