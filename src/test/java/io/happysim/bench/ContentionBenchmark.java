package io.happysim.bench;

import io.happysim.scenarios.BurstyMm1Scenario;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.SeriesRange;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

/**
 * Where reads wait while a run records (issue 15), without HTTP in the way: a debug session records
 * {@code bursty-mm1-long} at full speed in this JVM while N threads make the reads a browser makes
 * (pages, around-time, totals, searches, charts) straight on the store and the session. A watchdog samples the
 * stack of every read that has taken longer than {@code slow=<ms>} (default 50) every 5 ms, so the table says
 * not only how long reads took but where the slow ones spent that time (SQLite, a lock, Java code on the CPU …).
 *
 * <p>Options: {@code readers=1,8}, {@code seconds=<s>} per phase (default 20), {@code slow=<ms>}. The recording
 * rate of each phase is printed beside the rate with no readers: the cost of serving reads.
 */
public final class ContentionBenchmark implements BenchMain.Suite {
    enum Read { NEWEST_PAGE, FILTERED_PAGE, AROUND_TIME, TOTAL, SEARCH, CHART }

    /** A reader's read in progress, for the watchdog: when it began (0 = none) and what it is. */
    private static final class Busy {
        volatile long since;
        volatile Read read;
        final Thread thread;

        Busy(Thread thread) {
            this.thread = thread;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private DebugSession session;
    private VisualStore store;
    private volatile double reached;
    private long slowNanos;
    private final Map<String, Long> waits = new ConcurrentHashMap<>();
    /** CPU time of every read, and wall and CPU time of the slow ones: wall far above CPU means waiting (for a core, a lock, I/O). */
    private final AtomicLong readerCpu = new AtomicLong();
    private final AtomicLong slowWall = new AtomicLong();
    private final AtomicLong slowCpu = new AtomicLong();

    @Override
    public void run(List<String> options) throws Exception {
        int seconds = Integer.parseInt(option(options, "seconds", "20"));
        slowNanos = Long.parseLong(option(options, "slow", "50")) * 1_000_000L;
        List<Integer> readerCounts = Arrays.stream(option(options, "readers", "1,8").split(",")).map(Integer::parseInt).toList();
        BenchTable reads = new BenchTable("reads (in process)", "readers", "recording", "requests", "p50 ms", "p99 ms", "max ms",
                "over 250 ms");
        BenchTable recording = new BenchTable("recording at full speed", "readers", "events/s recorded", "vs no readers");
        double alone = 0;
        for (int n : prepend(0, readerCounts)) {
            double rate = record(n, seconds, reads);
            if (n == 0) {
                alone = rate;
            }
            recording.row("bursty-mm1-long, " + n + " reader(s)", n, String.format(Locale.ROOT, "%,.0f", rate),
                    String.format(Locale.ROOT, "%.2f", rate / alone));
        }
        recording.print();
        System.out.println();
        reads.print();
        System.out.println();
        printWaits();
    }

    private static List<Integer> prepend(int first, List<Integer> rest) {
        List<Integer> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** A fresh session records for {@code seconds} with {@code readers} reading; the recording rate. */
    private double record(int readers, int seconds, BenchTable table) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-contention");
        ExecutorService drains = Executors.newCachedThreadPool(named("drain"));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, named("drain"));
        ExecutorService scan = VisualStore.scanHelper(named("scan"));
        store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("history.db"))), scan);
        session = new DebugSession(store, Executors.defaultThreadFactory(), drains,
                new DebugSession.Config(BurstyMm1Scenario.LONG_ID, 200_000, new SimulationBridge.Config(5_000, 10_000, Level.INFO), 60_000,
                        false), new ScenarioCatalog(null));
        try {
            session.start();
            scheduler.scheduleWithFixedDelay(session::drain, 500, 500, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(() -> reached = session.state().timeS(), 0, 250, TimeUnit.MILLISECONDS);
            session.play(0, false);
            Thread.sleep(2000);   // some history to read
            long before = session.state().eventsProcessed();
            Map<String, Long> cpuBefore = cpuByGroup();
            readerCpu.set(0);
            slowWall.set(0);
            slowCpu.set(0);
            long start = System.nanoTime();
            if (readers > 0) {
                readFor(readers, seconds, table);
            } else {
                Thread.sleep(seconds * 1000L);
            }
            long after = session.state().eventsProcessed();
            double wall = (System.nanoTime() - start) / 1e9;
            double rate = (after - before) / wall;
            Map<String, Long> cpuAfter = cpuByGroup();
            StringBuilder shares = new StringBuilder();
            for (String group : cpuAfter.keySet()) {
                shares.append(String.format(Locale.ROOT, "  %s %.2f", group, (cpuAfter.get(group) - cpuBefore.getOrDefault(group, 0L)) / 1e9 / wall));
            }
            System.out.printf(Locale.ROOT, "  %d reader(s), cores used by:%s  readers %.2f%n", readers, shares, readerCpu.get() / 1e9 / wall);
            if (slowWall.get() > 0) {
                System.out.printf(Locale.ROOT, "  reads over the slow threshold: %.0f ms in all, %.0f ms of it on a CPU (%.0f%%)%n",
                        slowWall.get() / 1e6, slowCpu.get() / 1e6, 100.0 * slowCpu.get() / slowWall.get());
            }
            session.pause();
            System.out.printf(Locale.ROOT, "  %d reader(s): %,.0f events/s recorded%n", readers, rate);
            return rate;
        } finally {
            scheduler.shutdownNow();
            session.close();
            store.close();
            scan.shutdownNow();
            drains.shutdownNow();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }

    /** CPU time by thread group: the simulation thread, the drain, the readers, the search helper, the rest of the JVM. */
    private static Map<String, Long> cpuByGroup() {
        Map<String, Long> groups = new java.util.TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            String name = info.getThreadName();
            String group = name.equals("happysim-simulation") ? "simulation" : name.startsWith("drain-") ? "drain"
                    : name.startsWith("contention-reader") ? "readers" : name.startsWith("scan-") ? "scan" : "other";
            groups.merge(group, Math.max(0, cpu), Long::sum);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            groups.put("whole JVM (GC too)", os.getProcessCpuTime());
        }
        return groups;
    }

    private void readFor(int readers, int seconds, BenchTable table) throws Exception {
        Map<Read, List<Double>> latencies = new EnumMap<>(Read.class);
        for (Read read : Read.values()) {
            latencies.put(read, Collections.synchronizedList(new ArrayList<>()));
        }
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Busy> busy = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int seed = r;
            Busy[] mine = new Busy[1];
            Thread reader = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                int i = seed;
                while (System.nanoTime() < until) {
                    Read read = Read.values()[i++ % Read.values().length];
                    long t0 = System.nanoTime();
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    mine[0].read = read;
                    mine[0].since = t0;
                    read(read, random);
                    mine[0].since = 0;
                    double ms = (System.nanoTime() - t0) / 1e6;
                    latencies.get(read).add(ms);
                    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
                    readerCpu.addAndGet(cpu);
                    if (ms * 1e6 > slowNanos) {
                        slowWall.addAndGet((long) (ms * 1e6));
                        slowCpu.addAndGet(cpu);
                    }
                }
            }, "contention-reader-" + r);
            mine[0] = new Busy(reader);
            busy.add(mine[0]);
            threads.add(reader);
        }
        Thread watchdog = new Thread(() -> watch(busy), "contention-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        watchdog.interrupt();
        for (Map.Entry<Read, List<Double>> kind : latencies.entrySet()) {
            double[] ms = kind.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            if (ms.length > 0) {
                table.row(kind.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '), readers, "yes", ms.length,
                        String.format(Locale.ROOT, "%.1f", BenchTable.median(ms)),
                        String.format(Locale.ROOT, "%.1f", BenchTable.percentile(ms, 0.99)),
                        String.format(Locale.ROOT, "%.1f", Arrays.stream(ms).max().orElse(0)), Arrays.stream(ms).filter(x -> x > 250).count());
            }
        }
    }

    private void read(Read read, SplittableRandom random) {
        double t = random.nextDouble() * Math.max(1, reached);
        switch (read) {
            case NEWEST_PAGE -> store.events(EventQuery.create().limit(100));
            case FILTERED_PAGE -> store.events(EventQuery.create().limit(100).eventType("Response").excludeInternal(true));
            case AROUND_TIME -> store.eventsAround(EventQuery.create().limit(50).aroundTime(t));
            case TOTAL -> store.countEvents(EventQuery.create().eventType("Request").timeMin(t / 2));
            case SEARCH -> store.events(EventQuery.create().limit(100).search("request_id\":" + (1 + random.nextInt(10_000)) + ","));
            case CHART -> session.probeData("Probe_Server_depth", null, null, new SeriesRange(null, null, 1000));
        }
    }

    /** Every 5 ms: the stack of each read slower than the threshold, counted by where it is (5 ms per sample). */
    private void watch(List<Busy> busy) {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            for (Busy b : busy) {
                long since = b.since;
                if (since != 0 && now - since > slowNanos) {
                    ThreadInfo info = THREADS.getThreadInfo(b.thread.getId(), 64);
                    if (info != null) {
                        String state = info.getThreadState() == Thread.State.RUNNABLE ? "" : info.getThreadState()
                                + (info.getLockName() == null ? "" : " on " + info.getLockName().replaceAll(".*\\.", "").replaceAll("@.*", "")
                                + (info.getLockOwnerName() == null ? "" : " held by " + info.getLockOwnerName())) + " ";
                        waits.merge(b.read.name().toLowerCase(Locale.ROOT) + " @ " + state + where(info.getStackTrace()), 5L, Long::sum);
                    }
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The top frame and the innermost happysim frame: enough to tell SQLite from a lock from our own code. */
    private static String where(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "?";
        }
        String top = stack[0].getClassName().replaceAll(".*\\.", "") + "." + stack[0].getMethodName();
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("io.happysim")) {
                String ours = e.getClassName().replaceAll(".*\\.", "") + "." + e.getMethodName() + ":" + e.getLineNumber();
                return top.equals(ours) ? ours : top + " <- " + ours;
            }
        }
        return top;
    }

    private void printWaits() {
        Map<String, Long> sorted = new HashMap<>(waits);
        System.out.println("where slow reads spent their time (ms sampled, top 25):");
        sorted.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %7d  %s%n", e.getValue(), e.getKey()));
    }

    private static String option(List<String> options, String name, String fallback) {
        return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst().orElse(fallback);
    }
}
