package io.happysim.visual.store;

import io.happysim.visual.store.internal.search.EventCriteria;
import io.happysim.visual.store.internal.search.FieldCriterion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Filters and position of an {@code /api/events} query. All filters are AND-combined; {@code eventTypes} is an OR
 * over its members. Times are simulation seconds; both {@code timeMin} and {@code timeMax} are inclusive.
 * A {@code cursor} takes precedence over {@code aroundTime}.
 */
public final class EventQuery {
    String cursor;
    int limit = 100;
    Direction direction = Direction.OLDER;
    Double timeMin;
    Double timeMax;
    final Set<String> eventTypes = new LinkedHashSet<>();
    String entity;
    String search;
    boolean excludeInternal;
    Double aroundTime;
    boolean total = true;
    final List<FieldCriterion> fields = new ArrayList<>();

    public static EventQuery create() {
        return new EventQuery();
    }

    public EventQuery cursor(String cursor) {
        this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
        return this;
    }

    /** 1..{@value VisualStore#MAX_PAGE_ROWS}. */
    public EventQuery limit(int limit) {
        this.limit = limit;
        return this;
    }

    public EventQuery direction(Direction direction) {
        this.direction = direction == null ? Direction.OLDER : direction;
        return this;
    }

    /**
     * Whether a page carries its exact total (the default). Without it ({@code false}) the page's total is
     * {@link Page#NOT_COUNTED} and the page stops at its last row: a first-time search of a long history reads the
     * blocks its rows are in (on two threads, in growing steps) instead of every block that may match, so its first page
     * comes at once however rare or common the term; {@link VisualStore#countEvents} counts the total (and caches the
     * per-block counts for the pages after it). Ignored by {@code countEvents}.
     */
    public EventQuery total(boolean total) {
        this.total = total;
        return this;
    }

    public EventQuery timeMin(Double seconds) {
        this.timeMin = seconds;
        return this;
    }

    public EventQuery timeMax(Double seconds) {
        this.timeMax = seconds;
        return this;
    }

    /** Adds event types to match (OR). Null or empty strings are ignored. */
    public EventQuery eventTypes(Collection<String> types) {
        if (types != null) {
            types.stream().filter(t -> t != null && !t.isEmpty()).forEach(eventTypes::add);
        }
        return this;
    }

    public EventQuery eventType(String type) {
        if (type != null && !type.isEmpty()) {
            eventTypes.add(type);
        }
        return this;
    }

    /** Exact entity name, matching the target or the source. */
    public EventQuery entity(String entity) {
        this.entity = entity == null || entity.isEmpty() ? null : entity;
        return this;
    }

    /** Case-insensitive substring over type, target, source, the event id in decimal, and the context JSON. */
    public EventQuery search(String search) {
        this.search = search == null || search.isEmpty() ? null : search;
        return this;
    }

    /**
     * Adds a structured filter {@code name=value}: the context field {@code name} (dots name nested fields:
     * {@code metadata.tenant}) has exactly {@code value} — a string's content, any other value's text as recorded
     * ({@code request_id=42}; {@code id=7} matches {@code "id":"7"} and {@code "id":7}). Several are AND-combined, and
     * combine with every other filter and the text search. A spec without {@code =} or with an empty name is a
     * {@link BadQueryException} naming {@code field}.
     */
    public EventQuery field(String spec) {
        if (spec == null || spec.isEmpty()) {
            return this;
        }
        FieldCriterion f = FieldCriterion.parse(spec);
        if (f == null) {
            throw new BadQueryException("field", "field must be name=value, e.g. request_id=42 (got '" + shorten(spec) + "')");
        }
        fields.add(f);
        return this;
    }

    /** Adds several {@link #field(String)} filters. */
    public EventQuery fields(Collection<String> specs) {
        if (specs != null) {
            specs.forEach(this::field);
        }
        return this;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    public EventQuery excludeInternal(boolean excludeInternal) {
        this.excludeInternal = excludeInternal;
        return this;
    }

    /** Start at the first matching event at or after this time (seconds), going in the query's direction. */
    public EventQuery aroundTime(Double seconds) {
        this.aroundTime = seconds;
        return this;
    }

    /** Refuses what the store cannot answer (limit, time range): a {@link BadQueryException} naming the parameter. */
    public void validate() {
        if (limit < 1 || limit > VisualStore.MAX_PAGE_ROWS) {
            throw new BadQueryException("limit", "limit must be between 1 and " + VisualStore.MAX_PAGE_ROWS + " (got " + limit + ")");
        }
        checkTime("time_min", timeMin);
        checkTime("time_max", timeMax);
        checkTime("around_time", aroundTime);
        if (timeMin != null && timeMax != null && timeMin > timeMax) {
            throw new BadQueryException("time_min", "time_min must be <= time_max");
        }
    }

    static void checkTime(String name, Double v) {
        if (v != null && (v.isNaN() || v.isInfinite())) {
            throw new BadQueryException(name, name + " must be a finite number of seconds");
        }
    }

    /** The filters (not the position) for the store's internals, with a key identifying them for caching counts. */
    EventCriteria criteria() {
        String filterKey = "t=" + eventTypes + "|e=" + entity + "|s=" + search + "|x=" + excludeInternal + "|min=" + timeMin + "|max=" + timeMax
                + "|f=" + fields.stream().map(f -> f.name().length() + ":" + f).toList();
        return new EventCriteria(Set.copyOf(eventTypes), entity, excludeInternal, timeMin, timeMax, search, List.copyOf(fields), filterKey);
    }
}
