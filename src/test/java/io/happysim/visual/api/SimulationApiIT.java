package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getArray;
import static io.happysim.visual.it.Api.getObject;
import static io.happysim.visual.it.Api.number;
import static io.happysim.visual.it.Api.postObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The original's endpoints on a running Liberty, against bursty-mm1 (reset before each test). */
@ExtendWith(ArquillianExtension.class)
class SimulationApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeEach
    void freshBurstyMm1() throws Exception {
        postObject("api/scenarios/bursty-mm1");
    }

    @Test
    void topologyHasTheFourNodesAndTheServerToSinkEdge() throws Exception {
        JsonObject topology = getObject("api/topology");
        List<String> ids = topology.getJsonArray("nodes").stream().map(n -> n.asJsonObject().getString("id")).toList();
        assertEquals(List.of("Source", "Server", "Sink", "Probe_Server_depth"), ids);
        JsonObject source = topology.getJsonArray("nodes").getJsonObject(0);
        assertEquals("source", source.getString("category"));
        assertEquals(201, source.getJsonObject("profile").getJsonArray("times").size());
        assertFalse(topology.getJsonArray("nodes").getJsonObject(1).containsKey("is_group"), "group fields only on groups");
        Set<String> edges = topology.getJsonArray("edges").stream().map(JsonValue::asJsonObject)
                .map(e -> e.getString("source") + "->" + e.getString("target") + ":" + e.getString("kind")).collect(Collectors.toSet());
        assertEquals(Set.of("Source->Server:data", "Server->Sink:data", "Probe_Server_depth->Server:probe"), edges);
    }

    @Test
    void theRunStartsPrimedAtZeroAndStepsReportTheirEvents() throws Exception {
        JsonObject state = getObject("api/state");
        assertEquals(0.0, number(state, "time_s"));
        assertEquals(0, state.getInt("events_processed"));
        assertTrue(state.getBoolean("is_paused") && state.getBoolean("is_running") && !state.getBoolean("is_complete"));
        assertEquals(60.0, number(state, "end_time_s"));
        assertEquals("s", state.getString("time_unit"));
        assertEquals(2, state.getJsonArray("upcoming").size());
        assertEquals(Set.of("generated"), state.getJsonObject("entities").getJsonObject("Source").keySet());

        JsonObject step = postObject("api/step?count=5");
        assertEquals(5, step.getJsonObject("state").getInt("events_processed"));
        JsonArray events = step.getJsonArray("new_events");
        assertEquals(List.of(1, 2, 3, 4, 5), events.stream().map(e -> e.asJsonObject().getInt("event_id")).toList());
        JsonObject request = events.getJsonObject(1);
        assertEquals("Request", request.getString("event_type"));
        assertEquals("Source", request.getString("source_name"), "true causality: the source's handler made the request");
        assertEquals(1, request.getJsonObject("context").getInt("request_id"));
        assertTrue(events.getJsonObject(0).isNull("source_name"), "the first tick was scheduled from outside");
        assertFalse(events.getJsonObject(0).containsKey("context"), "an empty context is omitted");
        assertTrue(step.getJsonObject("edge_stats").containsKey("Source->Server"));
        assertEquals("step_done", step.getJsonObject("state").getJsonObject("pause_reason").getString("kind"));
    }

    @Test
    void runToStopsAtTheFirstEventAtOrAfterTheTimeAndRefusesThePast() throws Exception {
        JsonObject result = postObject("api/run_to?time_s=30");
        JsonObject state = result.getJsonObject("state");
        assertEquals(30.0, number(state, "time_s"), 1e-6);
        assertEquals("run_to_reached", state.getJsonObject("pause_reason").getString("kind"));
        List<JsonObject> history = Api.allEvents("");
        assertEquals(state.getInt("events_processed"), history.size());
        assertTrue(number(history.get(history.size() - 2), "time_s") < 30.0, "it stopped at the first event reaching 30 s");
        assertTrue(result.getJsonArray("new_events").size() <= 500, "the live-tail rule caps what a step carries");
        assertEquals(history.size(), result.getJsonArray("new_events").size() + result.getInt("dropped_events"));

        assertEquals(409, Api.post("api/run_to?time_s=10").status());
        Api.runToEnd();
        assertEquals(409, Api.post("api/step").status(), "a complete run cannot step");
        assertEquals(409, Api.post("api/run_to?time_s=2000000").status());
    }

    @Test
    void probesTimeseriesAndDownsampling() throws Exception {
        assertEquals("[{\"metric\":\"depth\",\"name\":\"Probe_Server_depth\",\"target\":\"Server\"}]",
                Api.get("api/probes").body());
        postObject("api/run_to?time_s=30");
        JsonObject all = getObject("api/timeseries?probe=Probe_Server_depth");
        assertEquals("depth", all.getString("metric"));
        assertEquals("Server", all.getString("target"));
        int samples = all.getJsonArray("times").size();
        assertTrue(samples >= 299 && samples <= 300, "a sample every 0.1 s: " + samples);
        double peak = all.getJsonArray("values").stream().mapToDouble(v -> ((jakarta.json.JsonNumber) v).doubleValue()).max().orElseThrow();
        JsonObject small = getObject("api/timeseries?probe=Probe_Server_depth&max_points=20");
        assertTrue(small.getJsonArray("times").size() <= 20);
        assertTrue(small.getJsonArray("values").stream().anyMatch(v -> ((jakarta.json.JsonNumber) v).doubleValue() == peak), "M4 keeps the peak");
        JsonObject window = getObject("api/timeseries?probe=Probe_Server_depth&start_s=10&end_s=20");
        assertTrue(window.getJsonArray("times").stream().allMatch(t -> {
            double v = ((jakarta.json.JsonNumber) t).doubleValue();
            return v >= 10 && v < 20;
        }));

        JsonObject unknown = getObject("api/timeseries?probe=Nope");
        assertEquals("Nope", unknown.getString("name"));
        assertEquals("", unknown.getString("metric"));
        assertEquals(0, unknown.getJsonArray("times").size(), "legacy-empty for an unknown probe");
    }

    @Test
    void chartsHaveStableIdsAndTheirTransformsApply() throws Exception {
        JsonArray charts = getArray("api/charts");
        assertEquals(List.of("Queue Depth", "P99 Queue Depth", "Mean Queue Depth"),
                charts.stream().map(c -> c.asJsonObject().getString("title")).toList());
        assertEquals(charts, getArray("api/charts"), "chart ids are derived from the definitions");
        postObject("api/run_to?time_s=20");
        JsonObject p99 = charts.getJsonObject(1);
        assertEquals("p99", p99.getString("transform"));
        JsonObject data = getObject("api/chart_data?chart_id=" + p99.getString("chart_id") + "&start_s=0&end_s=5");
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0),
                data.getJsonArray("times").stream().map(t -> ((jakarta.json.JsonNumber) t).doubleValue()).toList(), "1 s buckets");
        assertEquals(p99, data.getJsonObject("config"));
        JsonObject raw = getObject("api/chart_data?chart_id=" + charts.getJsonObject(0).getString("chart_id") + "&max_points=30");
        assertTrue(raw.getJsonArray("times").size() <= 30);
        JsonObject probeP99 = getObject("api/timeseries?probe=Probe_Server_depth&transform=p99&window_s=1&start_s=0&end_s=5");
        assertEquals(data.getJsonArray("times"), probeP99.getJsonArray("times"), "a probe chart can take any transform");
        assertEquals(data.getJsonArray("values"), probeP99.getJsonArray("values"));
        assertEquals(400, Api.get("api/timeseries?probe=Probe_Server_depth&transform=median").status());
        assertEquals(400, Api.get("api/timeseries?probe=Probe_Server_depth&transform=mean&window_s=0").status());
        JsonObject unknown = getObject("api/chart_data?chart_id=zzz");
        assertEquals(0, unknown.getJsonArray("times").size());
        assertEquals(0, unknown.getJsonObject("config").size(), "legacy-empty for an unknown chart");
    }

    @Test
    void entityStateAndHistory() throws Exception {
        postObject("api/run_to?time_s=10");
        JsonObject server = getObject("api/entity_state?entity=Server");
        assertEquals(List.of("depth", "utilization", "accepted", "dropped", "mean_depth", "service_time", "concurrency", "in_flight",
                "completed", "errors", "served_late"), List.copyOf(server.getJsonObject("state").keySet()));
        assertTrue(getObject("api/entity_state?entity=Server.queue").containsKey("state"), "internal parts can be inspected");
        assertEquals(404, Api.get("api/entity_state?entity=Nobody").status());

        JsonObject history = getObject("api/entity_history?entity=Server&max_points=40");
        JsonObject depth = history.getJsonObject("metrics").getJsonObject("depth");
        assertTrue(depth.getJsonArray("times").size() > 2 && depth.getJsonArray("times").size() <= 40);
        assertEquals(404, Api.get("api/entity_history?entity=Nobody").status());
    }

    @Test
    void groupsArePagedAndSearchable() throws Exception {
        postObject("api/scenarios/server-farm");
        JsonObject topology = getObject("api/topology");
        JsonObject group = topology.getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                .filter(n -> n.getString("id").equals("group:Server")).findFirst().orElseThrow();
        assertEquals(40, group.getInt("member_count"));
        JsonObject page = getObject("api/group_members?group_id=group:Server&offset=10&limit=5");
        assertEquals(40, page.getInt("total"));
        assertEquals(List.of("Server-10", "Server-11", "Server-12", "Server-13", "Server-14"),
                page.getJsonArray("members").stream().map(m -> m.asJsonObject().getString("name")).toList());
        assertTrue(page.getJsonArray("members").getJsonObject(0).getJsonObject("state").containsKey("depth"));
        assertEquals("Server", page.getString("type"));
        assertEquals("queued_resource", page.getString("category"));
        assertEquals(10, getObject("api/group_members?group_id=group:Server&search=server-1").getInt("total"));
        assertEquals(404, Api.get("api/group_members?group_id=group:Nope").status());
        assertFalse(getObject("api/state").getJsonObject("entities").containsKey("Server-00"), "grouped members are not in the state");
    }

    @Test
    void resetEmptiesTheHistoryAndGoesBackToZero() throws Exception {
        postObject("api/run_to?time_s=15");
        assertTrue(getObject("api/events?limit=1").getInt("total") > 0);
        JsonObject state = postObject("api/reset");
        assertEquals(0, state.getInt("events_processed"));
        assertEquals(0.0, number(state, "time_s"));
        assertEquals(0, getObject("api/events?limit=1").getInt("total"));
        assertEquals(0, getObject("api/logs?limit=1").getInt("total"));
        assertEquals(0, getObject("api/timeseries?probe=Probe_Server_depth").getJsonArray("times").size());
        assertEquals(0, getObject("api/state").getJsonObject("entities").getJsonObject("Sink").getInt("events_received"),
                "every counter is cleared (the original kept them)");
    }
}
