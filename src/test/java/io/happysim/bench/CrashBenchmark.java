package io.happysim.bench;

import io.happysim.visual.session.CrashSafetyTest;
import io.happysim.visual.store.StoreStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The crash test at scale (issue 15): a recording of {@code bursty-mm1-long} in another JVM is killed
 * with SIGKILL once it reports {@code events=N} stored (default 10 million), then the file is
 * reopened and checked as {@link CrashSafetyTest} does; prints what was promised, what is on disk,
 * what was lost and how long the checks took.
 */
public final class CrashBenchmark implements BenchMain.Suite {
    @Override
    public void run(List<String> options) throws Exception {
        long events = Long.parseLong(options.stream().filter(o -> o.startsWith("events=")).map(o -> o.substring(7)).findFirst()
                .orElse("10000000"));
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-crash");
        try {
            Path file = dir.resolve("history.db");
            long start = System.nanoTime();
            CrashSafetyTest.Promised promised = CrashSafetyTest.recordAndKill(file, events);
            double recording = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            StoreStats stats = CrashSafetyTest.checkReopened(file, promised);
            double checking = (System.nanoTime() - start) / 1e9;
            BenchTable table = new BenchTable("killed with SIGKILL", "reported stored", "recorded by then", "on disk after reopening",
                    "lost (≤ pending buffer)", "file MB", "recording s", "reopen + checks s");
            table.row("bursty-mm1-long at full speed", fmt(promised.events()), fmt(promised.recorded()), fmt(stats.events()),
                    fmt(promised.recorded() - stats.events()), fmt(Files.size(file) >> 20), String.format(Locale.ROOT, "%.1f", recording),
                    String.format(Locale.ROOT, "%.1f", checking));
            table.print();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
