package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.session.PairedSeries;
import io.happysim.visual.session.RunComparison;
import io.happysim.visual.session.RunView;
import io.happysim.visual.session.Runs;
import io.happysim.visual.session.SeriesRange;
import io.happysim.visual.store.Transform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs the history file keeps: listed newest first, one with everything needed to show it (graph, charts, probes,
 * final state), deleted, and two compared — their summaries side by side and a chart or probe they share, both
 * series, each reduced to {@code max_points} (M4, as {@code /api/chart_data}). A past run's reads go to its own tables
 * and never to the simulation.
 */
@ApplicationScoped
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    @Inject
    DebuggerSession debugger;

    private Runs runs() {
        return debugger.session().runs();
    }

    @GET
    public List<Map<String, Object>> list() {
        return runs().list().stream().map(Wire::run).toList();
    }

    /** One run: what the list shows, plus {@code topology}, {@code charts}, {@code probes} and its {@code state} at the end (live for the current run). */
    @GET
    @Path("{id}")
    public Map<String, Object> run(@PathParam("id") String id) {
        RunView view = runs().view(Params.runId(id));
        Map<String, Object> answer = Wire.run(view.info());
        answer.put("topology", view.topology());
        answer.put("charts", view.charts());
        answer.put("probes", view.probes());
        answer.put("state", view.state());
        return answer;
    }

    /** 204; 409 for the current run; 404 for a run the file does not have. Its space is given back in the background. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        runs().delete(Params.runId(id));
        return Response.noContent().build();
    }

    /** Two runs side by side: {@code a}, {@code b}, {@code summary} rows ({@code key, label, group, a, b, differs}), shared {@code charts} and {@code probes}. */
    @GET
    @Path("compare")
    public Map<String, Object> compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        RunComparison c = runs().compare(runParam("a", a), runParam("b", b));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("a", Wire.run(c.a()));
        answer.put("b", Wire.run(c.b()));
        answer.put("summary", c.summary());
        answer.put("charts", c.charts());
        answer.put("probes", c.probes());
        return answer;
    }

    /** A chart both runs have: {@code {chart_id, config, series: [{run, times, values}, {run, times, values}]}}. */
    @GET
    @Path("compare/chart_data")
    public Map<String, Object> compareChart(@QueryParam("a") String a, @QueryParam("b") String b, @QueryParam("chart_id") String chartId,
                                            @QueryParam("start_s") String start, @QueryParam("end_s") String end,
                                            @QueryParam("max_points") String maxPoints) {
        Params.required("chart_id", chartId);
        SeriesRange range = SimulationResource.range(start, end, maxPoints);
        PairedSeries pair = runs().compareChart(runParam("a", a), runParam("b", b), chartId, range);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("chart_id", chartId);
        answer.put("config", pair.config());
        answer.put("series", series(pair));
        return answer;
    }

    /** A probe both runs have, as {@code /api/timeseries} reads it: {@code {probe, config, series: [{run, times, values} ×2]}}. */
    @GET
    @Path("compare/timeseries")
    public Map<String, Object> compareProbe(@QueryParam("a") String a, @QueryParam("b") String b, @QueryParam("probe") String probe,
                                            @QueryParam("start_s") String start, @QueryParam("end_s") String end,
                                            @QueryParam("max_points") String maxPoints, @QueryParam("transform") String transformName,
                                            @QueryParam("window_s") String window) {
        Params.required("probe", probe);
        SeriesRange range = SimulationResource.range(start, end, maxPoints);
        Transform transform = SimulationResource.transform(transformName);
        Double windowS = SimulationResource.window(window);
        PairedSeries pair = runs().compareProbe(runParam("a", a), runParam("b", b), probe, transform, windowS, range);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("probe", probe);
        answer.put("config", pair.config());
        answer.put("series", series(pair));
        return answer;
    }

    private static List<Map<String, Object>> series(PairedSeries pair) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("run", pair.runA());
        a.putAll(Wire.series(pair.a()));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("run", pair.runB());
        b.putAll(Wire.series(pair.b()));
        return List.of(a, b);
    }

    private static long runParam(String name, String raw) {
        Params.required(name, raw);
        try {
            return Params.runId(raw);
        } catch (ApiException e) {
            throw ApiException.badRequest(name + ": " + e.getMessage());
        }
    }
}
