package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getObject;
import static io.happysim.visual.it.Api.postObject;
import static io.happysim.visual.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.CsvRows;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run's exports over HTTP, downloaded while another run records: the plain SQLite file opened with the
 * sqlite-jdbc driver holds the API's pages event for event, the CSV exports as many rows as {@code /api/events/count}
 * (with and without filters), JSON Lines the same objects as the pages, and bad filters are a 400 like {@code /api/events}'s.
 */
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIT {
    private long run;
    private List<JsonObject> events;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeAll
    void aFinishedRunAndAnotherRecording() throws Exception {
        run = postObject("api/scenarios/bursty-mm1").getJsonNumber("run_id").longValue();
        Api.runToEnd();
        events = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = getObject("api/events?direction=newer&limit=1000&run=" + run + (cursor == null ? "" : "&cursor=" + q(cursor)));
            page.getJsonArray("events").forEach(e -> events.add(e.asJsonObject()));
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
        } while (cursor != null);
        postObject("api/scenarios/consistent-hash-lb");
    }

    private String export(String file) throws Exception {
        HttpJson.Reply reply = Api.get("api/runs/" + run + "/export/" + file);
        assertEquals(200, reply.status(), file + ": " + reply.body());
        assertTrue(reply.raw().headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"run-" + run),
                reply.raw().headers().toString());
        return reply.body();
    }

    /** The other run records (run_to in the background) while {@code download} runs. */
    private <T> T whileAnotherRunRecords(java.util.concurrent.Callable<T> download) throws Exception {
        CompletableFuture<HttpJson.Reply> recording = CompletableFuture.supplyAsync(() -> {
            try {
                return Api.post("api/run_to?time_s=" + (Api.number(getObject("api/state"), "time_s") + 20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        T result = download.call();
        assertEquals(200, recording.get().status(), "the other run recorded meanwhile");
        return result;
    }

    @Test
    void thePlainSqliteExportHoldsTheApisPagesEventForEvent() throws Exception {
        Path file = dir.resolve("history.sqlite");
        HttpResponse<Path> response = whileAnotherRunRecords(() -> HttpJson.client().send(HttpRequest.newBuilder(
                Deployments.baseUri().resolve("api/runs/" + run + "/export/history.sqlite")).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file)));
        assertEquals(200, response.statusCode());
        assertTrue(Files.size(file) > 100_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            List<JsonObject> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT event_id, time_s, event_type, target_name, source_name, is_internal, context "
                    + "FROM events ORDER BY event_id")) {
                while (rs.next()) {
                    var b = Json.createObjectBuilder().add("event_id", rs.getLong(1)).add("time_s", rs.getDouble(2))
                            .add("event_type", rs.getString(3)).add("target_name", rs.getString(4));
                    if (rs.getString(5) == null) {
                        b.addNull("source_name");
                    } else {
                        b.add("source_name", rs.getString(5));
                    }
                    b.add("is_internal", rs.getInt(6) == 1);
                    if (rs.getString(7) != null) {
                        b.add("context", Json.createReader(new StringReader(rs.getString(7))).readObject());
                    }
                    rows.add(b.build());
                }
            }
            assertEquals(events.size(), rows.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(normal(events.get(i)), normal(rows.get(i)), "event " + (i + 1));
            }
            JsonObject logs = getObject("api/logs?limit=1&run=" + run);
            assertEquals(logs.getInt("total"), scalar(s, "SELECT count(*) FROM logs"));
            assertEquals(logs.getJsonArray("logs").getJsonObject(0).getString("message"),
                    text(s, "SELECT message FROM logs ORDER BY log_id DESC LIMIT 1"));
            JsonArray depth = getObject("api/timeseries?probe=Probe_Server_depth&run=" + run).getJsonArray("times");
            assertEquals(depth.size(), scalar(s, "SELECT count(*) FROM timeseries WHERE series_name = 'Probe_Server_depth'"));
            Set<String> indexes = new TreeSet<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertEquals(Set.of("idx_events_time", "idx_events_type", "idx_logs_time", "idx_logs_level", "idx_ts_series_time"), indexes);
            assertEquals(Long.toString(run), text(s, "SELECT value FROM run_info WHERE key = 'run_id'"));
        }
    }

    /** Numbers as doubles (the file's REAL and the page's number compare by value). */
    private static String normal(JsonObject o) {
        StringBuilder out = new StringBuilder();
        o.forEach((k, v) -> out.append(k).append('=').append(v instanceof JsonNumber n ? Double.toString(n.doubleValue()) : v.toString()).append(';'));
        return out.toString();
    }

    @Test
    void theCsvExportHasAsManyRowsAsTheCountWithAndWithoutFilters() throws Exception {
        for (String filters : List.of("", "exclude_internal=true", "event_type=Request&event_type=Response&time_min=10&time_max=40",
                "entity=Sink", "search=" + q("request_id\":1"))) {
            String csv = whileAnotherRunRecords(() -> export("events.csv?" + filters));
            List<List<String>> rows = CsvRows.parse(csv);
            assertEquals(List.of("event_id", "time_s", "event_type", "target_name", "source_name", "is_internal", "context"), rows.get(0));
            int total = getObject("api/events/count?run=" + run + (filters.isEmpty() ? "" : "&" + filters)).getInt("total");
            assertTrue(total > 0, filters);
            assertEquals(total, rows.size() - 1, "CSV rows = /api/events/count for '" + filters + "'");
        }
        List<List<String>> all = CsvRows.parse(export("events.csv"));
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = events.get(i);
            List<String> r = all.get(i + 1);
            assertEquals(Long.toString(e.getJsonNumber("event_id").longValue()), r.get(0));
            assertEquals(Api.number(e, "time_s"), Double.parseDouble(r.get(1)), 1e-12);
            assertEquals(e.getString("event_type"), r.get(2));
            assertEquals(e.getString("target_name"), r.get(3));
            assertEquals(e.isNull("source_name") ? "" : e.getString("source_name"), r.get(4));
            assertEquals(Boolean.toString(e.getBoolean("is_internal")), r.get(5));
            if (e.containsKey("context")) {
                assertEquals(e.getJsonObject("context"), Json.createReader(new StringReader(r.get(6))).readObject());
            }
        }
    }

    @Test
    void jsonLinesAreThePagesObjects() throws Exception {
        String jsonl = export("events.jsonl?exclude_internal=true");
        List<JsonObject> lines = jsonl.lines().map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
        List<JsonObject> expected = events.stream().filter(e -> !e.getBoolean("is_internal")).toList();
        assertEquals(expected, lines);
    }

    @Test
    void logsAndASeriesInARange() throws Exception {
        List<List<String>> logs = CsvRows.parse(export("logs.csv?min_level=INFO"));
        assertEquals(List.of("log_id", "time_s", "wall_time", "level", "logger_name", "message"), logs.get(0));
        assertEquals(getObject("api/logs?limit=1&min_level=INFO&run=" + run).getInt("total"), logs.size() - 1);
        List<List<String>> samples = CsvRows.parse(export("series.csv?name=Probe_Server_depth&start=10&end=20"));
        assertEquals(List.of("time_s", "value"), samples.get(0));
        JsonObject raw = getObject("api/timeseries?probe=Probe_Server_depth&start_s=10&end_s=20&run=" + run);
        assertEquals(raw.getJsonArray("times").size(), samples.size() - 1, "every stored sample in [10, 20)");
        for (int i = 1; i < samples.size(); i++) {
            assertEquals(raw.getJsonArray("times").getJsonNumber(i - 1).doubleValue(), Double.parseDouble(samples.get(i).get(0)), 1e-12);
            assertEquals(raw.getJsonArray("values").getJsonNumber(i - 1).doubleValue(), Double.parseDouble(samples.get(i).get(1)));
        }
    }

    @Test
    void badExportFiltersAreA400LikeTheEventsOnesAndUnknownsA404() throws Exception {
        String base = "api/runs/" + run + "/export/";
        List<String> failures = new ArrayList<>();
        for (String bad : List.of("events.csv?time_min=abc", "events.csv?time_min=10&time_max=5", "events.csv?exclude_internal=maybe",
                "events.jsonl?time_max=NaN", "events.jsonl?search=" + "x".repeat(5000), "logs.csv?min_level=LOUD", "logs.csv?time_min=-1",
                "series.csv", "series.csv?name=Probe_Server_depth&start=9&end=2", "series.csv?name=Probe_Server_depth&start=soon")) {
            expect(400, Api.get(base + bad), bad, failures);
        }
        expect(404, Api.get(base + "series.csv?name=nope"), "unknown series", failures);
        for (String file : List.of("events.csv", "events.jsonl", "logs.csv", "series.csv?name=Probe_Server_depth", "history.sqlite")) {
            expect(404, Api.get("api/runs/987654321/export/" + file), "unknown run " + file, failures);
            expect(400, Api.get("api/runs/abc/export/" + file), "run abc " + file, failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(events.size(), getObject("api/events/count?run=" + run).getInt("total"), "nothing lost");
    }

    private static void expect(int status, HttpJson.Reply reply, String what, List<String> failures) {
        if (reply.status() != status || !reply.body().startsWith("{\"error\":")) {
            failures.add(what + " -> " + reply.status() + " " + reply.body() + " (expected " + status + ")");
        }
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
