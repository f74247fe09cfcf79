package io.happysim.visual.api;

import static io.happysim.visual.it.Api.allEvents;
import static io.happysim.visual.it.Api.getArray;
import static io.happysim.visual.it.Api.object;
import static io.happysim.visual.it.Api.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What-if runs over the API: a scenario's parameters listed, a seed and values taken, bad bodies refused naming the field. */
@ExtendWith(ArquillianExtension.class)
class ScenarioParametersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @AfterEach
    void backToTheDefault() throws Exception {
        Api.postObject("api/scenarios/bursty-mm1");
    }

    @Test
    void eachScenarioListsItsParametersWithDefaults() throws Exception {
        JsonObject mmc = getArray("api/scenarios").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals("mmc-cluster")).findFirst().orElseThrow();
        assertEquals("built-in", mmc.getString("source"));
        assertEquals(42, mmc.getJsonNumber("default_seed").longValue());
        JsonObject servers = mmc.getJsonArray("parameters").getJsonObject(0);
        assertEquals("servers", servers.getString("name"));
        assertEquals("integer", servers.getString("type"));
        assertEquals(3, servers.getJsonNumber("default_value").intValue());
        assertEquals(1.0, servers.getJsonNumber("min").doubleValue());
        assertTrue(getArray("api/scenarios").getValuesAs(JsonObject.class).stream()
                .allMatch(s -> !s.getJsonArray("parameters").isEmpty()), "every built-in declares its knobs");
    }

    @Test
    void theStateSaysWhichSeedAndValuesTheRunUses() throws Exception {
        JsonObject state = object(postJson("api/scenarios/mmc-cluster", "{\"seed\": 7, \"params\": {\"arrival_rate\": 12, \"duration\": 30}}"), 200);
        assertEquals("mmc-cluster", state.getString("scenario"));
        assertEquals(7, state.getJsonNumber("seed").longValue());
        assertEquals(12.0, state.getJsonObject("params").getJsonNumber("arrival_rate").doubleValue());
        assertEquals(3, state.getJsonObject("params").getJsonNumber("servers").intValue(), "the others at their defaults");
        assertEquals(List.of("arrival_rate", "duration"), List.copyOf(state.getJsonObject("params_changed").keySet()));
        assertEquals(30.0, state.getJsonNumber("end_time_s").doubleValue(), "the duration took effect");

        JsonObject defaults = Api.postObject("api/scenarios/mmc-cluster");
        assertEquals(42, defaults.getJsonNumber("seed").longValue(), "no body: the default seed");
        assertTrue(defaults.getJsonObject("params_changed").isEmpty(), "and the defaults");
    }

    @Test
    void theSameSeedAndValuesGiveTheSameHistoryAndAnotherSeedAnother() throws Exception {
        String body = "{\"seed\": 11, \"params\": {\"arrival_rate\": 15, \"duration\": 5}}";
        List<String> first = recordedRun(body);
        List<String> again = recordedRun(body);
        List<String> otherSeed = recordedRun("{\"seed\": 12, \"params\": {\"arrival_rate\": 15, \"duration\": 5}}");
        assertTrue(first.size() > 100, "a real run: " + first.size() + " events");
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    /** Loads mmc-cluster with {@code body}, runs it to the end and reads its whole stored history. */
    private static List<String> recordedRun(String body) throws Exception {
        object(postJson("api/scenarios/mmc-cluster", body), 200);
        object(Api.post("api/run_to?time_s=5"), 200);
        Api.get("api/store");
        return allEvents("").stream()
                .map(e -> e.getJsonNumber("time_s") + "|" + e.getString("event_type") + "|" + e.getString("target_name"))
                .toList();
    }

    @Test
    void everyBadBodyIsA400NamingTheFieldAndTheRunGoesOn() throws Exception {
        JsonObject before = object(postJson("api/scenarios/mmc-cluster", "{\"seed\": 5}"), 200);
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"seed\": \"seven\"}", "seed");
        bad.put("{\"seed\": 1.5}", "seed");
        bad.put("{\"seed\": 1e30}", "seed");
        bad.put("{\"seed\": true}", "seed");
        bad.put("{\"params\": {\"arrival_rate\": \"fast\"}}", "arrival_rate");
        bad.put("{\"params\": {\"arrival_rate\": -3}}", "arrival_rate");
        bad.put("{\"params\": {\"arrival_rate\": 1e308}}", "arrival_rate");
        bad.put("{\"params\": {\"arrival_rate\": 1e999}}", "arrival_rate");
        bad.put("{\"params\": {\"servers\": 2.5}}", "servers");
        bad.put("{\"params\": {\"servers\": 100000}}", "servers");
        bad.put("{\"params\": {\"servers\": 1, \"arrival_rate\": 50}}", "arrival_rate");
        bad.put("{\"params\": {\"nope\": 1}}", "nope");
        bad.put("{\"params\": {\"arrival_rate\": {\"a\": 1}}}", "arrival_rate");
        bad.put("{\"params\": {\"arrival_rate\": [1, 2]}}", "arrival_rate");
        bad.put("{\"params\": {\"arrival_rate\": null}}", "arrival_rate");
        bad.put("{\"params\": [1, 2]}", "params");
        bad.put("{\"sede\": 7}", "sede");
        bad.put("[1, 2, 3]", "object");
        bad.put("{\"seed\": 7", "JSON");
        bad.put("\"just a string\"", "object");
        bad.put("{\"params\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "nests");
        bad.put("{\"params\": {\"arrival_rate\": NaN}}", "JSON");
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            HttpJson.Reply reply = postJson("api/scenarios/mmc-cluster", entry.getKey());
            String shown = entry.getKey().length() > 60 ? entry.getKey().substring(0, 60) + "…" : entry.getKey();
            assertEquals(400, reply.status(), shown + " → " + reply.body());
            String error = reply.json().asJsonObject().getString("error");
            assertTrue(error.contains(entry.getValue()), shown + " → the error names '" + entry.getValue() + "': " + error);
        }
        assertEquals(404, postJson("api/scenarios/no-such-model", "{}").status());
        JsonObject after = Api.getObject("api/state");
        assertEquals("mmc-cluster", after.getString("scenario"));
        assertEquals(before.getJsonNumber("seed"), after.getJsonNumber("seed"), "the refused loads left the run alone");
    }

    @Test
    void rescanAnswersWhatItFoundAndTheProblemsAreListed() throws Exception {
        JsonObject result = object(Api.post("api/scenarios/rescan"), 200);
        assertTrue(result.getInt("scenarios") >= 14, result.toString());
        assertTrue(result.containsKey("problems"));
        assertEquals(200, Api.get("api/scenarios/problems").status());
    }
}
