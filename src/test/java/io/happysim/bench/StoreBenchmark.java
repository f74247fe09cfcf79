package io.happysim.bench;

import io.happysim.visual.store.AroundPage;
import io.happysim.visual.store.Batch;
import io.happysim.visual.store.Direction;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.Page;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.StoreStats;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * History store benchmarks (issue 4: write throughput; issue 7: reads at 10M events / 10M samples).
 *
 * <pre>mvn -q -Dfrontend.skip -Dfrontend.test.skip test-compile exec:exec@bench -Dbench=store</pre>
 * Scale with environment variables: {@code BENCH_STORE_EVENTS} (default 10,000,000), {@code BENCH_STORE_REPS}
 * (query repetitions, default 200). Databases live under {@code target/bench-store} and are deleted at the end.
 * Options: {@code keepdb=PATH} builds the history at PATH and keeps it (the write-throughput table is skipped);
 * {@code db=PATH} times first-time searches on a kept file, {@code db=PATH scale} a restart on it (the reopen in its
 * parts, first charts, searches, pages and charts: issue 15's "scale" rows; {@code charts} stops after the first charts). One class for the whole suite so that
 * every table is built from the same generator.
 */
public final class StoreBenchmark implements BenchMain.Suite {
    static final int BATCH = 250_000;
    static final String[] TYPES = {"Request", "Response", "source_event", "QUEUE_POLL", "QUEUE_NOTIFY", "QUEUE_DELIVER",
        "probe_event", "Enqueue", "Dequeue", "Complete", "Timeout", "Retry"};
    static final String[] TARGETS = {"Source", "Server", "Sink", "Server.queue", "Server.driver", "Probe_Server_depth"};
    static final String LATENCY = "entity:Server.latency";
    static final String DEPTH = "Probe_Server_depth";

    private final Path dir = Path.of("target", "bench-store");
    /** The stores' search-scan helper, as the server hands it in. */
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @Override
    public void run(List<String> options) throws Exception {
        try {
            runSuite(options);
        } finally {
            scan.shutdownNow();
        }
    }

    private void runSuite(List<String> options) throws Exception {
        String db = option(options, "db");
        if (db != null) {
            int reps = Integer.parseInt(System.getenv().getOrDefault("BENCH_STORE_REPS", "200"));
            if (option(options, "scale") != null) {
                scaleReads(Path.of(db), reps, option(options, "charts") != null, option(options, "searches") != null);
            } else {
                searches(Path.of(db), reps);
            }
            return;
        }
        long events = Long.parseLong(System.getenv().getOrDefault("BENCH_STORE_EVENTS", "10000000"));
        int reps = Integer.parseInt(System.getenv().getOrDefault("BENCH_STORE_REPS", "200"));
        String keep = option(options, "keepdb");
        deleteDir();
        Files.createDirectories(dir);
        try {
            if (keep == null) {
                writeThroughput();
            }
            readLatencies(keep == null ? dir.resolve("history.db") : Path.of(keep), keep != null, events, reps);
        } finally {
            deleteDir();
        }
    }

    private static String option(List<String> options, String name) {
        return options.stream().filter(o -> o.equals(name) || o.startsWith(name + "=")).map(o -> o.contains("=") ? o.substring(name.length() + 1) : "")
                .findFirst().orElse(null);
    }

    // =====================================================================================================
    // Data: bursty-M/M/1-like
    // =====================================================================================================

    /** One drain: BATCH events (12 types, 6 targets, context on ~1/3 — none on internal ones), 1 latency sample per
     * event, 1 depth sample per 10 events, 1 log line per 50 events. Event k happens at k * 10 ms of sim time. */
    static Batch batch(long firstId, long firstLogId, Random r) {
        Batch b = new Batch();
        Batch.Samples lat = b.samples(LATENCY);
        Batch.Samples depth = b.samples(DEPTH);
        String prevTarget = null;
        for (int i = 0; i < BATCH; i++) {
            long id = firstId + i;
            long t = id * 10_000_000L;
            int x = r.nextInt(10_000);
            String type = x == 0 ? "Retry" : x < 10 ? "Timeout" : TYPES[r.nextInt(10)];
            boolean internal = type.equals("source_event") || type.startsWith("QUEUE_") || type.equals("probe_event");
            String target = TARGETS[r.nextInt(TARGETS.length)];
            String ctx = null;
            if (!internal && r.nextInt(2) == 0) {
                ctx = x % 97 == 0
                        ? "{\"id\":\"" + id + "\",\"note\":\"slow-path-" + (id % 100_000) + "\",\"request_id\":" + id / 9 + "}"
                        : "{\"id\":\"" + id + "\",\"created_at\":" + (t - r.nextInt(500_000_000)) / 1e9 + ",\"request_id\":" + id / 9 + ",\"metadata\":{}}";
            }
            b.addEvent(new RecordedEvent(id, t, type, target, prevTarget, internal, ctx));
            prevTarget = target;
            lat.add(t, Math.abs(r.nextGaussian()) * 0.05 + (r.nextInt(100_000) == 0 ? 5.0 : 0.0));
            if (id % 10 == 0) {
                depth.add(t, r.nextInt(15));
            }
            if (id % 50 == 0) {
                long logId = firstLogId + i / 50;
                b.addLog(new RecordedLog(logId, t, "12:00:00.000", x < 100 ? "WARNING" : "INFO", "core.simulation",
                        "Processing event #" + id + ": Event(" + type + ", target=" + target + ")"));
            }
        }
        return b;
    }

    // =====================================================================================================
    // Issue 4: write throughput
    // =====================================================================================================

    private void writeThroughput() throws Exception {
        System.out.println("### Write throughput: one batch = " + BATCH + " events + " + BATCH + " + " + BATCH / 10
                + " samples + " + BATCH / 50 + " logs, one transaction; medians of 7 batches per variant, interleaved");
        List<Batch> batches = new ArrayList<>();
        Random r = new Random(42);
        for (int k = 0; k < 8; k++) {
            batches.add(batch(1 + (long) k * BATCH, 1 + (long) k * BATCH / 50, r));
        }
        DataSource rawBare = TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("raw-bare.db")));
        DataSource rawSeed = TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("raw-seed.db")));
        createSeedSchema(rawBare, false);
        createSeedSchema(rawSeed, true);
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("append.db"))), scan);
        store.prepareBuckets(LATENCY, Transform.P99, 1.0);
        store.prepareBuckets(LATENCY, Transform.MEAN, 1.0);
        double[] bare = new double[8];
        double[] seed = new double[8];
        double[] st = new double[8];
        for (int k = 0; k < 8; k++) {
            Batch b = batches.get(k);
            bare[k] = timeMs(() -> rawInsert(rawBare, b));
            seed[k] = timeMs(() -> rawInsert(rawSeed, b));
            st[k] = timeMs(() -> store.append(b));
        }
        long rows = batches.get(0).rows();
        // the first batch of each is warm-up
        double mBare = BenchTable.median(java.util.Arrays.copyOfRange(bare, 1, 8));
        double mSeed = BenchTable.median(java.util.Arrays.copyOfRange(seed, 1, 8));
        double mStore = BenchTable.median(java.util.Arrays.copyOfRange(st, 1, 8));
        new BenchTable("variant", "batch (ms, median)", "rows/s", "events/s", "store ÷ variant (throughput)")
                .row("raw: plain tables, no secondary index", f1(mBare), k(rows / mBare * 1000), k(BATCH / mBare * 1000), f2(mBare / mStore))
                .row("raw: seed schema (its 5 indexes)", f1(mSeed), k(rows / mSeed * 1000), k(BATCH / mSeed * 1000), f2(mSeed / mStore))
                .row("VisualStore.append (+2 bucket series maintained)", f1(mStore), k(rows / mStore * 1000), k(BATCH / mStore * 1000), "1.00")
                .print();
        System.out.println();
    }

    private static void createSeedSchema(DataSource ds, boolean indexes) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE events (event_id INTEGER PRIMARY KEY, time_s REAL NOT NULL, event_type TEXT NOT NULL, "
                    + "target_name TEXT NOT NULL, source_name TEXT, is_internal INTEGER NOT NULL DEFAULT 0, context TEXT)");
            s.executeUpdate("CREATE TABLE logs (log_id INTEGER PRIMARY KEY AUTOINCREMENT, time_s REAL, wall_time TEXT NOT NULL, "
                    + "level TEXT NOT NULL, logger_name TEXT NOT NULL, message TEXT NOT NULL)");
            s.executeUpdate("CREATE TABLE timeseries (id INTEGER PRIMARY KEY AUTOINCREMENT, series_name TEXT NOT NULL, time_s REAL NOT NULL, value REAL NOT NULL)");
            if (indexes) {
                s.executeUpdate("CREATE INDEX idx_events_time ON events (time_s)");
                s.executeUpdate("CREATE INDEX idx_events_type ON events (event_type)");
                s.executeUpdate("CREATE INDEX idx_logs_time ON logs (time_s)");
                s.executeUpdate("CREATE INDEX idx_logs_level ON logs (level)");
                s.executeUpdate("CREATE INDEX idx_ts_series_time ON timeseries (series_name, time_s)");
            }
        }
    }

    /** "Raw": the same rows, plain PreparedStatement.addBatch/executeBatch, one transaction. */
    private static void rawInsert(DataSource ds, Batch b) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement e = c.prepareStatement("INSERT INTO events VALUES (?,?,?,?,?,?,?)");
                 PreparedStatement l = c.prepareStatement("INSERT INTO logs(log_id, time_s, wall_time, level, logger_name, message) VALUES (?,?,?,?,?,?)");
                 PreparedStatement s = c.prepareStatement("INSERT INTO timeseries(series_name, time_s, value) VALUES (?,?,?)")) {
                for (RecordedEvent ev : b.events()) {
                    e.setLong(1, ev.eventId());
                    e.setDouble(2, ev.timeNs() / 1e9);
                    e.setString(3, ev.eventType());
                    e.setString(4, ev.targetName());
                    e.setString(5, ev.sourceName());
                    e.setInt(6, ev.internal() ? 1 : 0);
                    if (ev.contextJson() == null) {
                        e.setNull(7, Types.VARCHAR);
                    } else {
                        e.setString(7, ev.contextJson());
                    }
                    e.addBatch();
                }
                e.executeBatch();
                for (RecordedLog lg : b.logs()) {
                    l.setLong(1, lg.logId());
                    l.setDouble(2, lg.timeNs() / 1e9);
                    l.setString(3, lg.wallTime());
                    l.setString(4, lg.level());
                    l.setString(5, lg.loggerName());
                    l.setString(6, lg.message());
                    l.addBatch();
                }
                l.executeBatch();
                for (String name : List.of(LATENCY, DEPTH)) {
                    Batch.Samples sm = b.samples(name);
                    for (int i = 0; i < sm.size(); i++) {
                        s.setString(1, name);
                        s.setDouble(2, sm.timeNs(i) / 1e9);
                        s.setDouble(3, sm.value(i));
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    // =====================================================================================================
    // Issue 7: reads at scale
    // =====================================================================================================

    private void readLatencies(Path file, boolean keep, long events, int reps) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        DataSource ds = TestDataSources.pooled(TestDataSources.sqlite(file));
        VisualStore store = new VisualStore(ds, scan);
        store.prepareBuckets(LATENCY, Transform.P99, 1.0);
        store.prepareBuckets(LATENCY, Transform.MEAN, 1.0);
        Random r = new Random(7);
        long appendNs = 0;
        long genNs = 0;
        List<Double> batchMs = new ArrayList<>();
        List<String> liveHeap = new ArrayList<>();
        long quarter = Math.max(BATCH, events / 4 / BATCH * BATCH);
        for (long id = 1; id <= events; id += BATCH) {
            long g0 = System.nanoTime();
            Batch b = batch(id, 1 + (id - 1) / 50, r);
            long g1 = System.nanoTime();
            store.append(b);
            long g2 = System.nanoTime();
            genNs += g1 - g0;
            appendNs += g2 - g1;
            batchMs.add((g2 - g1) / 1e6);
            if ((id - 1 + BATCH) % quarter == 0) {
                liveHeap.add(Long.toString(liveHeapMb()));
            }
        }
        StoreStats stats = store.stats();
        double[] bm = batchMs.stream().mapToDouble(x -> x).toArray();
        System.out.println("### Sustained build: " + stats.events() + " events in " + bm.length + " appends of " + BATCH);
        new BenchTable("metric", "value")
                .row("append time total (s)", f2(appendNs / 1e9))
                .row("sustained events/s (appends only)", k(stats.events() / (appendNs / 1e9)))
                .row("append of 250k events: median / p99 / max (ms)", f1(BenchTable.median(bm)) + " / " + f1(BenchTable.percentile(bm, 0.99))
                        + " / " + f1(java.util.Arrays.stream(bm).max().orElse(0)))
                .row("stored: events / logs / samples / series / bucket series", stats.events() + " / " + stats.logs() + " / " + stats.samples()
                        + " / " + stats.series() + " / " + stats.bucketSeries())
                .row("live heap after GC at each quarter of the build (MB)", String.join(" / ", liveHeap))
                .row("database size (main + WAL)", String.format(Locale.ROOT, "%.0f MB (%.1f bytes per row)", stats.dbBytes() / 1e6,
                        stats.dbBytes() / (double) (stats.events() + stats.logs() + stats.samples())))
                .print();
        System.out.println();

        // reopen cost: a server restart on this file
        double reopenMs = timeMs(() -> new VisualStore(ds, scan).lastEventId());

        long n = stats.events();
        double span = n * 0.01;
        BenchTable t = new BenchTable("query (" + n / 1_000_000 + "M events, " + stats.samples() / 1_000_000 + "M samples)", "p50 ms", "p99 ms", "max ms", "result");
        bench(t, "page 100, newest (no filter)", reps, i -> store.events(EventQuery.create().limit(100)), reps);
        bench(t, "page 100, deep cursor (random position)", reps, i -> {
            long at = 1 + (long) (new Random(i).nextDouble() * n);
            return store.events(EventQuery.create().limit(100).cursor(cursorFor(store, at)));
        }, reps);
        bench(t, "page 100, event_type=Request (common)", reps, i -> store.events(EventQuery.create().eventType("Request").limit(100)), reps);
        bench(t, "page 100, event_type=Timeout (0.1%)", reps, i -> store.events(EventQuery.create().eventType("Timeout").limit(100)), reps);
        bench(t, "page 100, event_type=Timeout, random cursor (cold blocks)", reps, i -> {
            long at = 1 + (long) (new Random(1000 + i).nextDouble() * n);
            return store.events(EventQuery.create().eventType("Timeout").limit(100).cursor(cursorFor(store, at)));
        }, reps);
        bench(t, "page 100, event_type=Retry (0.01%), newer", reps, i -> store.events(EventQuery.create().eventType("Retry").direction(Direction.NEWER).limit(100)), reps);
        bench(t, "page 100, entity=Sink", reps, i -> store.events(EventQuery.create().entity("Sink").limit(100)), reps);
        bench(t, "page 100, exclude_internal", reps, i -> store.events(EventQuery.create().excludeInternal(true).limit(100)), reps);
        bench(t, "page 100, time window (random 10 s)", reps, i -> {
            double a = new Random(i).nextDouble() * span;
            return store.events(EventQuery.create().timeMin(a).timeMax(a + 10).limit(100));
        }, reps);
        bench(t, "page 100, around_time (random), newer", reps, i -> store.events(EventQuery.create()
                .aroundTime(new Random(i).nextDouble() * span).direction(Direction.NEWER).limit(100)), reps);
        bench(t, "around_time both ways (2 × 100)", reps, i -> store.eventsAround(EventQuery.create()
                .aroundTime(new Random(i).nextDouble() * span).limit(100)), reps);
        bench(t, "page 100, Timeout+Server+exclude_internal+time half", reps, i -> store.events(EventQuery.create().eventType("Timeout")
                .entity("Server").excludeInternal(true).timeMin(span * 0.25).timeMax(span * 0.75).limit(100)), reps);
        bench(t, "count: exclude_internal", reps, i -> store.countEvents(EventQuery.create().excludeInternal(true)), reps);
        bench(t, "count: types {Request,Response} + entity + random time range", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.countEvents(EventQuery.create().eventType("Request").eventType("Response").entity("Server").timeMin(a).timeMax(a + span / 3));
        }, reps);
        int searchReps = Math.max(5, reps / 10);
        bench(t, "search rare context text, first time (slow-path-N)", searchReps, i -> store.events(EventQuery.create()
                .search("slow-path-" + (10_000 + i * 7919 % 90_000)).limit(100)), searchReps);
        bench(t, "search rare, repeated (cached block counts)", reps, i -> store.events(EventQuery.create().search("slow-path-12345").limit(100)), reps);
        bench(t, "search name 'retry' (dictionary)", reps, i -> store.events(EventQuery.create().search("retry").limit(100)), reps);
        String[] everywhere = {"request_id", "metadata", "created_at", "\"id\":\"", ",\"request"};
        bench(t, "search text in every block, first time (request_id, metadata, …)", everywhere.length, i -> store.events(EventQuery.create()
                .search(i < 0 ? "\"metadata\":{}}" : everywhere[i]).limit(100)), everywhere.length);
        bench(t, "search 4 random digits, first time", 10, i -> store.events(EventQuery.create()
                .search(String.format("%04d", new Random(100 + i).nextInt(10_000))).limit(100)), 10);
        for (int w = 0; w < 10; w++) {      // the scan's code compiled by the JIT, as in a server that has searched before
            store.events(EventQuery.create().search(String.format("%04d", new Random(400 + w).nextInt(10_000))).limit(100));
        }
        bench(t, "search 4 random digits, first time, JIT warm (after 10 others)", 20, i -> store.events(EventQuery.create()
                .search(String.format("%04d", new Random(500 + i).nextInt(10_000))).limit(100)), 20);
        bench(t, "search a request id (\"request_id\":N), first time", searchReps, i -> store.events(EventQuery.create()
                .search("\"request_id\":" + (1000 + new Random(i).nextInt((int) (n / 9) - 1000)) + ",").limit(100)), searchReps);
        bench(t, "search common, repeated (cached)", reps, i -> store.events(EventQuery.create().search("request_id").limit(100)), reps);
        bench(t, "series M4 2000 pts, whole 10M series", reps, i -> store.series(LATENCY, null, null, 2000), reps);
        bench(t, "series M4 2000 pts, random range", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.series(LATENCY, a, a + span / 3, 2000);
        }, reps);
        bench(t, "buckets p99 1 s, 2000 pts, whole series", reps, i -> store.buckets(LATENCY, Transform.P99, 1.0, null, null, 2000), reps);
        bench(t, "buckets mean 1 s, 2000 pts, whole series", reps, i -> store.buckets(LATENCY, Transform.MEAN, 1.0, null, null, 2000), reps);
        bench(t, "buckets p99 1 s, 2000 pts, random range", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.buckets(LATENCY, Transform.P99, 1.0, a, a + span / 3, 2000);
        }, reps);
        bench(t, "buckets p999 0.5 s, first request (materialise 10M)", 1, i -> store.buckets(LATENCY, Transform.P999, 0.5, null, null, 2000), 1);
        bench(t, "buckets p999 0.5 s, 2000 pts, after", reps, i -> store.buckets(LATENCY, Transform.P999, 0.5, null, null, 2000), reps);
        t.row("reopen (rebuild summaries from the file)", f1(reopenMs), "", "", "");
        long bytes = store.stats().dbBytes();
        if (keep) {
            store.close();      // kept for db=PATH: checkpointed, not cleared
        } else {
            double clearMs = timeMs(store::clear);
            t.row("clear() (reset / scenario change)", f1(clearMs), "", "", "then " + store.stats().events() + " events");
        }
        t.print();
        System.out.println();
        System.out.println("database: " + String.format(Locale.ROOT, "%.0f MB", bytes / 1e6) + " for " + n + " events");
    }

    /** CPU time of the whole process (every thread: the query's, the scan helper's, the JIT's, the collector's). */
    static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The heap's live bytes after a full collection, in MB (the build's memory must not grow with the history). */
    static long liveHeapMb() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        java.lang.management.MemoryUsage u = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return u.getUsed() / (1024 * 1024);
    }

    /** The cursor a page ending at event {@code id} would hand out (the benchmark knows the store's cursor format). */
    private static String cursorFor(VisualStore store, long id) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("e:" + id).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * {@code -Dbench="store db=PATH"}: first-time searches on a kept database (e.g. bursty-mm1-long, recorded by
     * {@code -Dbench="pipeline keepdb=PATH"}), which is opened as a server would after a restart and left as it is.
     */
    private void searches(Path file, int reps) {
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(file)), scan);
        double openMs = timeMs(store::lastEventId);
        long n = store.lastEventId();
        System.out.println("### Searches on " + file + ": " + n + " events (opened in " + f1(openMs) + " ms)");
        BenchTable t = new BenchTable("search (" + n + " events)", "p50 ms", "p99 ms", "max ms", "result");
        String[] common = {"metadata", "request_id", "created_at", "\"id\":\"", ",\"request", "\"metadata\":{}"};
        bench(t, "common text, first time (metadata, request_id, …)", common.length, i -> store.events(EventQuery.create()
                .search(i < 0 ? "\"metadata\":{}," : common[i]).limit(100)), common.length);
        bench(t, "4 random digits, first time", 20, i -> store.events(EventQuery.create()
                .search(String.format("%04d", new Random(200 + i).nextInt(10_000))).limit(100)), 20);
        String[] shortDigits = {"7", "12", "3", "45", "09", "8", "61", "0", "5", "27"};
        bench(t, "1 or 2 digits, first time", shortDigits.length, i -> store.events(EventQuery.create()
                .search(i < 0 ? "99" : shortDigits[i]).limit(100)), shortDigits.length);
        bench(t, "a request id (\"request_id\":N,), first time", 20, i -> store.events(EventQuery.create()
                .search("\"request_id\":" + (1000 + new Random(300 + i).nextInt((int) Math.max(2000, n / 30))) + ",").limit(100)), 20);
        bench(t, "name 'Sink' (dictionary)", reps, i -> store.events(EventQuery.create().search("Sink").limit(100)), reps);
        bench(t, "common text, repeated (cached)", reps, i -> store.events(EventQuery.create().search("metadata").limit(100)), reps);
        fieldSearches(t, store, n, reps);
        t.print();
    }

    /**
     * {@code -Dbench="store db=PATH scale"}: what a server restart on a large kept history (built by {@code keepdb=PATH})
     * costs, and the reads after it: the reopen in its parts, the first page, the first chart of each kind (a bucket
     * series maintained while recording, and one never asked for before, per transform, at a window no run of this
     * suite used on the file before), first-time searches, then pages, totals and charts. The file is left as it is,
     * but for the bucket series the first charts build into it.
     */
    private void scaleReads(Path file, int reps, boolean chartsOnly, boolean searchesOnly) {
        DataSource ds = TestDataSources.pooled(TestDataSources.sqlite(file));
        long heap0 = liveHeapMb();
        long t0 = System.nanoTime();
        VisualStore store = new VisualStore(ds, scan);
        long t1 = System.nanoTime();
        long n = store.lastEventId();
        long t2 = System.nanoTime();
        Page<RecordedEvent> newest = store.events(EventQuery.create().limit(100));
        long t3 = System.nanoTime();
        long heap1 = liveHeapMb();
        StoreStats stats = store.stats();
        System.out.println("### Reads after a restart on " + file + ": " + n + " events, " + stats.samples() + " samples, "
                + stats.bucketSeries() + " bucket series, " + String.format(Locale.ROOT, "%.0f MB", stats.dbBytes() / 1e6));
        BenchTable t = new BenchTable("read (" + n / 1_000_000 + "M events, " + stats.samples() / 1_000_000 + "M samples)", "p50 ms", "p99 ms",
                "max ms", "result");
        t.row("reopen: new VisualStore (file, schema, catalog)", f1((t1 - t0) / 1e6), "", "", "");
        t.row("reopen: first read (summaries loaded)", f1((t2 - t1) / 1e6), "", "", n + " events");
        t.row("reopen: first page after it", f1((t3 - t2) / 1e6), "", "", describe(newest));
        t.row("reopen: total (restart to first page)", f1((t3 - t0) / 1e6), "", "", "");
        t.row("live heap after GC before / after the reopen (MB)", heap0 + " / " + heap1, "", "", "");
        double span = store.events(EventQuery.create().limit(1)).items().get(0).timeNs() / 1e9;
        if (!searchesOnly) {
            firstCharts(t, store, stats, span, reps);
        }
        if (!chartsOnly) {
            scaleSearches(t, store, n, span, reps);
        }
        t.print();
    }

    /** The first charts after a restart: raw M4, a bucket series maintained while recording, one never asked for per transform. */
    private static void firstCharts(BenchTable t, VisualStore store, StoreStats stats, double span, int reps) {
        bench(t, "first request: series M4 2000 pts, whole series", 1, i -> store.series(LATENCY, null, null, 2000), 1);
        bench(t, "first request: buckets p99 1 s (maintained while recording), whole", 1,
                i -> store.buckets(LATENCY, Transform.P99, 1.0, null, null, 2000), 1);
        double window = 0.5 + 0.0001 * (stats.bucketSeries() + 1);   // a key no earlier run asked for
        for (Transform tr : Transform.values()) {
            long cpu0 = processCpuNs();
            long w0 = System.nanoTime();
            SeriesData d = store.buckets(LATENCY, tr, window, null, null, 2000);
            long w1 = System.nanoTime();
            long cpu1 = processCpuNs();
            t.row("first request: buckets " + tr.wireName() + " " + window + " s (never asked for), whole", f2((w1 - w0) / 1e6), "", "",
                    describe(d) + String.format(Locale.ROOT, ", CPU %.0f ms (all threads), points hash %08x", (cpu1 - cpu0) / 1e6,
                            java.util.Arrays.hashCode(d.times()) * 31 + java.util.Arrays.hashCode(d.values())));
        }
        bench(t, "first request: buckets p999 " + window + " s, random range (after)", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.buckets(LATENCY, Transform.P999, window, a, a + span / 3, 2000);
        }, reps);
    }

    private static void scaleSearches(BenchTable t, VisualStore store, long n, double span, int reps) {
        // the same kinds of search with and without the page's total (EventQuery.total(false)), alternately, new terms each
        alternately(t, store, "4 random digits", 20, k -> EventQuery.create().search(String.format("%04d", new Random(1200 + k).nextInt(10_000))));
        String[] shortDigits = {"6", "13", "2", "46", "08", "9", "62", "1", "4", "28", "71", "3", "55", "0", "19", "84", "7", "30", "5", "92"};
        alternately(t, store, "1 or 2 digits", 10, k -> EventQuery.create().search(shortDigits[k % shortDigits.length]));
        alternately(t, store, "a request id (\"request_id\":N,)", 20, k -> EventQuery.create()
                .search("\"request_id\":" + (1000 + new Random(1300 + k).nextInt((int) (n / 9) - 1000)) + ","));
        alternately(t, store, "rare context text (slow-path-N)", 10, k -> EventQuery.create().search("slow-path-" + (20_000 + k * 7919 % 80_000)));
        bench(t, "search 4 random digits, first time", 20, i -> store.events(EventQuery.create()
                .search(String.format("%04d", new Random(200 + i).nextInt(10_000))).limit(100)), 20);
        bench(t, "search 4 random digits + count, first time", 10, i -> {
            EventQuery q = EventQuery.create().search(String.format("%04d", new Random(900 + i).nextInt(10_000))).limit(100);
            store.countEvents(q);
            return store.events(q);
        }, 10);
        bench(t, "search rare context text, first time (slow-path-N)", 10, i -> store.events(EventQuery.create()
                .search("slow-path-" + (10_000 + i * 7919 % 90_000)).limit(100)), 10);
        bench(t, "search a request id (\"request_id\":N,), first time", 20, i -> store.events(EventQuery.create()
                .search("\"request_id\":" + (1000 + new Random(300 + i).nextInt((int) (n / 9) - 1000)) + ",").limit(100)), 20);
        bench(t, "field request_id=N, first time", 20, i -> store.events(EventQuery.create()
                .field("request_id=" + (1000 + new Random(600 + i).nextInt((int) (n / 9) - 1000))).limit(100)), 20);
        String[] everywhere = {"request_id", "metadata", "created_at", "\"id\":\"", ",\"request"};
        bench(t, "search text in every block, first time", everywhere.length, i -> store.events(EventQuery.create()
                .search(i < 0 ? "\"metadata\":{}}" : everywhere[i]).limit(100)), everywhere.length);
        bench(t, "search 1 or 2 digits, first time", 10, i -> store.events(EventQuery.create()
                .search(i < 0 ? "99" : new String[] {"7", "12", "3", "45", "09", "8", "61", "0", "5", "27"}[i]).limit(100)), 10);
        bench(t, "page 100, newest (no filter)", reps, i -> store.events(EventQuery.create().limit(100)), reps);
        bench(t, "page 100, deep cursor (random position)", reps, i -> {
            long at = 1 + (long) (new Random(i).nextDouble() * n);
            return store.events(EventQuery.create().limit(100).cursor(cursorFor(store, at)));
        }, reps);
        bench(t, "page 100, event_type=Timeout, random cursor (cold blocks)", reps, i -> {
            long at = 1 + (long) (new Random(1000 + i).nextDouble() * n);
            return store.events(EventQuery.create().eventType("Timeout").limit(100).cursor(cursorFor(store, at)));
        }, reps);
        bench(t, "page 100, time window (random 10 s)", reps, i -> {
            double a = new Random(i).nextDouble() * span;
            return store.events(EventQuery.create().timeMin(a).timeMax(a + 10).limit(100));
        }, reps);
        bench(t, "count: exclude_internal", reps, i -> store.countEvents(EventQuery.create().excludeInternal(true)), reps);
        bench(t, "count: types {Request,Response} + entity + random time range", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.countEvents(EventQuery.create().eventType("Request").eventType("Response").entity("Server").timeMin(a).timeMax(a + span / 3));
        }, reps);
        bench(t, "series M4 2000 pts, whole series", reps, i -> store.series(LATENCY, null, null, 2000), reps);
        bench(t, "series M4 2000 pts, random range", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.series(LATENCY, a, a + span / 3, 2000);
        }, reps);
        bench(t, "buckets p99 1 s, 2000 pts, whole series", reps, i -> store.buckets(LATENCY, Transform.P99, 1.0, null, null, 2000), reps);
        bench(t, "buckets p99 1 s, 2000 pts, random range", reps, i -> {
            double a = new Random(i).nextDouble() * span / 2;
            return store.buckets(LATENCY, Transform.P99, 1.0, a, a + span / 3, 2000);
        }, reps);
    }

    /**
     * A kind of first-time search, its page with the total and without it, measured alternately (which goes first swaps),
     * never the same term twice: {@code query(k)} makes the k-th term's query.
     */
    private static void alternately(BenchTable t, VisualStore store, String what, int n, IntFunction<EventQuery> query) {
        double[] with = new double[n];
        double[] without = new double[n];
        Object[] last = new Object[2];
        for (int i = 0; i < n; i++) {
            EventQuery a = query.apply(2 * i).limit(100);
            EventQuery b = query.apply(2 * i + 1).limit(100).total(false);
            if (i % 2 == 0) {
                with[i] = timeMs(() -> last[0] = store.events(a));
                without[i] = timeMs(() -> last[1] = store.events(b));
            } else {
                without[i] = timeMs(() -> last[1] = store.events(b));
                with[i] = timeMs(() -> last[0] = store.events(a));
            }
        }
        t.row("search " + what + ", first time, page with total", f2(BenchTable.median(with)), f2(BenchTable.percentile(with, 0.99)),
                f2(java.util.Arrays.stream(with).max().orElse(0)), describe(last[0]));
        t.row("search " + what + ", first time, page without total", f2(BenchTable.median(without)), f2(BenchTable.percentile(without, 0.99)),
                f2(java.util.Arrays.stream(without).max().orElse(0)), describe(last[1]));
    }

    /**
     * Structured searches ({@code field=value}, issue 16) on the kept database: the exact value of a context field, alone
     * and as the debugger sends it (with exclude_internal, a count beside the page, other filters and text). Each
     * first-time row uses values no search before it asked for.
     */
    private static void fieldSearches(BenchTable t, VisualStore store, long n, int reps) {
        int ids = (int) Math.max(2000, n / 30);
        IntFunction<String> requestId = seed -> "request_id=" + (1000 + new Random(seed).nextInt(ids));
        bench(t, "field request_id=N, first time", 20, i -> store.events(EventQuery.create()
                .field(requestId.apply(600 + i)).limit(100)), 20);
        bench(t, "field request_id=N + exclude_internal, page and count, first time", 20, i -> {
            EventQuery q = EventQuery.create().field(requestId.apply(700 + i)).excludeInternal(true).limit(100);
            store.countEvents(q);
            return store.events(q);
        }, 20);
        double span = store.events(EventQuery.create().limit(1)).items().get(0).timeNs() / 1e9;
        bench(t, "field request_id=N + event_type=Request + time half, first time", 20, i -> store.events(EventQuery.create()
                .field(requestId.apply(800 + i)).eventType("Request").timeMin(0.0).timeMax(span / 2).limit(100)), 20);
        bench(t, "field request_id=N + text 'Sink', first time", 20, i -> store.events(EventQuery.create()
                .field(requestId.apply(900 + i)).search("Sink").limit(100)), 20);
        String[] shortIds = {"7", "12", "3", "45", "9", "81", "6", "27", "5", "64"};
        bench(t, "field request_id=N, N of 1 or 2 digits, first time", shortIds.length, i -> store.events(EventQuery.create()
                .field("request_id=" + (i < 0 ? "99" : shortIds[i])).limit(100)), shortIds.length);
        bench(t, "field no context has (attempt=2), first time", 10, i -> store.events(EventQuery.create()
                .field("attempt=" + (i + 2)).limit(100)), 10);
        String[] created = storedValues(store, "created_at", 21);
        bench(t, "field created_at=<a stored value>, first time", created.length - 1, i -> store.events(EventQuery.create()
                .field("created_at=" + created[i + 1]).limit(100)), created.length - 1);
        // the same kind of question asked both ways, alternately (a busy machine slows both alike)
        double[] asText = new double[20];
        double[] asField = new double[20];
        for (int i = 0; i < 20; i++) {
            String a = requestId.apply(1100 + i).substring("request_id=".length());
            String b = requestId.apply(1200 + i).substring("request_id=".length());
            String textId = i % 2 == 0 ? a : b;    // which goes first swaps, and no id is asked twice
            String fieldId = i % 2 == 0 ? b : a;
            asText[i] = timeMs(() -> store.events(EventQuery.create().search("\"request_id\":" + textId + ",").limit(100)));
            asField[i] = timeMs(() -> store.events(EventQuery.create().field("request_id=" + fieldId).limit(100)));
        }
        t.row("alternately: text \"request_id\":N, (first time)", f2(BenchTable.median(asText)), f2(BenchTable.percentile(asText, 0.99)),
                f2(java.util.Arrays.stream(asText).max().orElse(0)), "");
        t.row("alternately: field request_id=N (first time)", f2(BenchTable.median(asField)), f2(BenchTable.percentile(asField, 0.99)),
                f2(java.util.Arrays.stream(asField).max().orElse(0)), "");
        bench(t, "field request_id=N, repeated (cached)", reps, i -> store.events(EventQuery.create().field("request_id=4242").limit(100)), reps);
    }

    /** The (JSON) values of a context field in events spread over the history, read from the events themselves. */
    private static String[] storedValues(VisualStore store, String field, int howMany) {
        long last = store.lastEventId();
        Pattern p = Pattern.compile("\"" + field + "\":(\"[^\"]*\"|[-0-9.eE+]+)");
        List<String> out = new ArrayList<>();
        for (int k = 0; out.size() < howMany && k < howMany * 20; k++) {
            long at = 1 + (long) (new Random(1000 + k).nextDouble() * (last - 1));
            for (RecordedEvent e : store.events(EventQuery.create().search(field).cursor(cursorFor(store, at)).limit(1)).items()) {
                Matcher m = p.matcher(e.contextJson());
                if (m.find()) {
                    String v = m.group(1);
                    out.add(v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
                }
            }
        }
        return out.toArray(String[]::new);
    }

    private static void bench(BenchTable t, String name, int runs, IntFunction<Object> op, int n) {
        if (!name.contains("first request")) {
            op.apply(-1);   // warm up (not for rows that measure a first request)
        }
        double[] ms = new double[n];
        Object last = null;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            last = op.apply(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        t.row(name, f2(BenchTable.median(ms)), f2(BenchTable.percentile(ms, 0.99)), f2(java.util.Arrays.stream(ms).max().orElse(0)), describe(last));
    }

    private static String describe(Object o) {
        if (o instanceof Page<?> p) {
            return p.items().size() + " rows, total " + p.total();
        }
        if (o instanceof AroundPage a) {
            return a.before().items().size() + "+" + a.after().items().size() + " rows, total " + a.after().total();
        }
        if (o instanceof SeriesData s) {
            return s.size() + " points";
        }
        if (o instanceof io.happysim.visual.store.EventCount c) {
            return "total " + c.total();
        }
        return String.valueOf(o);
    }

    private static double timeMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private void deleteDir() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String k(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
