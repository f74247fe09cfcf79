package io.happysim.bench;

import io.happysim.scenarios.BurstyMm1Scenario;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The history API measured over HTTP on a running server (issue 7): loads {@code bursty-mm1-long}
 * (≈ 28 M events, a 10 M-sample depth series), plays it to the end at full speed over the
 * WebSocket, then times each kind of query with p50/p99 over many repetitions.
 *
 * <p>Start the server first ({@code mvn package liberty:run -DskipTests}); options: {@code base=<url>}
 * (default http://localhost:9080/), {@code reps=<n>} (default 200), {@code skipload=true} to query
 * what the server already holds (start it on a kept database, {@code -Dliberty.var.happysim.db.path=…},
 * and the previous run's history stays readable after a restart), {@code runs=true} to also load the model a second time
 * and time reads of the first, now a past run, and comparisons of the two.
 */
public final class HttpBenchmark implements BenchMain.Suite {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;

    @Override
    public void run(List<String> options) throws Exception {
        base = URI.create(option(options, "base", "http://localhost:9080/"));
        raw = new RawHttpClient(base);
        int reps = Integer.parseInt(option(options, "reps", "200"));
        if (!Boolean.parseBoolean(option(options, "skipload", "false"))) {
            load();
        }
        JsonObject count = object("api/events/count");
        long events = count.getJsonNumber("total").longValue();
        double end = count.getJsonNumber("time_max").doubleValue();
        JsonObject store = object("api/store");
        System.out.printf(Locale.ROOT, "  store: %,d events, %,d samples in %d series, %,d MB%n", store.getJsonNumber("events").longValue(),
                store.getJsonNumber("samples").longValue(), store.getInt("series"), store.getJsonNumber("db_bytes").longValue() >> 20);
        JsonArray charts = array("api/charts");
        String raw = charts.getJsonObject(0).getString("chart_id");
        String p99 = charts.getJsonObject(1).getString("chart_id");
        String mean = charts.getJsonObject(2).getString("chart_id");
        SplittableRandom random = new SplittableRandom(42);
        settle();

        BenchTable table = new BenchTable("query over HTTP (" + String.format(Locale.ROOT, "%,d", events) + " events)", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "answer");
        time(table, "floor: GET api/charts (no store access)", reps, i -> "api/charts");
        time(table, "page 100, newest, no filter", reps, i -> "api/events?limit=100");
        time(table, "page 100, event_type=Request", reps, i -> "api/events?limit=100&event_type=Request");
        time(table, "page 100, event_type=Response, newer from a random time", reps,
                i -> "api/events?limit=100&direction=newer&event_type=Response&time_min=" + random.nextDouble() * end);
        time(table, "page 100, entity=Sink", reps, i -> "api/events?limit=100&entity=Sink");
        time(table, "page 100, exclude_internal", reps, i -> "api/events?limit=100&exclude_internal=true");
        time(table, "page 100, random 10 s window", reps, i -> {
            double t = random.nextDouble() * (end - 10);
            return "api/events?limit=100&time_min=" + t + "&time_max=" + (t + 10);
        });
        time(table, "page 100, around_time (random)", reps, i -> "api/events?limit=50&around_time=" + random.nextDouble() * end);
        List<String> cursors = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            cursors.add(object("api/events?limit=1&around_time=" + random.nextDouble() * end).getString("next_cursor"));
        }
        time(table, "page 100, random cursor, older", reps, i -> "api/events?limit=100&cursor=" + q(cursors.get(i)));
        time(table, "total: exclude_internal", reps, i -> "api/events/count?exclude_internal=true");
        time(table, "total: Request+Response, entity=Server, random range", reps, i -> {
            double t = random.nextDouble() * end / 2;
            return "api/events/count?event_type=Request&event_type=Response&entity=Server&time_min=" + t + "&time_max=" + (t + end / 3);
        });
        time(table, "search a rare request id, first time", Math.min(reps, 50),
                i -> "api/events?limit=100&search=" + q("\"request_id\":" + (1 + random.nextInt(1_000_000)) + ","));
        time(table, "search rare text, repeated", reps, i -> "api/events?limit=100&search=" + q("\"request_id\":424242,"));
        time(table, "search 'Sink' (a name)", reps, i -> "api/events?limit=100&search=Sink");
        time(table, "search common text ('metadata'), first", 1, i -> "api/events?limit=100&search=metadata");
        time(table, "search common text ('metadata'), repeated", reps, i -> "api/events?limit=100&search=metadata");
        time(table, "chart_data raw, max_points=2000, whole 10M series", reps, i -> "api/chart_data?max_points=2000&chart_id=" + raw);
        time(table, "timeseries probe, max_points=2000, whole series", reps,
                i -> "api/timeseries?max_points=2000&probe=Probe_Server_depth");
        time(table, "timeseries probe, max_points=2000, random range", reps, i -> {
            double t = random.nextDouble() * end / 2;
            return "api/timeseries?max_points=2000&probe=Probe_Server_depth&start_s=" + t + "&end_s=" + (t + end / 4);
        });
        time(table, "chart_data p99 buckets (60 s), max_points=2000, whole", reps, i -> "api/chart_data?max_points=2000&chart_id=" + p99);
        time(table, "chart_data mean buckets (30 s), max_points=2000, whole", reps, i -> "api/chart_data?max_points=2000&chart_id=" + mean);
        time(table, "entity_history Server, max_points=600", reps, i -> "api/entity_history?entity=Server&max_points=600");
        table.print();
        if (Boolean.parseBoolean(option(options, "runs", "false"))) {
            pastRuns(reps, end, raw, p99, random);
        }
    }

    /**
     * {@code runs=true} (issue 13): the run just measured is kept as a past run when the model is loaded and played
     * again; then reads of the past run and comparisons of the two, over HTTP, with the same chart ids.
     */
    private void pastRuns(int reps, double end, String rawChart, String p99Chart, SplittableRandom random) throws Exception {
        long a = object("api/state").getJsonNumber("run_id").longValue();
        load();
        settle();
        long b = object("api/state").getJsonNumber("run_id").longValue();
        BenchTable table = new BenchTable("past runs over HTTP (run " + a + " past, run " + b + " current)", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "answer");
        time(table, "past run: page 100, around_time (random)", reps,
                i -> "api/events?limit=50&run=" + a + "&around_time=" + random.nextDouble() * end);
        time(table, "past run: total, exclude_internal", reps, i -> "api/events/count?exclude_internal=true&run=" + a);
        time(table, "past run: chart_data raw, max_points=2000", reps, i -> "api/chart_data?max_points=2000&run=" + a + "&chart_id=" + rawChart);
        time(table, "past run: chart_data p99 buckets, max_points=2000", reps,
                i -> "api/chart_data?max_points=2000&run=" + a + "&chart_id=" + p99Chart);
        time(table, "compare: summaries and shared charts", reps, i -> "api/runs/compare?a=" + a + "&b=" + b);
        time(table, "compare: chart raw, both series, max_points=2000", reps,
                i -> "api/runs/compare/chart_data?max_points=2000&a=" + a + "&b=" + b + "&chart_id=" + rawChart);
        time(table, "compare: chart p99 buckets, both series, max_points=2000", reps,
                i -> "api/runs/compare/chart_data?max_points=2000&a=" + a + "&b=" + b + "&chart_id=" + p99Chart);
        table.print();
    }

    private void load() throws Exception {
        post("api/scenarios/" + BurstyMm1Scenario.LONG_ID);
        CompletableFuture<Void> complete = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "api/ws"),
                new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            if (partial.indexOf("\"simulation_complete\"") >= 0) {
                                complete.complete(null);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        long start = System.nanoTime();
        socket.sendText("{\"action\":\"play\",\"speed\":0}", true).get(10, TimeUnit.SECONDS);
        complete.get(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        long events = object("api/state").getJsonNumber("events_processed").longValue();
        JsonObject store = object("api/store");
        System.out.printf(Locale.ROOT, "  played %s to the end in the server: %,d events in %.1f s = %,.0f events/s recorded and stored;"
                        + " JVM heap now %,d MB used of %,d MB%n", BurstyMm1Scenario.LONG_ID, events, seconds, events / seconds,
                store.getJsonNumber("jvm_heap_used_bytes").longValue() >> 20, store.getJsonNumber("jvm_heap_max_bytes").longValue() >> 20);
    }

    /** Waits until the server has stored everything and is idle, then warms the query paths up (JIT). */
    private void settle() throws Exception {
        for (JsonObject store = object("api/store"); !store.getBoolean("previous_run")
                && store.getJsonNumber("pending").longValue() > 0; store = object("api/store")) {
            Thread.sleep(200);
        }
        Thread.sleep(3000);
        for (int i = 0; i < 300; i++) {
            get("api/events?limit=100&exclude_internal=" + (i % 2 == 0));
            get("api/events/count?event_type=Request&time_min=" + i);
        }
    }

    private void time(BenchTable table, String label, int reps, IntFunction<String> path) throws Exception {
        for (int i = 0; i < Math.min(20, reps) && reps > 1; i++) {
            raw.get(path.apply(i));
        }
        double[] ms = new double[reps];
        String lastBody = "";
        for (int i = 0; i < reps; i++) {
            String p = path.apply(i);
            long start = System.nanoTime();
            String body = raw.get(p);
            ms[i] = (System.nanoTime() - start) / 1e6;
            lastBody = body;
        }
        // Only the last answer is parsed: the client's own garbage must not pause the measured requests.
        table.row(label, String.format(Locale.ROOT, "%.2f", BenchTable.median(ms)), String.format(Locale.ROOT, "%.2f", BenchTable.percentile(ms, 0.95)),
                String.format(Locale.ROOT, "%.2f", BenchTable.percentile(ms, 0.99)),
                String.format(Locale.ROOT, "%.2f", java.util.Arrays.stream(ms).max().orElse(0)), describe(lastBody));
    }

    private static String describe(String body) {
        JsonObject json = body.startsWith("{") ? Json.createReader(new StringReader(body)).readObject() : null;
        if (json == null) {
            return "";
        }
        if (json.containsKey("events")) {
            return json.getJsonArray("events").size() + " rows, total " + json.get("total");
        }
        if (json.containsKey("times")) {
            return json.getJsonArray("times").size() + " points";
        }
        if (json.containsKey("metrics")) {
            return json.getJsonObject("metrics").size() + " metrics";
        }
        return "total " + json.get("total");
    }

    private RawHttpClient raw;

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private void post(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private JsonObject object(String path) throws Exception {
        return Json.createReader(new StringReader(get(path).body())).readObject();
    }

    private JsonArray array(String path) throws Exception {
        return Json.createReader(new StringReader(get(path).body())).readArray();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String option(List<String> options, String name, String fallback) {
        return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst().orElse(fallback);
    }
}
