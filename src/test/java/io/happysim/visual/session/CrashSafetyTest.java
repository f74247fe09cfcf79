package io.happysim.visual.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.store.Direction;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.LogQuery;
import io.happysim.visual.store.StoreStats;
import io.happysim.visual.store.TestDataSources;
import io.happysim.visual.store.VisualStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a recording in another JVM is killed with SIGKILL mid-run; the file it leaves is
 * sound (integrity_check ok), everything it reported stored is there, ids are gap-free, and what is
 * missing is at most what was still pending. The benchmark suite runs the same with a bigger run
 * ({@code -Dbench="crash events=…"}).
 */
public class CrashSafetyTest {
    /** The child's pending buffer (as the server's): rows recorded and not yet drained are at most this many. */
    public static final long PENDING_CAPACITY = 200_000;

    @TempDir
    Path dir;

    /** What the killed recording had promised before it died. */
    public record Promised(long events, long logs, long samples, long recorded, long pendingCapacity) {
    }

    /** Starts a recording child on {@code file}, kills it once it reports {@code killAfter} stored events; what it promised. */
    public static Promised recordAndKill(Path file, long killAfter) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), RecordingChild.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Promised last = new Promised(0, 0, 0, 0, PENDING_CAPACITY);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] w = line.split(" ");
                if (w[0].equals("stored")) {
                    last = new Promised(Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[5]),
                            PENDING_CAPACITY);
                    if (last.events() >= killAfter) {
                        break;
                    }
                } else if (w[0].equals("complete")) {
                    throw new IllegalStateException("the run ended before the kill");
                }
            }
        } finally {
            child.destroyForcibly();   // SIGKILL on Linux: no shutdown hook, no final drain
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return last;
    }

    /** Reopens the file the way the server does and checks it; the stored counts. */
    public static StoreStats checkReopened(Path file, Promised promised) throws Exception {
        try (Connection c = TestDataSources.sqlite(file).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            assertEquals("ok", r.getString(1), "the file is sound after the kill");
        }
        ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(file)), scan);
        try {
            StoreStats stats = store.stats();
            assertTrue(stats.events() >= promised.events(), "every event reported stored is there: " + stats.events() + " >= " + promised.events());
            assertTrue(stats.logs() >= promised.logs(), "and every log line");
            assertTrue(stats.samples() >= promised.samples(), "and every sample");
            long lost = promised.recorded() - stats.events();
            assertTrue(lost <= promised.pendingCapacity(),
                    "of what the simulation had recorded by the last report, at most a pending buffer's worth is missing: " + lost);
            // ids gap-free: the first is 1, the last is the count
            assertEquals(stats.events(), store.countEvents(EventQuery.create()).total());
            assertEquals(1, store.events(EventQuery.create().direction(Direction.NEWER).limit(1)).items().get(0).eventId());
            assertEquals(stats.events(), store.lastEventId());
            assertEquals(stats.logs(), store.lastLogId());
            List<Long> logIds = new ArrayList<>();
            store.logs(LogQuery.create().direction(Direction.NEWER).limit(1000)).items().forEach(l -> logIds.add(l.logId()));
            for (int i = 0; i < logIds.size(); i++) {
                assertEquals(i + 1, logIds.get(i), "log ids are gap-free");
            }
            return stats;
        } finally {
            store.close();
            scan.shutdownNow();
        }
    }

    @Test
    void aRecordingKilledMidRunLeavesASoundFileWithEverythingItReportedStored() throws Exception {
        Path file = dir.resolve("history.db");
        Promised promised = recordAndKill(file, 300_000);
        assertTrue(promised.events() >= 300_000, "the child got going: " + promised);
        StoreStats stats = checkReopened(file, promised);
        System.out.printf("killed after %,d events reported stored (%,d recorded by then); %,d on disk after reopening%n",
                promised.events(), promised.recorded(), stats.events());
    }
}
