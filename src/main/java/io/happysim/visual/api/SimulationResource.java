package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.session.ChartData;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.ProbeData;
import io.happysim.visual.session.RunView;
import io.happysim.visual.session.SeriesRange;
import io.happysim.visual.session.SimState;
import io.happysim.visual.session.StepResult;
import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The original debugger's endpoints, same paths, parameters and shapes: the model (topology, probes,
 * charts), its state, stepping, and the series behind every chart — now read from the store and,
 * with {@code max_points}, downsampled so a 10M-sample series answers as fast as a short one.
 */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SimulationResource {
    /** A REST step is capped: longer runs belong to run_to or play, which report progress. */
    static final int MAX_STEP = 1_000_000;
    /** Members per page of {@code group_members} at the most. */
    static final int MAX_GROUP_PAGE = 1000;

    @Inject
    DebuggerSession debugger;

    private DebugSession session() {
        return debugger.session();
    }

    @GET
    @Path("topology")
    public Map<String, Object> topology() {
        return Wire.topology(session().topology());
    }

    @GET
    @Path("state")
    public SimState state() {
        return session().state();
    }

    @POST
    @Path("step")
    public StepResult step(@QueryParam("count") String count) {
        return session().step(Params.integer("count", count, 1, 1, MAX_STEP));
    }

    @POST
    @Path("reset")
    public SimState reset() {
        return session().reset();
    }

    @POST
    @Path("run_to")
    public StepResult runTo(@QueryParam("time_s") String timeS) {
        return session().runTo(Params.requiredSeconds("time_s", timeS));
    }

    /** The probes of the current run, or of {@code run}. */
    @GET
    @Path("probes")
    public List<?> probes(@QueryParam("run") String run) {
        Long id = Params.run(run);
        if (id != null) {
            return session().runs().view(id).probes();
        }
        return session().probes().stream().map(Wire.ProbeInfo::of).toList();
    }

    /**
     * A probe's samples; an unknown probe answers an empty series (legacy-empty, as the original).
     * With {@code transform} (mean, p50, p99, p999, max, rate; raw is the default) and {@code window_s}
     * (default 1) the samples are bucketed as a chart's are, so a user-added probe chart can show any transform.
     */
    @GET
    @Path("timeseries")
    public Map<String, Object> timeseries(@QueryParam("probe") String probeName, @QueryParam("start_s") String start,
                                          @QueryParam("end_s") String end, @QueryParam("max_points") String maxPoints,
                                          @QueryParam("transform") String transformName, @QueryParam("window_s") String window,
                                          @QueryParam("run") String run) {
        Params.required("probe", probeName);
        SeriesRange range = range(start, end, maxPoints);
        Transform transform = transform(transformName);
        Double windowS = window(window);
        Long id = Params.run(run);
        ProbeData probe = id == null ? session().probeData(probeName, transform, windowS, range)
                : session().runs().view(id).probeData(probeName, transform, windowS, range);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", probe.name());
        answer.put("metric", probe.metric());
        answer.put("target", probe.target());
        answer.putAll(Wire.series(probe.data()));
        return answer;
    }

    /** The charts of the current run, or of {@code run} (each with the stored {@code series} behind it). */
    @GET
    @Path("charts")
    public List<?> charts(@QueryParam("run") String run) {
        Long id = Params.run(run);
        if (id != null) {
            return session().runs().view(id).charts();
        }
        return session().model().charts().stream().map(Wire.ChartConfig::of).toList();
    }

    /** A chart's data with its transform applied by the store; an unknown chart answers empty (legacy-empty). */
    @GET
    @Path("chart_data")
    public Map<String, Object> chartData(@QueryParam("chart_id") String chartId, @QueryParam("start_s") String start,
                                         @QueryParam("end_s") String end, @QueryParam("max_points") String maxPoints,
                                         @QueryParam("run") String run) {
        Params.required("chart_id", chartId);
        Long id = Params.run(run);
        SeriesRange range = range(start, end, maxPoints);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("chart_id", chartId);
        if (id != null) {
            RunView view = session().runs().view(id);
            answer.putAll(Wire.series(view.chartData(chartId, range).orElse(SeriesData.EMPTY)));
            answer.put("config", view.chart(chartId).<Object>map(c -> c).orElse(Map.of()));
            return answer;
        }
        Optional<ChartData> chart = session().chartData(chartId, range);
        answer.putAll(Wire.series(chart.map(ChartData::data).orElse(SeriesData.EMPTY)));
        answer.put("config", chart.<Object>map(c -> Wire.ChartConfig.of(c.chart())).orElse(Map.of()));
        return answer;
    }

    /** Every numeric metric of an entity over the run, sampled every 0.1 s of simulated time. */
    @GET
    @Path("entity_history")
    public Map<String, Object> entityHistory(@QueryParam("entity") String entity, @QueryParam("max_points") String maxPoints,
                                             @QueryParam("run") String run) {
        Params.required("entity", entity);
        Integer points = maxPoints(maxPoints);
        Long id = Params.run(run);
        Map<String, Object> metrics = new LinkedHashMap<>();
        (id == null ? session().entityHistory(entity, points) : session().runs().view(id).entityHistory(entity, points))
                .forEach((metric, data) -> metrics.put(metric, Wire.series(data)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entity", entity);
        answer.put("metrics", metrics);
        return answer;
    }

    @GET
    @Path("entity_state")
    public Map<String, Object> entityState(@QueryParam("entity") String entity, @QueryParam("run") String run) {
        Params.required("entity", entity);
        Long id = pastRun(run);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entity", entity);
        answer.put("state", id == null ? session().entityState(entity) : session().runs().view(id).entityState(entity));
        return answer;
    }

    /** A {@code run} that is not the current one; null for the current run (read live). An unknown run is a 404 when read. */
    private Long pastRun(String run) {
        Long id = Params.run(run);
        return id == null || id == session().runs().currentId() ? null : id;
    }

    /**
     * A page of a group's members; {@code sort} (a metric name) orders them by that metric, {@code order} asc (the
     * default) or desc, members without a number for it last. With {@code run}, of that past run, with their metrics at its end.
     */
    @GET
    @Path("group_members")
    public Map<String, Object> groupMembers(@QueryParam("group_id") String groupId, @QueryParam("offset") String offset,
                                            @QueryParam("limit") String limit, @QueryParam("search") String search,
                                            @QueryParam("sort") String sort, @QueryParam("order") String order,
                                            @QueryParam("run") String run) {
        Params.required("group_id", groupId);
        boolean descending = switch (order == null || order.isBlank() ? "asc" : order) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.badRequest("order must be asc or desc, got '" + Params.shorten(order) + "'");
        };
        int from = Params.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = Params.integer("limit", limit, 50, 1, MAX_GROUP_PAGE);
        String needle = Params.text("search", search);
        String metric = sort == null || sort.isBlank() ? null : Params.text("sort", sort);
        Long id = pastRun(run);
        return id == null ? session().groupMembers(groupId, from, size, needle, metric, descending)
                : session().runs().view(id).groupMembers(groupId, from, size, needle, metric, descending);
    }

    /**
     * One recorded metric of an entity (sampled every 0.1 s of simulated time), as a probe's series is answered: a
     * range, {@code max_points}, and optionally a {@code transform} over {@code window_s} buckets. 404 for an unknown
     * entity; a metric that was never recorded answers an empty series. With {@code run}, of that past run.
     */
    @GET
    @Path("entity_series")
    public Map<String, Object> entitySeries(@QueryParam("entity") String entity, @QueryParam("metric") String metric,
                                            @QueryParam("start_s") String start, @QueryParam("end_s") String end,
                                            @QueryParam("max_points") String maxPoints, @QueryParam("transform") String transformName,
                                            @QueryParam("window_s") String window, @QueryParam("run") String run) {
        Params.required("entity", entity);
        Params.required("metric", metric);
        SeriesRange range = range(start, end, maxPoints);
        Transform transform = transform(transformName);
        Double windowS = window(window);
        Long id = Params.run(run);
        String name = Params.text("entity", entity);
        String metricName = Params.text("metric", metric);
        SeriesData data = id == null ? session().entitySeries(name, metricName, transform, windowS, range)
                : session().runs().view(id).entitySeries(name, metricName, transform, windowS, range);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entity", entity);
        answer.put("metric", metric);
        answer.putAll(Wire.series(data));
        return answer;
    }

    /** Every entity metric recorded in the history: {@code {<entity>: [<metric>, …]}} — what Add Chart offers. */
    @GET
    @Path("entity_metrics")
    public Map<String, List<String>> entityMetrics() {
        return session().entityMetrics();
    }

    /** The part of a series a chart asks for: {@code [start_s, end_s)} and at most {@code max_points} points. */
    static SeriesRange range(String start, String end, String maxPoints) {
        Double startS = Params.seconds("start_s", start);
        Double endS = Params.seconds("end_s", end);
        Params.range("start_s", startS, "end_s", endS);
        return new SeriesRange(startS, endS, maxPoints(maxPoints));
    }

    /** A series' {@code transform}: none (the samples as they are) when absent or {@code raw}. */
    static Transform transform(String name) {
        return name == null || name.isBlank() || "raw".equals(name) ? null : Transform.parse(Params.text("transform", name));
    }

    /** A bucket window in seconds, positive when given. */
    static Double window(String raw) {
        Double windowS = Params.seconds("window_s", raw);
        if (windowS != null && windowS <= 0) {
            throw ApiException.badRequest("window_s must be positive");
        }
        return windowS;
    }

    static Integer maxPoints(String raw) {
        return Params.optionalInteger("max_points", raw, VisualStore.MIN_POINTS, VisualStore.MAX_POINTS);
    }
}
