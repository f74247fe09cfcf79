package io.happysim.visual.session;

import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ScenarioModel;
import io.happysim.visual.bridge.ContextJson;
import io.happysim.visual.bridge.EdgeStats;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.store.RunFinish;
import io.happysim.visual.store.RunStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's catalog row says about it, built on the simulation thread from the live model (in memory, no I/O) and
 * stored as JSON: at the start its view — the graph as discovered, the chart definitions with the stored series
 * behind each, the probes, the time unit and end — and at the end its final state: time, events, every entity's
 * metrics (a folded group's members under {@code groups}), the edges first seen at run time and the edge statistics. The shapes are the wire's (snake_case), so a past
 * run is shown with the same code as the live one; {@link #topology} is also what {@code /api/topology} answers.
 */
public final class RunViews {
    private RunViews() {
    }

    /** The catalog's start of a run of {@code spec}, recorded by {@code bridge}. */
    static RunStart start(RunSpec spec, SimulationBridge bridge, long nowMs) {
        ScenarioModel model = bridge.model();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("topology", topology(bridge.topology()));
        view.put("charts", model.charts().stream().map(RunViews::chart).toList());
        view.put("probes", model.simulation().probes().stream().filter(Probe.class::isInstance).map(Probe.class::cast).map(RunViews::probe).toList());
        view.put("time_unit", model.timeUnit());
        Instant end = model.simulation().endTime();
        view.put("end_time_s", end.isInfinite() ? null : end.toSeconds());
        return new RunStart(spec.scenario().id(), spec.scenario().title(), spec.seed(), json(spec.values().asMap()),
                json(spec.values().changed()), json(view), nowMs);
    }

    /** The catalog's end of the run {@code bridge} recorded, as it stands now. Simulation thread only. */
    static RunFinish finish(SimulationBridge bridge, long nowMs) {
        Simulation sim = bridge.simulation();
        double timeS = sim.nowNanos() / 1e9;
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("time_s", timeS);
        state.put("events_processed", sim.eventsProcessed());
        state.put("is_complete", sim.isComplete());
        state.put("entities", bridge.entityStates());
        state.put("groups", groups(bridge.topology()));
        state.put("new_edges", bridge.runtimeEdges().since(0, Integer.MAX_VALUE).items().stream().map(RunViews::edge).toList());
        Map<String, Object> edgeStats = new LinkedHashMap<>();
        bridge.edgeStats().snapshot(timeS).forEach((key, e) -> edgeStats.put(key, edgeStat(e)));
        state.put("edge_stats", edgeStats);
        return new RunFinish(timeS, json(state), nowMs);
    }

    /** The graph on the wire: nodes (with a source's rate profile and a group's members) and edges. */
    public static Map<String, Object> topology(Topology topology) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("nodes", topology.nodes().stream().map(RunViews::node).toList());
        answer.put("edges", topology.edges().stream().map(RunViews::edge).toList());
        return answer;
    }

    /** Every folded group's members with their metrics now, by group (the entity states leave grouped members out). */
    private static Map<String, Object> groups(Topology topology) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Topology.Node node : topology.nodes()) {
            if (Boolean.TRUE.equals(node.isGroup())) {
                Map<String, Object> members = new LinkedHashMap<>();
                topology.groupMembers(node.id()).forEach(e -> members.put(e.name(), e.metrics()));
                groups.put(node.id(), members);
            }
        }
        return groups;
    }

    private static Map<String, Object> node(Topology.Node node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", node.id());
        out.put("type", node.type());
        out.put("category", node.category());
        if (node.profile() != null) {
            out.put("profile", Map.of("times", list(node.profile().times()), "values", list(node.profile().values())));
        }
        if (node.isGroup() != null) {
            out.put("is_group", node.isGroup());
            out.put("member_count", node.memberCount());
            out.put("member_ids", node.memberIds());
        }
        return out;
    }

    public static Map<String, Object> edge(Topology.Edge edge) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", edge.source());
        out.put("target", edge.target());
        out.put("kind", edge.kind());
        return out;
    }

    /** A chart as {@code /api/charts} shows it, plus {@code series}: the stored series its points come from. */
    static Map<String, Object> chart(Chart chart) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chart_id", chart.chartId());
        out.put("title", chart.title());
        out.put("y_label", chart.yLabel());
        out.put("x_label", chart.xLabel());
        out.put("color", chart.color());
        out.put("transform", chart.transform().wireName());
        out.put("window_s", chart.windowSeconds());
        out.put("y_min", chart.yMin());
        out.put("y_max", chart.yMax());
        out.put("series", chart.seriesName());
        return out;
    }

    private static Map<String, Object> probe(Probe probe) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", probe.name());
        out.put("metric", probe.metric());
        out.put("target", probe.target().name());
        return out;
    }

    private static Map<String, Object> edgeStat(EdgeStats.Edge e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", e.source());
        out.put("target", e.target());
        out.put("count", e.count());
        out.put("rate", e.rate());
        return out;
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static String json(Map<String, ?> map) {
        @SuppressWarnings("unchecked")
        String text = ContextJson.of((Map<String, Object>) map);
        return text == null ? "{}" : text;
    }
}
