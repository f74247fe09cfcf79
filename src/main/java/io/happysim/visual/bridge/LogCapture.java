package io.happysim.visual.bridge;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the project's log lines (every logger under {@value #ROOT}) for the debugger's simulation
 * log, in the original's shape: relative logger name, Python level names, UTC wall time.
 */
public final class LogCapture extends Handler {
    public static final String ROOT = "io.happysim";
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
    private final Level previousLevel;

    private LogCapture(Level threshold, Consumer<Line> sink) {
        this.sink = sink;
        setLevel(threshold);
        previousLevel = root.getLevel();
        if (previousLevel == null || previousLevel.intValue() > threshold.intValue()) {
            root.setLevel(threshold);
        }
    }

    /** Starts capturing lines at {@code threshold} and above; {@link #close()} stops it and restores the logger. */
    public static LogCapture install(Level threshold, Consumer<Line> sink) {
        LogCapture capture = new LogCapture(threshold, sink);
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = MESSAGE.format(record);
        if (record.getThrown() != null) {
            message = message + " (" + record.getThrown() + ")";
        }
        sink.accept(new Line(WALL_TIME.format(record.getInstant()), levelName(record.getLevel()),
                relativeName(record.getLoggerName()), message));
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
        root.setLevel(previousLevel);
    }
}
