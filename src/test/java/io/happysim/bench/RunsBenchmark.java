package io.happysim.bench;

import io.happysim.scenarios.BurstyMm1Scenario;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.api.Csv;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.RunView;
import io.happysim.visual.session.SeriesRange;
import io.happysim.visual.store.Direction;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.Retention;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * Runs (issue 13), in process on the server's own classes: {@code bursty-mm1-long} recorded into runs of {@code events=}
 * events each (default 2 M; the whole run is 28 M), then
 * <ol>
 *   <li>export throughput of a past run: events as CSV (the API's encoder, to a discarding stream) and the whole run as
 *       a plain SQLite file (rows/s) — while the current run records;</li>
 *   <li>opening a past run (its store, first read) and chart reads of a past run and of a comparison of two (p50/p99);</li>
 *   <li>the cost of keeping runs: the current run's recording rate, pages and chart reads with {@code kept=} (default 5)
 *       big runs in the file against a file without any, alternately for {@code rounds=} (default 3) rounds, and the
 *       medians.</li>
 * </ol>
 * {@code -Dbench="runs events=2000000 kept=5 reps=50 rounds=3"}.
 */
final class RunsBenchmark implements BenchMain.Suite {
    private long events = 2_000_000;
    private int kept = 5;
    private int reps = 50;
    private int rounds = 3;

    @Override
    public void run(List<String> options) throws Exception {
        for (String o : options) {
            String[] kv = o.split("=", 2);
            switch (kv[0]) {
                case "events" -> events = Long.parseLong(kv[1]);
                case "kept" -> kept = Integer.parseInt(kv[1]);
                case "reps" -> reps = Integer.parseInt(kv[1]);
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + o);
            }
        }
        System.out.printf(Locale.ROOT, "runs of %,d events (bursty-mm1-long paused there), %d kept, %d repetitions, %d rounds%n", events, kept,
                reps, rounds);
        // warm-up (JIT, page cache): a run recorded and read the same way, not reported
        try (Bed warm = new Bed()) {
            measureCurrent(warm);
        }
        try (Bed full = new Bed()) {
            for (int i = 0; i < kept; i++) {
                full.record(events);
                full.session.reset();
            }
            exports(full);
            full.session.reset();   // the run that recorded during the exports is kept too
            int keptRuns = full.runs.list().size() - 1;
            // Kept runs against none, alternately (ABAB…): the machine's load drifts, so only interleaved rounds compare.
            BenchTable costs = new BenchTable("round: runs kept besides the current one", "recording (events/s)", "page of 100 p50 / p99 (ms)",
                    "chart p50 / p99 (ms)");
            List<Current> none = new ArrayList<>();
            List<Current> some = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                try (Bed empty = new Bed()) {
                    none.add(measureCurrent(empty));
                }
                costs.row(none.get(none.size() - 1).row(round + ": 0"));
                long measured = full.runs.currentId();
                some.add(measureCurrent(full));
                costs.row(some.get(some.size() - 1).row(round + ": " + keptRuns));
                full.session.reset();
                full.runs.delete(measured).join();   // the next round keeps as many as this one
            }
            costs.row(Current.median(none).row("median: 0"));
            costs.row(Current.median(some).row("median: " + keptRuns + " (of " + fmt(events) + " events each)"));
            costs.print();
            double[] ratio = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                ratio[i] = some.get(i).rate() / none.get(i).rate();
            }
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "recording rate with %d kept ÷ none, per round: median %.2f (min %.2f, max %.2f)%n", keptRuns,
                    BenchTable.median(ratio), ratio[0], ratio[rounds - 1]);
        }
    }

    /** The current run's recording rate (events/s) and the p50/p99 of its pages and charts (ms). */
    private record Current(double rate, double pageP50, double pageP99, double chartP50, double chartP99) {
        Object[] row(String label) {
            return new Object[] {label, String.format(Locale.ROOT, "%,.0f", rate), String.format(Locale.ROOT, "%.1f / %.1f", pageP50, pageP99),
                    String.format(Locale.ROOT, "%.1f / %.1f", chartP50, chartP99)};
        }

        static Current median(List<Current> all) {
            return new Current(BenchTable.median(all.stream().mapToDouble(Current::rate).toArray()),
                    BenchTable.median(all.stream().mapToDouble(Current::pageP50).toArray()),
                    BenchTable.median(all.stream().mapToDouble(Current::pageP99).toArray()),
                    BenchTable.median(all.stream().mapToDouble(Current::chartP50).toArray()),
                    BenchTable.median(all.stream().mapToDouble(Current::chartP99).toArray()));
        }
    }

    /** A history file with its session on bursty-mm1-long. */
    private static final class Bed implements AutoCloseable {
        final Path dir = Files.createTempDirectory(Path.of("target"), "bench-runs");
        final ExecutorService drains = Executors.newCachedThreadPool();
        final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
        final StoredRuns runs = new StoredRuns(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan,
                StoreLimits.defaults(), drains);
        final DebugSession session = new DebugSession(runs, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config(BurstyMm1Scenario.LONG_ID, 200_000, new SimulationBridge.Config(5_000, 10_000, Level.INFO), 60_000, false,
                        Retention.keepAll()), new ScenarioCatalog(null));

        Bed() throws Exception {
            session.start();
            scheduler.scheduleWithFixedDelay(session::drain, 500, 500, TimeUnit.MILLISECONDS);
        }

        /** Records the current run up to {@code n} events at full speed, pauses and stores everything; events/s. */
        double record(long n) throws Exception {
            long before = session.state().eventsProcessed();
            long start = System.nanoTime();
            session.play(0, false);
            while (session.state().eventsProcessed() < before + n && !session.state().isComplete()) {
                Thread.sleep(20);
            }
            session.pause();
            double rate = (session.state().eventsProcessed() - before) / ((System.nanoTime() - start) / 1e9);
            while (session.pendingRows() > 0) {
                session.drain();
            }
            return rate;
        }

        @Override
        public void close() throws Exception {
            scheduler.shutdownNow();
            session.close();
            runs.close();
            scan.shutdownNow();
            drains.shutdownNow();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The current run records {@code events}; then its pages and its charts are read {@code reps} times. */
    private Current measureCurrent(Bed bed) throws Exception {
        double rate = bed.record(events);
        VisualStore store = bed.session.store();
        long total = store.stats().events();
        double[] pages = new double[reps];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double end = bed.session.state().timeS();
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            var page = store.events(EventQuery.create().aroundTime(random.nextDouble() * end).limit(100));
            pages[i] = (System.nanoTime() - start) / 1e6;
            if (page.items().isEmpty() && total > 0) {
                throw new IllegalStateException("an empty page of a run with events");
            }
        }
        double[] charts = charts(bed, () -> bed.session.runs().view(null));
        return new Current(rate, BenchTable.percentile(pages, 0.5), BenchTable.percentile(pages, 0.99), BenchTable.percentile(charts, 0.5),
                BenchTable.percentile(charts, 0.99));
    }

    /** Every chart of a run read {@code reps} times with max_points 1600 (a wide chart), the times in ms. */
    private double[] charts(Bed bed, java.util.function.Supplier<RunView> view) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            RunView v = view.get();
            for (var chart : v.charts()) {
                long start = System.nanoTime();
                v.chartData(String.valueOf(chart.get("chart_id")), new SeriesRange(null, null, 1600)).orElseThrow();
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return ms.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Exports of the oldest kept run and reads of past runs, while the current run records. */
    private void exports(Bed bed) throws Exception {
        var list = bed.runs.list();
        long oldest = list.get(list.size() - 1).id();
        long second = list.get(list.size() - 2).id();
        BenchTable t = new BenchTable("read of a past run (" + String.format(Locale.ROOT, "%,d", events) + " events) while the current records",
                "rows", "seconds", "rows/s | p50 / p99 (ms)");
        bed.session.play(0, false);
        try {
            VisualStore past = bed.runs.open(oldest);
            long start = System.nanoTime();
            long[] rows = {0};
            try (Writer w = new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                past.eachEvent(EventQuery.create().direction(Direction.NEWER), VisualStore.EXPORT_CHUNK, chunk -> {
                    for (RecordedEvent e : chunk) {
                        Csv.line(w, e.eventId(), Csv.seconds(e.timeNs()), e.eventType(), e.targetName(), e.sourceName(), e.internal(), e.contextJson());
                    }
                    rows[0] += chunk.size();
                });
            }
            double s = (System.nanoTime() - start) / 1e9;
            t.row("events.csv", fmt(rows[0]), sec(s), fmt((long) (rows[0] / s)));

            Path file = bed.dir.resolve("export.sqlite");
            start = System.nanoTime();
            long exported = bed.runs.exportPlain(oldest, file);
            s = (System.nanoTime() - start) / 1e9;
            t.row("history.sqlite (events + logs + samples, indexes built)", fmt(exported), sec(s), fmt((long) (exported / s))
                    + String.format(Locale.ROOT, " (file %,d MB)", Files.size(file) >> 20));
            Files.deleteIfExists(file);

            // opening a past run: cycling through more kept runs than StoredRuns keeps open, every open is a first one
            long currentRun = bed.runs.currentId();
            List<Long> kept = list.stream().map(r -> r.id()).filter(id -> id != currentRun).toList();
            double[] opens = new double[reps];
            for (int i = 0; i < opens.length; i++) {
                long t0 = System.nanoTime();
                bed.runs.open(kept.get(i % kept.size())).events(EventQuery.create().limit(100));
                opens[i] = (System.nanoTime() - t0) / 1e6;
            }
            t.row("open a past run (not open yet) + its newest page of 100", "-", "-", pct(opens));
            t.row("charts of a past run (max_points 1600)", "-", "-", pct(charts(bed, () -> bed.session.runs().view(oldest))));
            List<Double> pair = new ArrayList<>();
            RunView a = bed.session.runs().view(oldest);
            for (int i = 0; i < reps; i++) {
                for (var chart : a.charts()) {
                    long t0 = System.nanoTime();
                    bed.session.runs().compareChart(oldest, second, String.valueOf(chart.get("chart_id")), new SeriesRange(null, null, 1600));
                    pair.add((System.nanoTime() - t0) / 1e6);
                }
            }
            t.row("compare two past runs, one chart (both series)", "-", "-", pct(pair.stream().mapToDouble(Double::doubleValue).toArray()));
        } finally {
            bed.session.pause();
        }
        t.print();
    }

    private static String pct(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.1f / %.1f", s[(int) Math.floor(0.5 * (s.length - 1))], s[(int) Math.ceil(0.99 * (s.length - 1))]);
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String sec(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }
}
