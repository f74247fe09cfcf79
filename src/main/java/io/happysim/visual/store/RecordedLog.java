package io.happysim.visual.store;

/**
 * One captured log line.
 *
 * @param logId      1-based, gap-free (assigned by the bridge)
 * @param timeNs     simulation time in nanoseconds when it was logged, or null (before the run / unknown)
 * @param wallTime   wall-clock time "HH:MM:SS.mmm" (UTC)
 * @param level      DEBUG, INFO, WARNING, ERROR or CRITICAL
 * @param loggerName the logger, without the package-root prefix
 * @param message    the formatted message
 */
public record RecordedLog(long logId, Long timeNs, String wallTime, String level, String loggerName, String message) {
    public RecordedLog {
        if (wallTime == null || level == null || loggerName == null || message == null) {
            throw new IllegalArgumentException("wallTime, level, loggerName and message are required (log " + logId + ")");
        }
        LogLevel.parse(level, "level");
    }

    /** Simulation time in seconds, or null. */
    public Double timeS() {
        return timeNs == null ? null : timeNs / 1e9;
    }
}
