package io.happysim.visual.store;

import io.happysim.visual.store.internal.search.LogCriteria;

/**
 * Filters and position of an {@code /api/logs} query, AND-combined. {@code logger} matches the logger itself
 * and its descendants: "core" matches "core" and "core.simulation" but not "corex". Times are inclusive;
 * a log line without a simulation time matches no time filter.
 */
public final class LogQuery {
    String cursor;
    int limit = 100;
    Direction direction = Direction.OLDER;
    LogLevel minLevel;
    String logger;
    String search;
    Double timeMin;
    Double timeMax;

    public static LogQuery create() {
        return new LogQuery();
    }

    public LogQuery cursor(String cursor) {
        this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
        return this;
    }

    public LogQuery limit(int limit) {
        this.limit = limit;
        return this;
    }

    public LogQuery direction(Direction direction) {
        this.direction = direction == null ? Direction.OLDER : direction;
        return this;
    }

    public LogQuery minLevel(LogLevel level) {
        this.minLevel = level;
        return this;
    }

    public LogQuery logger(String logger) {
        this.logger = logger == null || logger.isEmpty() ? null : logger;
        return this;
    }

    /** Case-insensitive substring over the message and the logger name. */
    public LogQuery search(String search) {
        this.search = search == null || search.isEmpty() ? null : search;
        return this;
    }

    public LogQuery timeMin(Double seconds) {
        this.timeMin = seconds;
        return this;
    }

    public LogQuery timeMax(Double seconds) {
        this.timeMax = seconds;
        return this;
    }

    /** Refuses what the store cannot answer (limit, time range): a {@link BadQueryException} naming the parameter. */
    public void validate() {
        if (limit < 1 || limit > VisualStore.MAX_PAGE_ROWS) {
            throw new BadQueryException("limit", "limit must be between 1 and " + VisualStore.MAX_PAGE_ROWS + " (got " + limit + ")");
        }
        EventQuery.checkTime("time_min", timeMin);
        EventQuery.checkTime("time_max", timeMax);
        if (timeMin != null && timeMax != null && timeMin > timeMax) {
            throw new BadQueryException("time_min", "time_min must be <= time_max");
        }
    }

    /** The filters (not the position) for the store's internals, with a key identifying them for caching counts. */
    LogCriteria criteria() {
        String filterKey = "lv=" + minLevel + "|lg=" + logger + "|s=" + search + "|min=" + timeMin + "|max=" + timeMax;
        return new LogCriteria(minLevel, logger, timeMin, timeMax, search, filterKey);
    }
}
