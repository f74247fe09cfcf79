package io.happysim.visual.session;

import io.happysim.scenarios.ChartTransform;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run as the debugger shows it — the graph as recorded, its charts and probes (from the view the catalog kept),
 * its entities' state (at its end; live for the current run) — and the reads of its history: chart points, probe
 * series, entity histories, from the run's own store. A past run's reads never touch the simulation.
 */
public final class RunView {
    private final RunInfo info;
    private final VisualStore store;
    private final Map<String, Object> topology;
    private final List<Map<String, Object>> charts;
    private final List<Map<String, Object>> probes;
    private final Supplier<Map<String, Object>> state;
    private final ChartReads reads;

    /** @param state the run's final state (time, events, entities, runtime edges, edge statistics); live for the current run */
    RunView(RunInfo info, VisualStore store, Map<String, Object> view, Supplier<Map<String, Object>> state) {
        this.info = info;
        this.store = store;
        this.topology = Values.map(view.get("topology"));
        this.charts = Values.maps(view.get("charts"));
        this.probes = Values.maps(view.get("probes"));
        this.state = state;
        this.reads = new ChartReads(store);
    }

    public RunInfo info() {
        return info;
    }

    public VisualStore store() {
        return store;
    }

    public Map<String, Object> topology() {
        return topology;
    }

    /** The run's charts as {@code /api/charts} shows them, each with the stored {@code series} its points come from. */
    public List<Map<String, Object>> charts() {
        return charts;
    }

    /** The run's probes: {@code name} (also its stored series), {@code metric}, {@code target}. */
    public List<Map<String, Object>> probes() {
        return probes;
    }

    /** The run's state: at its end for a past run, as published now for the current one. */
    public Map<String, Object> state() {
        return state.get();
    }

    /** Every numeric metric of every entity, at the end (or now). */
    Map<String, Object> entities() {
        return Values.map(state().get("entities"));
    }

    public Optional<Map<String, Object>> chart(String chartId) {
        return charts.stream().filter(c -> chartId.equals(c.get("chart_id"))).findFirst();
    }

    /** A chart's points with its transform applied (empty for a chart the run does not have). */
    public Optional<SeriesData> chartData(String chartId, SeriesRange range) {
        return chart(chartId).map(c -> reads.chart(String.valueOf(c.get("series")), ChartTransform.fromWireName(String.valueOf(c.get("transform"))),
                Values.number(c.get("window_s"), 1.0), range));
    }

    public Optional<Map<String, Object>> probe(String name) {
        return probes.stream().filter(p -> name.equals(p.get("name"))).findFirst();
    }

    /** A probe's points (samples, or their buckets); an unknown probe answers an empty series, as for the live run. */
    public ProbeData probeData(String name, Transform transform, Double windowS, SeriesRange range) {
        Optional<Map<String, Object>> probe = probe(name);
        SeriesData data = probe.isEmpty() ? SeriesData.EMPTY : reads.probeSeries(name, transform, windowS, range);
        return new ProbeData(name, probe.map(p -> String.valueOf(p.get("metric"))).orElse(""),
                probe.map(p -> String.valueOf(p.get("target"))).orElse(""), data);
    }

    /** Every recorded numeric metric of an entity over the run; an entity the run did not have is an {@link UnknownNameException}. */
    public Map<String, SeriesData> entityHistory(String entity, Integer maxPoints) {
        boolean known = entities().containsKey(entity)
                || Values.maps(topology.get("nodes")).stream().anyMatch(n -> entity.equals(n.get("id")));
        if (!known) {
            throw new UnknownNameException("run " + info.id() + " has no entity '" + entity + "'");
        }
        return reads.entityHistory(entity, maxPoints);
    }

    /** An entity's metrics at the run's end (now, for the current run); an entity the run did not have is an {@link UnknownNameException}. */
    public Map<String, Object> entityState(String entity) {
        Object state = entities().get(entity);
        for (Object group : Values.map(state().get("groups")).values()) {
            state = state != null ? state : Values.map(group).get(entity);
        }
        if (state == null) {
            throw new UnknownNameException("run " + info.id() + " has no entity '" + entity + "'");
        }
        return Values.map(state);
    }

    /**
     * A page of a folded group's members with their metrics at the run's end, as {@code DebugSession.groupMembers} answers
     * it for the live run. A run without a final state (its server was killed) lists the members its graph named, without metrics.
     */
    public Map<String, Object> groupMembers(String groupId, int offset, int limit, String search, String sortMetric, boolean descending) {
        Map<String, Object> node = Values.maps(topology.get("nodes")).stream()
                .filter(n -> groupId.equals(n.get("id")) && Boolean.TRUE.equals(n.get("is_group"))).findFirst()
                .orElseThrow(() -> new UnknownNameException("run " + info.id() + " has no group '" + groupId + "'"));
        Map<String, Object> atEnd = Values.map(Values.map(state().get("groups")).get(groupId));
        List<ReadModels.Member> members = atEnd.isEmpty()
                ? (node.get("member_ids") instanceof List<?> ids ? ids : List.of()).stream()
                        .map(name -> new ReadModels.Member(String.valueOf(name), Map.of())).toList()
                : atEnd.entrySet().stream().map(e -> new ReadModels.Member(e.getKey(), Values.map(e.getValue()))).toList();
        return ReadModels.groupMembers(groupId, node, members, offset, limit, search, sortMetric, descending);
    }

    /** One recorded metric of an entity of this run, as {@code DebugSession.entitySeries} answers it for the current run. */
    public SeriesData entitySeries(String entity, String metric, Transform transform, Double windowS, SeriesRange range) {
        boolean known = entities().containsKey(entity)
                || Values.maps(topology.get("nodes")).stream().anyMatch(n -> entity.equals(n.get("id")));
        if (!known) {
            throw new UnknownNameException("run " + info.id() + " has no entity '" + entity + "'");
        }
        return reads.entitySeries(entity, metric, transform, windowS, range);
    }

    /** The stored series an entity's latency samples are kept in, when the run has one ({@code <entity>.latency}). */
    String latencySeries(String entity) {
        String series = entity + ".latency";
        return store.seriesSize(series) > 0 ? series : null;
    }

    /** The series an entity metric's history is stored under. */
    static String entitySeries(String entity, String metric) {
        return SimulationBridge.entitySeries(entity, metric);
    }
}
