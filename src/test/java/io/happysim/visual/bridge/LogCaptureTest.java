package io.happysim.visual.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    /** Stands in for the server's log handler, where Liberty writes to disk. */
    static final class ServerLog extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theSimulationThreadsLinesReachTheServerLogOnlyThroughTheDrainer() throws Exception {
        Logger global = Logger.getLogger("");
        ServerLog serverLog = new ServerLog();
        global.addHandler(serverLog);
        List<LogCapture.Line> captured = new ArrayList<>();
        Logger engine = Logger.getLogger("io.happysim.core.Simulation");
        Thread simulation = new Thread(() -> engine.info("Simulation starting"));
        LogCapture capture = LogCapture.install(Level.INFO, captured::add, simulation);
        try {
            simulation.start();
            simulation.join();
            assertEquals(1, captured.size(), "captured for the debugger at once");
            assertEquals("core.Simulation", captured.get(0).loggerName());
            assertEquals("INFO", captured.get(0).level());
            assertTrue(serverLog.lines.isEmpty(), "no disk I/O on the simulation thread");

            engine.warning("from a web thread");
            assertEquals(List.of("from a web thread"), serverLog.lines, "other threads pass lines on at once");

            capture.forwardQueued();
            assertEquals(List.of("from a web thread", "Simulation starting"), serverLog.lines);
            engine.fine("below the threshold");
            assertEquals(2, captured.size());
        } finally {
            capture.close();
            global.removeHandler(serverLog);
        }
        assertTrue(Logger.getLogger(LogCapture.ROOT).getUseParentHandlers(), "close restores the logger");
    }
}
