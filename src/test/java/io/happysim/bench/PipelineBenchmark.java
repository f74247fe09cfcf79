package io.happysim.bench;

import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.scenarios.BurstyMm1Scenario;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.SessionListener;
import io.happysim.visual.session.SimState;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The whole recording pipeline against the bare engine on the same model (issue 4, benchmarks 2 and
 * 3): a debug session records every event, log line and sample of {@code bursty-mm1-long} (≈ 28 M
 * events, a 10 M-sample probe series) and drains it into SQLite while playing at full speed; the
 * wall time runs until everything is stored. The live heap (what remains after each collection)
 * is sampled throughout: flat means it does not grow with the run.
 *
 * <p>Options: {@code scenario=<id>} (default bursty-mm1-long), {@code samples=<n>} max_in_memory_samples
 * (default 10000), {@code unbounded=true} to also run with every sample kept in memory, for contrast, {@code keepdb=PATH} to
 * write the recorded run's database there and keep it.
 */
public final class PipelineBenchmark implements BenchMain.Suite {
    private static final Logger ROOT = Logger.getLogger("io.happysim");

    @Override
    public void run(List<String> options) throws Exception {
        String scenario = option(options, "scenario", BurstyMm1Scenario.LONG_ID);
        int keep = Integer.parseInt(option(options, "samples", "10000"));
        boolean unbounded = Boolean.parseBoolean(option(options, "unbounded", "false"));
        keepDb = option(options, "keepdb", null);

        BenchTable table = new BenchTable("run", "events", "wall s", "events/s", "vs bare engine", "samples stored",
                "live heap after GC at 25/50/75/100 % of the run, MB", "peak live MB", "backpressure");
        double bare = bareEngine(scenario, table);
        recorded(scenario, keep, bare, table);
        if (unbounded) {
            recorded(scenario, 0, bare, table);
        }
        table.print();
    }

    private static double bareEngine(String scenario, BenchTable table) {
        Level previous = ROOT.getLevel();
        ROOT.setLevel(Level.WARNING);
        try {
            Simulation warm = new ScenarioCatalog(null).find(scenario).orElseThrow().build().simulation();
            warm.runUntil(io.happysim.core.Instant.ofSeconds(warm.endTime().toSeconds() / 10));
            Simulation simulation = new ScenarioCatalog(null).find(scenario).orElseThrow().build().simulation();
            System.gc();
            long start = System.nanoTime();
            PauseReason reason = simulation.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (reason.kind() != PauseReason.Kind.COMPLETE) {
                throw new IllegalStateException("stopped early: " + reason);
            }
            double rate = simulation.eventsProcessed() / seconds;
            table.row("bare engine (no recording)", fmt(simulation.eventsProcessed()), String.format(Locale.ROOT, "%.1f", seconds),
                    fmt((long) rate), "1.00", "-", "-", "-", "-");
            return rate;
        } finally {
            ROOT.setLevel(previous);
        }
    }

    /** keepdb=PATH: the (first) recorded run's database is written there and kept, e.g. to time searches on it. */
    private static String keepDb;

    private static void recorded(String scenario, int keep, double bare, BenchTable table) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-pipeline");
        Path file = keepDb != null ? Path.of(keepDb) : dir.resolve("history.db");
        keepDb = null;
        ExecutorService drains = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(file)), scan);
        DebugSession session = new DebugSession(store, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config(scenario, 200_000, new SimulationBridge.Config(5_000, keep, Level.INFO), 60_000, false), new io.happysim.scenarios.ScenarioCatalog(null));
        try {
            session.start();
            scheduler.scheduleWithFixedDelay(session::drain, 500, 500, TimeUnit.MILLISECONDS);
            long[] peak = {0};
            long[] atQuarter = new long[4];
            double end = new ScenarioCatalog(null).find(scenario).orElseThrow().build().simulation().endTime().toSeconds();
            scheduler.scheduleAtFixedRate(() -> {
                long live = liveHeapAfterGc();
                peak[0] = Math.max(peak[0], live);
                SimState state = session.state();
                int quarter = (int) Math.min(3, state.timeS() / end * 4);
                atQuarter[quarter] = Math.max(atQuarter[quarter], live);
            }, 0, 100, TimeUnit.MILLISECONDS);
            CountDownLatch done = new CountDownLatch(1);
            session.addListener(new SessionListener() {
                @Override
                public void onComplete(SimState state) {
                    done.countDown();
                }
            });
            System.gc();
            long start = System.nanoTime();
            session.play(0, false);
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (session.pendingRows() != 0) {
                throw new IllegalStateException("completion reported with rows still pending");
            }
            DebugSession.Recorded recorded = session.recorded();
            if (store.stats().events() != recorded.events() || store.stats().samples() != recorded.samples()) {
                throw new IllegalStateException("stored rows differ from recorded ones: " + store.stats() + " vs " + recorded);
            }
            double rate = recorded.events() / seconds;
            table.row("recorded + drained, max_in_memory_samples=" + (keep == 0 ? "unbounded" : keep), fmt(recorded.events()),
                    String.format(Locale.ROOT, "%.1f", seconds), fmt((long) rate), String.format(Locale.ROOT, "%.2f", rate / bare),
                    fmt(store.stats().samples()), String.format(Locale.ROOT, "%d / %d / %d / %d", atQuarter[0] >> 20,
                            atQuarter[1] >> 20, atQuarter[2] >> 20, atQuarter[3] >> 20), fmt(peak[0] >> 20), session.backpressure());
        } finally {
            scheduler.shutdownNow();
            session.close();
            store.close();
            scan.shutdownNow();
            drains.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What the heap holds after the latest collection (the live set), summed over the heap's pools. */
    private static long liveHeapAfterGc() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        return live;
    }

    private static String option(List<String> options, String name, String fallback) {
        return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst().orElse(fallback);
    }

    private static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
