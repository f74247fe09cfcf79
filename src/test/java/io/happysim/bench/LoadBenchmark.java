package io.happysim.bench;

import io.happysim.scenarios.BurstyMm1Scenario;
import jakarta.json.Json;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads while the server records (issue 15): {@code bursty-mm1-long} plays at full speed over the
 * WebSocket while N clients read in a closed loop — newest, filtered and around-time pages, totals,
 * searches, charts — and two WebSocket clients listen; then the same readers against the stored
 * history with nothing recording. Prints p50/p99/max per kind of read and the recording rate beside
 * the rate with no readers at all.
 *
 * <p>Start the server first ({@code mvn package liberty:run -DskipTests
 * -Dliberty.var.happysim.max.in.memory.samples=10000}); options: {@code base=<url>} (default
 * http://localhost:9080/), {@code readers=1,8}, {@code seconds=<s>} per phase (default 60).
 */
public final class LoadBenchmark implements BenchMain.Suite {
    /** The kinds of read a user's browser makes while a model plays. */
    enum Read { NEWEST_PAGE, FILTERED_PAGE, AROUND_TIME, TOTAL, SEARCH, CHART }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;
    /** The simulated time the server has reached, kept fresh by a monitor: readers jump within it. */
    private volatile double reached;

    @Override
    public void run(List<String> options) throws Exception {
        base = URI.create(option(options, "base", "http://localhost:9080/"));
        int seconds = Integer.parseInt(option(options, "seconds", "60"));
        List<Integer> readerCounts = Arrays.stream(option(options, "readers", "1,8").split(",")).map(Integer::parseInt).toList();
        BenchTable reads = new BenchTable("reads", "readers", "recording", "requests", "p50 ms", "p99 ms", "max ms", "over 250 ms", "over 1 s");
        BenchTable recording = new BenchTable("recording at full speed", "readers", "events/s recorded", "vs no readers");

        double alone = record(0, seconds, reads);
        recording.row("bursty-mm1-long, no readers", 0, String.format(Locale.ROOT, "%,.0f", alone), "1.00");
        for (int n : readerCounts) {
            double rate = record(n, seconds, reads);
            recording.row("bursty-mm1-long, " + n + " reader(s) + 2 listeners", n, String.format(Locale.ROOT, "%,.0f", rate),
                    String.format(Locale.ROOT, "%.2f", rate / alone));
        }
        for (int n : readerCounts) {
            readIdle(n, seconds, reads);
        }
        recording.print();
        System.out.println();
        reads.print();
    }

    /** Loads the model afresh, plays it at full speed for {@code seconds} with {@code readers} reading; the recording rate. */
    private double record(int readers, int seconds, BenchTable table) throws Exception {
        post("api/scenarios/" + BurstyMm1Scenario.LONG_ID);
        List<WebSocket> listeners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            listeners.add(listen());
        }
        WebSocket control = listeners.get(0);
        Thread monitor = monitor();
        long before = state().getJsonNumber("events_processed").longValue();
        long start = System.nanoTime();
        control.sendText("{\"action\":\"play\",\"speed\":0}", true).get(10, TimeUnit.SECONDS);
        if (readers > 0) {
            Thread.sleep(2000);   // some history to read
            readFor(readers, seconds, true, table);
        } else {
            Thread.sleep(seconds * 1000L);
        }
        long after = state().getJsonNumber("events_processed").longValue();
        double elapsed = (System.nanoTime() - start) / 1e9;
        control.sendText("{\"action\":\"pause\"}", true).get(10, TimeUnit.SECONDS);
        monitor.interrupt();
        for (WebSocket socket : listeners) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
        double rate = (after - before) / elapsed;
        System.out.printf(Locale.ROOT, "  recorded %,d events in %.1f s with %d reader(s): %,.0f events/s%n", after - before, elapsed, readers, rate);
        return rate;
    }

    /** The same readers against the stored history of the last recording, nothing playing. */
    private void readIdle(int readers, int seconds, BenchTable table) throws Exception {
        reached = state().getJsonNumber("time_s").doubleValue();
        waitUntilStored();
        readFor(readers, seconds, false, table);
    }

    private void readFor(int readers, int seconds, boolean recording, BenchTable table) throws Exception {
        Map<Read, List<Double>> latencies = new ConcurrentHashMap<>();
        for (Read read : Read.values()) {
            latencies.put(read, java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(readers);
        AtomicLong failures = new AtomicLong();
        for (int r = 0; r < readers; r++) {
            int seed = r;
            Thread reader = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try (RawHttpClient http = new RawHttpClient(base)) {
                    int i = 0;
                    while (System.nanoTime() < until) {
                        Read read = Read.values()[i++ % Read.values().length];
                        String path = path(read, random);
                        long t0 = System.nanoTime();
                        try {
                            http.get(path);
                            latencies.get(read).add((System.nanoTime() - t0) / 1e6);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "load-reader-" + r);
            reader.start();
        }
        done.await();
        if (failures.get() > 0) {
            System.out.printf("  %d read(s) failed%n", failures.get());
        }
        EnumMap<Read, List<Double>> sorted = new EnumMap<>(latencies);
        for (Map.Entry<Read, List<Double>> kind : sorted.entrySet()) {
            double[] ms = kind.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            if (ms.length == 0) {
                continue;
            }
            table.row(kind.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '), readers, recording ? "yes" : "no", ms.length,
                    String.format(Locale.ROOT, "%.1f", BenchTable.median(ms)), String.format(Locale.ROOT, "%.1f", BenchTable.percentile(ms, 0.99)),
                    String.format(Locale.ROOT, "%.1f", Arrays.stream(ms).max().orElse(0)),
                    Arrays.stream(ms).filter(x -> x > 250).count(), Arrays.stream(ms).filter(x -> x > 1000).count());
        }
    }

    private String path(Read read, SplittableRandom random) {
        double t = random.nextDouble() * Math.max(1, reached);
        return switch (read) {
            case NEWEST_PAGE -> "api/events?limit=100";
            case FILTERED_PAGE -> "api/events?limit=100&event_type=Response&exclude_internal=true";
            case AROUND_TIME -> "api/events?limit=50&around_time=" + t;
            case TOTAL -> "api/events/count?event_type=Request&time_min=" + t / 2;
            case SEARCH -> "api/events?limit=100&search=" + URLEncoder.encode("request_id\":" + (1 + random.nextInt(10_000)) + ",",
                    StandardCharsets.UTF_8);
            case CHART -> "api/timeseries?max_points=1000&probe=Probe_Server_depth";
        };
    }

    /** A WebSocket client that reads every update, as a browser tab does. */
    private WebSocket listen() throws Exception {
        return client.newWebSocketBuilder().buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "api/ws"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
    }

    private Thread monitor() {
        Thread monitor = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    reached = state().getJsonNumber("time_s").doubleValue();
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a slow answer is the readers' business; keep the last value
                }
            }
        }, "load-monitor");
        monitor.setDaemon(true);
        monitor.start();
        return monitor;
    }

    private void waitUntilStored() throws Exception {
        for (JsonObject store = object("api/store"); store.getJsonNumber("pending").longValue() > 0; store = object("api/store")) {
            Thread.sleep(200);
        }
    }

    private JsonObject state() throws Exception {
        return object("api/state");
    }

    private JsonObject object(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private void post(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static String option(List<String> options, String name, String fallback) {
        return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst().orElse(fallback);
    }
}
