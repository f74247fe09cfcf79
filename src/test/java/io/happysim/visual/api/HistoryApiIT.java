package io.happysim.visual.api;

import static io.happysim.visual.it.Api.allEvents;
import static io.happysim.visual.it.Api.getArray;
import static io.happysim.visual.it.Api.getObject;
import static io.happysim.visual.it.Api.number;
import static io.happysim.visual.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stored history of a finished bursty-mm1 run, paged and filtered over HTTP, checked against the whole of it. */
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryApiIT {
    private JsonObject finalState;
    private List<JsonObject> history;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeAll
    void finishedRun() throws Exception {
        Api.postObject("api/scenarios/bursty-mm1");
        finalState = Api.runToEnd();
        history = allEvents("");
    }

    @Test
    void pagingTheWholeHistoryInBothDirectionsReturnsEveryEventOnce() throws Exception {
        assertTrue(finalState.getBoolean("is_complete"));
        long n = finalState.getInt("events_processed");
        assertEquals(n, history.size());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).getInt("event_id"), "gap-free, in order");
            if (i > 0) {
                assertTrue(number(history.get(i), "time_s") >= number(history.get(i - 1), "time_s"));
            }
        }
        List<Integer> older = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = getObject("api/events?direction=older&limit=777" + (cursor == null ? "" : "&cursor=" + q(cursor)));
            assertEquals(n, page.getInt("total"));
            page.getJsonArray("events").forEach(e -> older.add(e.asJsonObject().getInt("event_id")));
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
        } while (cursor != null);
        List<Integer> expected = new ArrayList<>(history.stream().map(e -> e.getInt("event_id")).toList());
        Collections.reverse(expected);
        assertEquals(expected, older);
    }

    /** Compares a filtered walk and its count with the same filter applied to the whole history. */
    private void assertFilter(String params, Predicate<JsonObject> matches) throws Exception {
        List<Integer> expected = history.stream().filter(matches).map(e -> e.getInt("event_id")).toList();
        List<Integer> actual = allEvents(params).stream().map(e -> e.getInt("event_id")).toList();
        assertEquals(expected, actual, params);
        JsonObject count = getObject("api/events/count?" + params.replaceFirst("^&", ""));
        assertEquals(expected.size(), count.getInt("total"), params);
        JsonObject newest = getObject("api/events?limit=3" + params);
        assertEquals(expected.size(), newest.getInt("total"), params);
        if (!expected.isEmpty()) {
            assertEquals(expected.get(expected.size() - 1), newest.getJsonArray("events").getJsonObject(0).getInt("event_id"));
            assertEquals(expected.get(expected.size() - 1), count.getInt("last_id"), "the count names its last matching event: " + params);
        } else {
            assertTrue(count.isNull("last_id"), params);
        }
        JsonObject uncounted = getObject("api/events?limit=3&total=false" + params);
        assertTrue(uncounted.isNull("total"), "a page asked for without its total says so: " + params);
        assertEquals(newest.getJsonArray("events"), uncounted.getJsonArray("events"), params);
        assertEquals(newest.get("next_cursor"), uncounted.get("next_cursor"), params);
        if (!newest.isNull("next_cursor")) {
            JsonObject older = getObject("api/events?limit=3&total=false&cursor=" + q(newest.getString("next_cursor")) + params);
            JsonObject olderCounted = getObject("api/events?limit=3&cursor=" + q(newest.getString("next_cursor")) + params);
            assertEquals(olderCounted.getJsonArray("events"), older.getJsonArray("events"), params);
        }
    }

    private static String text(JsonObject e) {
        return (e.getString("event_type") + " " + e.getString("target_name") + " "
                + (e.isNull("source_name") ? "" : e.getString("source_name")) + " " + e.getInt("event_id") + " "
                + (e.containsKey("context") ? e.getJsonObject("context").toString() : "")).toLowerCase(Locale.ROOT);
    }

    @Test
    void everyFilterAndCombinationMatchesTheWholeHistory() throws Exception {
        assertFilter("&time_min=10&time_max=20", e -> number(e, "time_s") >= 10 && number(e, "time_s") <= 20);
        assertFilter("&event_type=Request", e -> e.getString("event_type").equals("Request"));
        assertFilter("&event_type=Response&event_type=QUEUE_POLL",
                e -> e.getString("event_type").equals("Response") || e.getString("event_type").equals("QUEUE_POLL"));
        assertFilter("&entity=Sink", e -> e.getString("target_name").equals("Sink") || "Sink".equals(e.getString("source_name", null)));
        assertFilter("&exclude_internal=true", e -> !e.getBoolean("is_internal"));
        assertFilter("&search=" + q("\"request_id\":42,"), e -> text(e).contains("\"request_id\":42,"));
        assertFilter("&search=SINK", e -> text(e).contains("sink"));
        assertFilter("&search=1234", e -> text(e).contains("1234"));
        assertFilter("&event_type=Request&entity=Server&time_min=5&time_max=50&exclude_internal=true",
                e -> e.getString("event_type").equals("Request") && number(e, "time_s") >= 5 && number(e, "time_s") <= 50
                        && (e.getString("target_name").equals("Server") || "Server".equals(e.getString("source_name", null))));
        assertFilter("&search=worker&exclude_internal=true&time_max=30",
                e -> text(e).contains("worker") && !e.getBoolean("is_internal") && number(e, "time_s") <= 30);
        assertFilter("&event_type=NoSuchType", e -> false);
        assertFilter("&search=" + q("%' OR 1=1 --"), e -> false);
    }

    @Test
    void aroundTimeOpensAtTheFirstEventAtOrAfterTheTimeWithRowsOnBothSides() throws Exception {
        JsonObject around = getObject("api/events?around_time=30&limit=50");
        JsonArray events = around.getJsonArray("events");
        int anchor = around.getInt("anchor_event_id");
        JsonObject first = history.stream().filter(e -> number(e, "time_s") >= 30).findFirst().orElseThrow();
        assertEquals(first.getInt("event_id"), anchor);
        assertEquals(100, events.size(), "50 before and 50 at or after");
        assertEquals(anchor, events.getJsonObject(50).getInt("event_id"));
        assertEquals(anchor - 50, events.getJsonObject(0).getInt("event_id"));
        JsonObject older = getObject("api/events?direction=older&limit=5&cursor=" + q(around.getString("prev_cursor")));
        assertEquals(anchor - 51, older.getJsonArray("events").getJsonObject(0).getInt("event_id"));
        JsonObject newer = getObject("api/events?direction=newer&limit=5&cursor=" + q(around.getString("next_cursor")));
        assertEquals(anchor + 50, newer.getJsonArray("events").getJsonObject(0).getInt("event_id"));

        JsonObject filtered = getObject("api/events?around_time=30&limit=3&event_type=Response");
        JsonObject firstResponse = history.stream().filter(e -> number(e, "time_s") >= 30 && e.getString("event_type").equals("Response"))
                .findFirst().orElseThrow();
        assertEquals(firstResponse.getInt("event_id"), filtered.getJsonArray("events").getJsonObject(3).getInt("event_id"));
        JsonObject uncounted = getObject("api/events?around_time=30&limit=50&total=false");
        assertTrue(uncounted.isNull("total"));
        assertEquals(events, uncounted.getJsonArray("events"));
        assertEquals(anchor, uncounted.getInt("anchor_event_id"));
        JsonObject past = getObject("api/events?around_time=1000&limit=5");
        assertEquals(5, past.getJsonArray("events").size(), "past the end: the newest rows before it");
        assertTrue(past.isNull("next_cursor"));
    }

    @Test
    void countsTypesEntitiesAndTheLegacyLastN() throws Exception {
        JsonObject count = getObject("api/events/count");
        assertEquals(history.size(), count.getInt("total"));
        assertEquals(history.size(), count.getInt("stored"));
        assertEquals(0, count.getInt("pending"));
        assertEquals(number(history.get(0), "time_s"), number(count, "time_min"));
        assertTrue(getArray("api/events/types").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList()
                .containsAll(List.of("Request", "Response", "QUEUE_NOTIFY", "source_event", "probe_event")));
        assertTrue(getArray("api/entities").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList()
                .containsAll(List.of("Source", "Server", "Sink", "Server.worker")));
        JsonArray last = getArray("api/events?last_n=10");
        assertEquals(10, last.size());
        assertEquals(history.size(), last.getJsonObject(9).getInt("event_id"), "the legacy array: newest last, from the whole history");
    }

    @Test
    void logsArePagedAndFiltered() throws Exception {
        JsonObject all = getObject("api/logs?direction=newer&limit=1000");
        JsonArray logs = all.getJsonArray("logs");
        assertEquals(all.getInt("total"), logs.size());
        assertTrue(logs.size() >= 3, "start, pause and completion are logged");
        assertEquals(1, logs.getJsonObject(0).getInt("log_id"));
        assertTrue(logs.stream().map(JsonValue::asJsonObject).anyMatch(l -> l.getString("message").startsWith("Simulation complete")));
        assertTrue(logs.getJsonObject(0).getString("wall_time").matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
        long simulationLines = logs.stream().map(JsonValue::asJsonObject).filter(l -> l.getString("logger_name").startsWith("core")).count();
        assertEquals(simulationLines, getObject("api/logs?logger=core&limit=1").getInt("total"));
        long warnings = logs.stream().map(JsonValue::asJsonObject).filter(l -> List.of("WARNING", "ERROR", "CRITICAL").contains(l.getString("level"))).count();
        assertEquals(warnings, getObject("api/logs?min_level=WARNING&limit=1").getInt("total"));
        assertEquals(1, getObject("api/logs?search=" + q("simulation complete") + "&limit=5").getInt("total"));
        JsonObject page = getObject("api/logs?limit=2&direction=older");
        assertEquals(2, page.getJsonArray("logs").size());
        JsonObject next = getObject("api/logs?limit=2&direction=older&cursor=" + q(page.getString("next_cursor")));
        assertEquals(page.getJsonArray("logs").getJsonObject(1).getInt("log_id") - 1, next.getJsonArray("logs").getJsonObject(0).getInt("log_id"));
    }

    @Test
    void theStoreReportsWhatItHolds() throws Exception {
        JsonObject store = getObject("api/store");
        assertEquals(history.size(), store.getInt("events"));
        assertTrue(store.getInt("samples") > 600);
        assertTrue(store.getInt("series") > 5);
        assertEquals(0, store.getInt("pending"));
        assertTrue(store.getJsonNumber("db_bytes").longValue() > 0);
        assertTrue(store.getBoolean("temporary"));
        assertFalse(store.getBoolean("previous_run"));
        assertTrue(store.getInt("drains") > 0);
        assertTrue(store.isNull("last_error"));
    }
}
