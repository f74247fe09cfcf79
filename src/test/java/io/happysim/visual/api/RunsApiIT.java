package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getArray;
import static io.happysim.visual.it.Api.getObject;
import static io.happysim.visual.it.Api.postObject;
import static io.happysim.visual.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs over HTTP: a finished run A, then run B of another seed recording; A listed and read through every history,
 * chart, series, count and log endpoint with {@code run=A} exactly as it answered while it was current; compared
 * with B; deleted. Bad input — unknown runs, the current run deleted, malformed ids — is a 4xx, never a 5xx.
 */
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsApiIT {
    /** What run A's endpoints answered while it was the current run. */
    private final Map<String, String> whileCurrent = new LinkedHashMap<>();
    private long runA;
    private long runB;
    private JsonObject endOfA;

    /** Reads of a run, relative; each gets {@code &run=<id>} appended. */
    private static final List<String> READS = List.of(
            "api/events?limit=50&exclude_internal=true", "api/events?limit=20&direction=newer&event_type=Request",
            "api/events?around_time=30&limit=10", "api/events?last_n=25", "api/events/count?entity=Sink", "api/events/types",
            "api/entities", "api/logs?limit=30", "api/logs?min_level=INFO&direction=newer&limit=5", "api/charts", "api/probes",
            "api/timeseries?probe=Probe_Server_depth&max_points=200", "api/timeseries?probe=Probe_Server_depth&transform=p99&window_s=2",
            "api/entity_history?entity=Server&max_points=100", "api/entity_series?entity=Server&metric=depth&max_points=100",
            "api/entity_state?entity=Server");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeAll
    void twoRuns() throws Exception {
        JsonObject loaded = postObject("api/scenarios/bursty-mm1");
        runA = loaded.getJsonNumber("run_id").longValue();
        endOfA = Api.runToEnd();
        for (String read : READS) {
            whileCurrent.put(read, Api.get(read).body());
        }
        for (JsonValue chart : getArray("api/charts")) {
            String path = "api/chart_data?max_points=300&chart_id=" + q(chart.asJsonObject().getString("chart_id"));
            whileCurrent.put(path, Api.get(path).body());
        }
        JsonObject b = Api.object(Api.postJson("api/scenarios/bursty-mm1", "{\"seed\": 7}"), 200);
        runB = b.getJsonNumber("run_id").longValue();
        assertNotEquals(runA, runB, "a scenario load starts a new run");
        postObject("api/run_to?time_s=30");
    }

    @Test
    @Order(1)
    void theRunsAreListedNewestFirstWithWhatTheyWere() throws Exception {
        JsonArray runs = getArray("api/runs");
        List<Long> ids = runs.stream().map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList();
        assertEquals(runB, ids.get(0), "newest first");
        assertTrue(ids.indexOf(runA) > 0);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) < ids.get(i - 1));
        }
        JsonObject a = runs.getJsonObject(ids.indexOf(runA));
        assertEquals("bursty-mm1", a.getString("scenario"));
        assertEquals(42, a.getInt("seed"));
        assertEquals(endOfA.getInt("events_processed"), a.getInt("events"));
        assertEquals(Api.number(endOfA, "time_s"), Api.number(a, "time_reached_s"), 1e-9);
        assertFalse(a.getBoolean("current"));
        assertFalse(a.isNull("ended_at"));
        assertEquals(20.0, Api.number(a.getJsonObject("params"), "burst_rate"));
        assertTrue(a.getJsonObject("params_changed").isEmpty());
        JsonObject b = runs.getJsonObject(0);
        assertTrue(b.getBoolean("current"));
        assertEquals(7, b.getInt("seed"));
        assertTrue(b.isNull("ended_at"));
        assertEquals(getObject("api/state").getInt("events_processed"), b.getInt("events"));
        assertTrue(b.getJsonNumber("bytes").longValue() > 0);

        JsonObject detail = getObject("api/runs/" + runA);
        assertEquals(runA, detail.getJsonNumber("id").longValue());
        assertEquals(getObject("api/topology").getJsonArray("nodes").size(), detail.getJsonObject("topology").getJsonArray("nodes").size());
        assertEquals(3, detail.getJsonArray("charts").size());
        assertTrue(detail.getJsonArray("charts").getJsonObject(0).containsKey("series"));
        assertEquals(endOfA.getJsonObject("entities").keySet(), detail.getJsonObject("state").getJsonObject("entities").keySet());
        assertEquals(endOfA.getJsonObject("entities").getJsonObject("Sink").getInt("events_received"),
                detail.getJsonObject("state").getJsonObject("entities").getJsonObject("Sink").getInt("events_received"));
        assertEquals(runB, getObject("api/store").getJsonNumber("run").longValue());
    }

    @Test
    @Order(2)
    void everyReadOfAPastRunAnswersAsItDidWhileItWasCurrent() throws Exception {
        for (Map.Entry<String, String> read : whileCurrent.entrySet()) {
            String path = read.getKey() + (read.getKey().contains("?") ? "&" : "?") + "run=" + runA;
            HttpJson.Reply reply = Api.get(path);
            assertEquals(200, reply.status(), path + ": " + reply.body());
            String expected = read.getValue();
            if (read.getKey().startsWith("api/events/count")) {
                expected = expected.replaceAll("\"pending\":\\d+", "\"pending\":0");
            }
            assertSameJsonModuloSeries(expected, reply.body(), path);
        }
        // the current run, named or not, is the same
        assertEquals(Api.get("api/events?limit=10").body(), Api.get("api/events?limit=10&run=" + runB).body());
    }

    /**
     * The same JSON: a past run's charts carry the stored {@code series} as well, its numbers come back in their stored
     * form (1.0 for 1) and its objects in their stored order (JSON-B writes a record's fields alphabetically).
     */
    private static void assertSameJsonModuloSeries(String expected, String actual, String what) {
        JsonValue e = jsonOf(expected);
        JsonValue a = jsonOf(actual);
        assertEquals(normal(e), normal(a), what);
    }

    private static JsonValue jsonOf(String text) {
        return jakarta.json.Json.createReader(new java.io.StringReader(text)).readValue();
    }

    /** Numbers as doubles, without the {@code series} fields, so 1 and 1.0 compare equal. */
    private static Object normal(JsonValue v) {
        switch (v.getValueType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                v.asJsonObject().forEach((k, x) -> {
                    if (!k.equals("series")) {
                        m.put(k, normal(x));
                    }
                });
                return m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>();
                v.asJsonArray().forEach(x -> l.add(normal(x)));
                return l;
            }
            case NUMBER -> {
                return ((jakarta.json.JsonNumber) v).doubleValue();
            }
            default -> {
                return v.toString();
            }
        }
    }

    @Test
    @Order(3)
    void twoRunsCompareSideBySide() throws Exception {
        JsonObject c = getObject("api/runs/compare?a=" + runA + "&b=" + runB);
        assertEquals(runA, c.getJsonObject("a").getJsonNumber("id").longValue());
        assertEquals(runB, c.getJsonObject("b").getJsonNumber("id").longValue());
        JsonObject events = row(c, "events");
        assertEquals(endOfA.getInt("events_processed"), events.getJsonNumber("a").longValue());
        assertEquals(getObject("api/state").getInt("events_processed"), events.getJsonNumber("b").longValue());
        assertTrue(events.getBoolean("differs"));
        JsonObject time = row(c, "simulated_time_s");
        assertEquals(Api.number(getObject("api/state"), "time_s"), Api.number(time, "b"), 1e-9);
        assertEquals(Api.number(endOfA, "time_s"), Api.number(time, "a"), 1e-9);
        assertTrue(c.getJsonArray("summary").stream().anyMatch(r -> r.asJsonObject().getString("key").equals("sink:Sink:p99")));
        assertEquals(3, c.getJsonArray("charts").size());
        String chartId = c.getJsonArray("charts").getJsonObject(0).getString("chart_id");
        JsonObject pair = getObject("api/runs/compare/chart_data?a=" + runA + "&b=" + runB + "&max_points=100&chart_id=" + q(chartId));
        JsonArray series = pair.getJsonArray("series");
        assertEquals(2, series.size());
        assertEquals(runA, series.getJsonObject(0).getJsonNumber("run").longValue());
        assertEquals(runB, series.getJsonObject(1).getJsonNumber("run").longValue());
        JsonObject aAlone = getObject("api/chart_data?max_points=100&chart_id=" + q(chartId) + "&run=" + runA);
        assertEquals(aAlone.getJsonArray("values"), series.getJsonObject(0).getJsonArray("values"));
        JsonObject bAlone = getObject("api/chart_data?max_points=100&chart_id=" + q(chartId));
        assertEquals(bAlone.getJsonArray("values"), series.getJsonObject(1).getJsonArray("values"));
        assertTrue(series.getJsonObject(0).getJsonArray("times").size() <= 100);
        JsonObject probes = getObject("api/runs/compare/timeseries?a=" + runA + "&b=" + runB + "&probe=Probe_Server_depth&max_points=50");
        assertEquals(2, probes.getJsonArray("series").size());
        assertEquals(getObject("api/timeseries?probe=Probe_Server_depth&max_points=50&run=" + runA).getJsonArray("times"),
                probes.getJsonArray("series").getJsonObject(0).getJsonArray("times"));
    }

    private static JsonObject row(JsonObject comparison, String key) {
        return comparison.getJsonArray("summary").stream().map(JsonValue::asJsonObject).filter(r -> r.getString("key").equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no summary row " + key));
    }

    @Test
    @Order(4)
    void badRunInputIsA4xxAndNothingIsLost() throws Exception {
        long unknown = 987_654_321L;
        List<String> failures = new ArrayList<>();
        for (String read : READS) {
            String base = read + (read.contains("?") ? "&" : "?");
            expect(404, Api.get(base + "run=" + unknown), "GET " + base + "run=" + unknown, failures);
            expect(400, Api.get(base + "run=abc"), "GET " + base + "run=abc", failures);
            expect(400, Api.get(base + "run=0"), "GET " + base + "run=0", failures);
        }
        expect(404, Api.get("api/chart_data?chart_id=x&run=" + unknown), "chart_data unknown run", failures);
        expect(404, Api.get("api/runs/" + unknown), "GET unknown run", failures);
        expect(400, Api.get("api/runs/-4"), "GET run -4", failures);
        expect(400, Api.get("api/runs/" + q("1 OR 1=1")), "GET run 1 OR 1=1", failures);
        expect(409, Api.delete("api/runs/" + runB), "DELETE the current run", failures);
        expect(404, Api.delete("api/runs/" + unknown), "DELETE an unknown run", failures);
        expect(400, Api.delete("api/runs/abc"), "DELETE run abc", failures);
        expect(400, Api.get("api/runs/compare?a=" + runA), "compare without b", failures);
        expect(400, Api.get("api/runs/compare?a=x&b=" + runB), "compare a=x", failures);
        expect(404, Api.get("api/runs/compare?a=" + runA + "&b=" + unknown), "compare with an unknown run", failures);
        expect(404, Api.get("api/runs/compare/chart_data?a=" + runA + "&b=" + runB + "&chart_id=nope"), "compare an unshared chart", failures);
        expect(400, Api.get("api/runs/compare/chart_data?a=" + runA + "&b=" + runB), "compare without chart_id", failures);
        expect(400, Api.get("api/runs/compare/chart_data?a=" + runA + "&b=" + runB + "&chart_id=x&max_points=1"), "max_points=1", failures);
        expect(400, Api.get("api/runs/compare/timeseries?a=" + runA + "&b=" + runB + "&probe=Probe_Server_depth&transform=p42"), "transform", failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // nothing was lost: both runs hold what they held, and the current one goes on
        assertEquals(endOfA.getInt("events_processed"), getObject("api/events/count?run=" + runA).getInt("total"));
        JsonObject stepped = postObject("api/step?count=5").getJsonObject("state");
        assertEquals(stepped.getInt("events_processed"), getObject("api/events/count").getInt("total"));
    }

    private static void expect(int status, HttpJson.Reply reply, String what, List<String> failures) {
        if (reply.status() != status || !reply.body().startsWith("{\"error\":")) {
            failures.add(what + " -> " + reply.status() + " " + reply.body() + " (expected " + status + ")");
        }
    }

    @Test
    @Order(5)
    void aDeletedRunIsGoneAndTheOthersStay() throws Exception {
        JsonObject third = postObject("api/scenarios/mmc-cluster");
        long runC = third.getJsonNumber("run_id").longValue();
        assertEquals(200, Api.post("api/step?count=20").status(), "a run with events is kept when the next starts (an empty one is not)");
        postObject("api/scenarios/bursty-mm1");
        assertEquals(204, Api.delete("api/runs/" + runC).status());
        assertEquals(404, Api.get("api/runs/" + runC).status());
        assertEquals(404, Api.get("api/events?run=" + runC).status());
        assertFalse(getArray("api/runs").stream().anyMatch(r -> r.asJsonObject().getJsonNumber("id").longValue() == runC));
        assertEquals(200, Api.get("api/runs/" + runA).status(), "the other runs stay");
    }

    /** A folded group of a past run: its members with their metrics at the run's end, sorted and searched on the server. */
    @Test
    @Order(6)
    void aPastRunsGroupMembersAreThoseOfItsEnd() throws Exception {
        long farm = postObject("api/scenarios/server-farm").getJsonNumber("run_id").longValue();
        postObject("api/step?count=3000");
        String group = getObject("api/topology").getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                .filter(n -> n.getBoolean("is_group", false)).findFirst().orElseThrow().getString("id");
        String page = "api/group_members?group_id=" + q(group) + "&sort=completed&order=desc&limit=100";
        String live = Api.get(page).body();
        postObject("api/scenarios/bursty-mm1");
        // a run's end (its final state with the members' metrics) is written on the drain executor after the switch,
        // behind its size, which is read page by page: read the past run once it is ended
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (getObject("api/runs/" + farm).isNull("ended_at") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(getObject("api/runs/" + farm).isNull("ended_at"), "the run was ended within 30 s");
        HttpJson.Reply past = Api.get(page + "&run=" + farm);
        assertEquals(200, past.status(), past.body());
        assertSameJsonModuloSeries(live, past.body(), "the members as they were when the run ended");
        assertEquals(404, Api.get("api/group_members?group_id=" + q(group)).status(), "the live model has no such group");
        List<String> failures = new ArrayList<>();
        expect(404, Api.get("api/group_members?group_id=Nope&run=" + farm), "a group the run did not have", failures);
        expect(404, Api.get("api/group_members?group_id=" + q(group) + "&run=987654321"), "an unknown run", failures);
        expect(400, Api.get("api/group_members?group_id=" + q(group) + "&run=x"), "run=x", failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
