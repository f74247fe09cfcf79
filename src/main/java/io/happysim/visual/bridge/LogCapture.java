package io.happysim.visual.bridge;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the project's log lines (every logger under {@value #ROOT}) for the debugger's simulation
 * log, in the original's shape: relative logger name, Python level names, UTC wall time.
 *
 * <p>It also takes over passing those lines on to the server's own log, because that log writes to
 * disk and the simulation thread must not: lines logged on the simulation thread wait in a bounded
 * queue until {@link #forwardQueued()} (called by the drainer) passes them on; lines from any other
 * thread are passed on at once.
 */
public final class LogCapture extends Handler {
    public static final String ROOT = "io.happysim";
    /** Lines of the simulation thread waiting for the server log; beyond this they are counted, not kept (the store has them all). */
    static final int MAX_QUEUED = 10_000;
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Formatter MESSAGE = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    /** One captured line, before the bridge numbers it. */
    public record Line(String wallTime, String level, String loggerName, String message) {
    }

    private final Logger root = Logger.getLogger(ROOT);
    private final Consumer<Line> sink;
    private final Thread simulationThread;
    private final Level previousLevel;
    private final boolean previousUseParentHandlers;
    private final Queue<LogRecord> forServerLog = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong notForwarded = new AtomicLong();

    private LogCapture(Level threshold, Consumer<Line> sink, Thread simulationThread) {
        this.sink = sink;
        this.simulationThread = simulationThread;
        setLevel(threshold);
        previousLevel = root.getLevel();
        previousUseParentHandlers = root.getUseParentHandlers();
        if (previousLevel == null || previousLevel.intValue() > threshold.intValue()) {
            root.setLevel(threshold);
        }
    }

    /**
     * Starts capturing lines at {@code threshold} and above; {@link #close()} stops it and restores the logger.
     * @param simulationThread the thread whose lines reach the server log only through {@link #forwardQueued()}
     */
    public static LogCapture install(Level threshold, Consumer<Line> sink, Thread simulationThread) {
        LogCapture capture = new LogCapture(threshold, sink, simulationThread);
        capture.root.addHandler(capture);
        capture.root.setUseParentHandlers(false);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            String message = MESSAGE.format(record);
            if (record.getThrown() != null) {
                message = message + " (" + record.getThrown() + ")";
            }
            sink.accept(new Line(WALL_TIME.format(record.getInstant()), levelName(record.getLevel()),
                    relativeName(record.getLoggerName()), message));
        }
        if (Thread.currentThread() != simulationThread) {
            toServerLog(record);
        } else if (queued.incrementAndGet() <= MAX_QUEUED) {
            forServerLog.add(record);
        } else {
            queued.decrementAndGet();
            notForwarded.incrementAndGet();
        }
    }

    /** Passes the simulation thread's waiting lines on to the server log. Never on the simulation thread. */
    public void forwardQueued() {
        for (LogRecord record = forServerLog.poll(); record != null; record = forServerLog.poll()) {
            queued.decrementAndGet();
            toServerLog(record);
        }
        long skipped = notForwarded.getAndSet(0);
        if (skipped > 0) {
            LogRecord note = new LogRecord(Level.INFO, skipped + " log lines of the simulation were not copied to the server log"
                    + " (they are in the debugger's history)");
            note.setLoggerName(LogCapture.class.getName());
            toServerLog(note);
        }
    }

    /** What the logger's parents would have done with the record. */
    private void toServerLog(LogRecord record) {
        for (Logger parent = root.getParent(); parent != null; parent = parent.getParent()) {
            for (Handler handler : parent.getHandlers()) {
                handler.publish(record);
            }
            if (!parent.getUseParentHandlers()) {
                break;
            }
        }
    }

    /** Java levels in the original's (Python's) names, which the frontend filters by. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    /** The debugger's levels as Java levels, for the capture threshold. */
    public static Level javaLevel(String name) {
        return switch (name.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "DEBUG" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARNING" -> Level.WARNING;
            case "ERROR", "CRITICAL" -> Level.SEVERE;
            default -> throw new IllegalArgumentException("unknown log level '" + name + "' (DEBUG, INFO, WARNING, ERROR)");
        };
    }

    static String relativeName(String loggerName) {
        if (loggerName == null) {
            return "";
        }
        return loggerName.startsWith(ROOT + ".") ? loggerName.substring(ROOT.length() + 1) : loggerName;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setUseParentHandlers(previousUseParentHandlers);
        root.setLevel(previousLevel);
        forwardQueued();
    }
}
