package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import io.happysim.visual.it.WsClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Malformed requests of every kind: each gets a 4xx JSON error naming the problem, none a 5xx, and the history stays as it was. */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    private static final String LONG = "x".repeat(5000);

    private static final List<String> BAD_GETS = List.of(
            "api/events?limit=abc", "api/events?limit=-1", "api/events?limit=0", "api/events?limit=1001",
            "api/events?limit=99999999999999999999", "api/events?limit=1.5", "api/events?direction=sideways",
            "api/events?time_min=abc", "api/events?time_min=NaN", "api/events?time_max=Infinity",
            "api/events?time_min=-5", "api/events?time_min=10&time_max=5", "api/events?cursor=not-a-cursor",
            "api/events?cursor=" + Api.q("bDoxMA=="), "api/events?cursor=" + Api.q("ZTotNQ=="), "api/events?around_time=xyz",
            "api/events?exclude_internal=maybe", "api/events?total=perhaps", "api/events?search=" + LONG, "api/events?entity=" + LONG,
            "api/events?last_n=-3", "api/events?last_n=1e3", "api/events?last_n=999999",
            "api/events/count?time_min=3&time_max=1", "api/events/count?exclude_internal=2",
            "api/logs?min_level=LOUD", "api/logs?limit=5000", "api/logs?direction=up", "api/logs?cursor=" + Api.q("ZTo1"),
            "api/logs?time_min=NaN", "api/logs?logger=" + LONG,
            "api/timeseries", "api/timeseries?probe=Probe_Server_depth&max_points=1",
            "api/timeseries?probe=Probe_Server_depth&max_points=20001", "api/timeseries?probe=Probe_Server_depth&max_points=many",
            "api/timeseries?probe=Probe_Server_depth&start_s=9&end_s=2", "api/timeseries?probe=Probe_Server_depth&start_s=NaN",
            "api/chart_data", "api/chart_data?chart_id=x&max_points=0", "api/chart_data?chart_id=x&end_s=-1",
            "api/entity_history", "api/entity_history?entity=Server&max_points=-2", "api/entity_state",
            "api/group_members", "api/group_members?group_id=g&limit=0", "api/group_members?group_id=g&offset=-1",
            "api/no/such/endpoint", "api/entity_state?entity=" + Api.q("Server'; DROP TABLE names; --"),
            "api/timeseries?probe=Probe_Server_depth&max_points=" + Api.q("10; DROP TABLE series"),
            "api/logs?min_level=" + Api.q("INFO' OR 1=1 --"), "api/events?time_min=" + Api.q("1 OR 1=1"));

    /** Well-formed queries full of SQL: they must find nothing and change nothing. */
    private static final List<String> HOSTILE_SEARCHES = List.of(
            "api/events?search=" + Api.q("'; DELETE FROM event_blocks; --"), "api/events?entity=" + Api.q("\" OR \"1\"=\"1"),
            "api/events?event_type=" + Api.q("Request' OR '1'='1"), "api/events?search=" + Api.q("%_%"),
            "api/logs?search=" + Api.q("') OR ('a'='a"), "api/logs?logger=" + Api.q("core' --"),
            "api/events/count?search=" + Api.q("\\0 UNION SELECT * FROM names"));

    private static final List<String> BAD_POSTS = List.of(
            "api/step?count=0", "api/step?count=-1", "api/step?count=abc", "api/step?count=2000000", "api/step?count=1e2",
            "api/run_to", "api/run_to?time_s=", "api/run_to?time_s=NaN", "api/run_to?time_s=-1", "api/run_to?time_s=ten",
            "api/scenarios/" + Api.q("<img src=x onerror=alert(1)>"), "api/scenarios/" + Api.q("../../etc/passwd"), "api/scenarios/nope");

    private static final List<String> BAD_BODIES = List.of(
            "", "{", "[]", "null", "42", "{\"kind\":1}", "{\"kind\":\"time\",\"time_s\":\"soon\"}", "{\"kind\":\"time\",\"time_s\":-4}",
            "{\"kind\":\"event_count\",\"count\":0}", "{\"kind\":\"event_count\",\"count\":1.5}",
            "{\"kind\":\"metric\",\"entity\":\"Server\",\"metric\":\"depth\",\"operator\":\"~\",\"threshold\":1}",
            "{\"kind\":\"metric\",\"entity\":\"Server\",\"metric\":\"depth\",\"operator\":\"gt\"}",
            "{\"kind\":\"event_type\"}", "{\"kind\":\"" + LONG + "\"}");

    @Test
    void noMalformedRequestGetsA5xxAndTheHistoryIsUnchanged() throws Exception {
        Api.postObject("api/scenarios/bursty-mm1");
        Api.postObject("api/run_to?time_s=20");
        String before = fingerprint();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String path : BAD_GETS) {
            check("GET " + path, Api.get(path), failures);
            sent++;
        }
        for (String path : HOSTILE_SEARCHES) {
            HttpJson.Reply reply = Api.get(path);
            if (reply.status() != 200 || !reply.body().contains("\"total\":0")) {
                failures.add("GET " + path + " should find nothing: " + reply.status() + " " + reply.body());
            }
            sent++;
        }
        for (String path : BAD_POSTS) {
            check("POST " + path, Api.post(path), failures);
            sent++;
        }
        for (String body : BAD_BODIES) {
            check("POST api/breakpoints " + body, Api.postJson("api/breakpoints", body), failures);
            sent++;
        }
        check("DELETE api/breakpoints/none", Api.delete("api/breakpoints/none"), failures);
        sent++;
        try (WsClient client = WsClient.connect()) {
            client.await("state_update", 10_000);
            for (String bad : List.of("{{{", "{\"action\":\"step\",\"count\":1e20}", "{\"action\":\"run_to\",\"time_s\":\"later\"}",
                    "{\"action\":\"" + LONG + "\"}", "x".repeat(20_000))) {
                client.send(bad);
                JsonObject error = client.await("error", 10_000);
                assertTrue(error.containsKey("message"));
                sent++;
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(sent >= 50, sent + " malformed requests");
        assertEquals(before, fingerprint(), "the stored history is unchanged");
    }

    private static void check(String what, HttpJson.Reply reply, List<String> failures) {
        int status = reply.status();
        if (status < 400 || status >= 500) {
            failures.add(what + " -> " + status + " " + reply.body());
            return;
        }
        String body = reply.body();
        if (!body.startsWith("{\"error\":") || body.contains("Exception") || body.contains("\tat ")) {
            failures.add(what + " -> " + status + " without a clean JSON error: " + body);
        }
    }

    private static String fingerprint() throws Exception {
        JsonObject count = Api.getObject("api/events/count");
        JsonObject newest = Api.getObject("api/events?limit=5");
        JsonObject logs = Api.getObject("api/logs?limit=1");
        JsonObject state = Api.getObject("api/state");
        return count.getInt("total") + "|" + newest.getJsonArray("events") + "|" + logs.getInt("total") + "|" + state.getInt("events_processed");
    }
}
