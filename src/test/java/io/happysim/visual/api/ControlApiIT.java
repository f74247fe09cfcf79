package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getArray;
import static io.happysim.visual.it.Api.getObject;
import static io.happysim.visual.it.Api.object;
import static io.happysim.visual.it.Api.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Breakpoints and the choice of scenario, and a debug play stopping where a breakpoint says. */
@ExtendWith(ArquillianExtension.class)
class ControlApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeEach
    void freshBurstyMm1() throws Exception {
        Api.postObject("api/scenarios/bursty-mm1");
        for (JsonObject bp : getArray("api/breakpoints").getValuesAs(JsonObject.class)) {
            Api.delete("api/breakpoints/" + bp.getString("id"));
        }
    }

    @Test
    void breakpointsAreAddedListedAndRemoved() throws Exception {
        JsonObject time = object(postJson("api/breakpoints", "{\"kind\":\"time\",\"time_s\":12.5}"), 201);
        assertEquals("time", time.getString("kind"));
        assertEquals(12.5, time.getJsonNumber("time_s").doubleValue());
        assertTrue(time.getBoolean("one_shot"), "time breakpoints are one-shot by default");
        JsonObject metric = object(postJson("api/breakpoints",
                "{\"kind\":\"metric\",\"entity\":\"Server\",\"metric\":\"depth\",\"operator\":\"gt\",\"threshold\":3,\"one_shot\":true}"), 201);
        JsonObject type = object(postJson("api/breakpoints", "{\"kind\":\"event_type\",\"event_type\":\"Response\"}"), 201);
        JsonObject count = object(postJson("api/breakpoints", "{\"kind\":\"event_count\",\"count\":100}"), 201);
        JsonArray listed = getArray("api/breakpoints");
        assertEquals(List.of(time.getString("id"), metric.getString("id"), type.getString("id"), count.getString("id")),
                listed.stream().map(b -> b.asJsonObject().getString("id")).toList());
        assertEquals(204, Api.delete("api/breakpoints/" + type.getString("id")).status());
        assertEquals(404, Api.delete("api/breakpoints/" + type.getString("id")).status());
        assertEquals(3, getArray("api/breakpoints").size());

        assertEquals(400, postJson("api/breakpoints", "{\"kind\":\"metric\",\"entity\":\"Server\",\"metric\":\"colour\",\"operator\":\"gt\",\"threshold\":1}").status());
        assertEquals(400, postJson("api/breakpoints", "{\"kind\":\"metric\",\"entity\":\"Ghost\",\"metric\":\"depth\",\"operator\":\"gt\",\"threshold\":1}").status());
        assertEquals(400, postJson("api/breakpoints", "{\"kind\":\"time\"}").status());
        assertEquals(400, postJson("api/breakpoints", "{\"kind\":\"sometimes\"}").status());
        assertEquals(400, postJson("api/breakpoints", "{not json").status());
        assertEquals(400, postJson("api/breakpoints", "").status());
    }

    @Test
    void breakpointsStopStepsAndRunTos() throws Exception {
        JsonObject bp = object(postJson("api/breakpoints", "{\"kind\":\"event_type\",\"event_type\":\"Response\"}"), 201);
        JsonObject result = Api.postObject("api/run_to?time_s=50");
        JsonObject state = result.getJsonObject("state");
        assertEquals("breakpoint", state.getJsonObject("pause_reason").getString("kind"));
        assertEquals(bp.getString("id"), state.getJsonObject("pause_reason").getString("breakpoint_id"));
        JsonObject last = result.getJsonArray("new_events").getJsonObject(result.getJsonArray("new_events").size() - 1);
        assertEquals("Response", last.getString("event_type"), "it stopped on the first Response");

        Api.delete("api/breakpoints/" + bp.getString("id"));
        object(postJson("api/breakpoints", "{\"kind\":\"event_count\",\"count\":500}"), 201);
        JsonObject stopped = Api.postObject("api/run_to?time_s=59").getJsonObject("state");
        assertEquals(500, stopped.getInt("events_processed"));
        assertEquals(0, getArray("api/breakpoints").size(), "a one-shot breakpoint is gone once it fired");
    }

    @Test
    void debugPlayStopsAtAMetricBreakpointAndSaysWhich() throws Exception {
        JsonObject bp = object(postJson("api/breakpoints",
                "{\"kind\":\"metric\",\"entity\":\"Server\",\"metric\":\"depth\",\"operator\":\"ge\",\"threshold\":8}"), 201);
        try (WsClient client = WsClient.connect()) {
            client.await("state_update", 10_000);
            client.send("{\"action\":\"debug\",\"speed\":0}");
            JsonObject hit = client.await("breakpoint_hit", 30_000);
            assertEquals(bp.getString("id"), hit.getJsonObject("breakpoint").getString("id"));
            assertEquals("metric", hit.getJsonObject("breakpoint").getString("kind"));
        }
        JsonObject state = getObject("api/state");
        assertEquals("breakpoint", state.getJsonObject("pause_reason").getString("kind"));
        assertEquals(8, state.getJsonObject("entities").getJsonObject("Server").getInt("depth"));
        assertTrue(!state.getBoolean("is_playing") && state.getBoolean("is_paused"));
    }

    @Test
    void scenariosAreListedAndLoaded() throws Exception {
        JsonArray scenarios = getArray("api/scenarios");
        assertEquals(List.of("bursty-mm1", "consistent-hash-lb", "mmc-cluster", "server-farm", "retrying-client",
                        "metastable-retry-storm", "gc-collapse", "circuit-breaker", "hedged-requests", "degraded-network", "partition",
                        "rate-limited-api", "codel-under-overload", "bursty-mm1-long"),
                scenarios.stream().map(s -> s.asJsonObject().getString("id")).toList());
        assertTrue(scenarios.getJsonObject(0).getBoolean("active"));
        Api.postObject("api/run_to?time_s=5");
        JsonObject state = Api.postObject("api/scenarios/consistent-hash-lb");
        assertEquals("consistent-hash-lb", state.getString("scenario"));
        assertEquals(0, state.getInt("events_processed"));
        assertEquals(0, getObject("api/events?limit=1").getInt("total"), "the previous model's history is gone");
        assertTrue(getArray("api/scenarios").getJsonObject(1).getBoolean("active"));
        assertTrue(getObject("api/topology").getJsonArray("nodes").stream().anyMatch(n -> n.asJsonObject().getString("id").equals("Router")));
        assertEquals(404, Api.post("api/scenarios/no-such-model").status());
    }
}
