package io.happysim.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the records logged under {@code io.happysim} while open. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger root = Logger.getLogger("io.happysim");
    private final Level previousLevel;
    private final List<LogRecord> records = new ArrayList<>();

    public LogCapture(Level level) {
        previousLevel = root.getLevel();
        root.setLevel(level);
        setLevel(level);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    public synchronized List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
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
