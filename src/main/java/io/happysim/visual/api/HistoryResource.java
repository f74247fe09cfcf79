package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.session.DebugSession;
import io.happysim.visual.session.Drainer;
import io.happysim.visual.store.AroundPage;
import io.happysim.visual.store.Direction;
import io.happysim.visual.store.EventCount;
import io.happysim.visual.store.EventQuery;
import io.happysim.visual.store.LogLevel;
import io.happysim.visual.store.LogQuery;
import io.happysim.visual.store.Page;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.StoreStats;
import io.happysim.visual.store.VisualStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole stored history, paged by keyset cursors and filtered in the store: events, log lines and
 * the store's own status. Reads go to SQLite and never wait for the simulation.
 */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {
    /** The legacy {@code last_n} answers at most this many events. */
    static final int MAX_LAST_N = 5000;
    static final int MAX_EVENT_TYPES = 100;
    /** {@code field=name=value} filters per query at the most. */
    static final int MAX_FIELDS = 20;

    @Inject
    DebuggerSession debugger;

    /** The history of a run ({@code run} absent: the current run's); an unknown run is a 404. */
    private VisualStore history(String run) {
        Long id = Params.run(run);
        return id == null ? debugger.store() : debugger.session().runs().store(id);
    }

    /**
     * A page of events; with only {@code last_n}, the original's plain array of the newest events. {@code total=false}
     * answers the page without its exact total ({@code "total": null}): a first-time search then reads only the
     * blocks its rows are in, and the count comes from {@code /api/events/count}.
     */
    @GET
    @Path("events")
    public Object events(@QueryParam("last_n") String lastN, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                         @QueryParam("direction") String direction, @QueryParam("time_min") String timeMin,
                         @QueryParam("time_max") String timeMax, @QueryParam("event_type") List<String> eventTypes,
                         @QueryParam("entity") String entity, @QueryParam("search") String search,
                         @QueryParam("exclude_internal") String excludeInternal, @QueryParam("around_time") String aroundTime,
                         @QueryParam("field") List<String> fields, @QueryParam("total") String total,
                         @QueryParam("run") String run) {
        VisualStore history = history(run);
        boolean paged = cursor != null || limit != null || direction != null || timeMin != null || timeMax != null
                || !eventTypes.isEmpty() || entity != null || search != null || excludeInternal != null || aroundTime != null
                || !fields.isEmpty() || total != null;
        if (lastN != null && !paged) {
            return history.lastEvents(Params.integer("last_n", lastN, 100, 0, MAX_LAST_N));
        }
        EventQuery query = query(eventTypes, timeMin, timeMax, entity, search, excludeInternal, fields)
                .cursor(Params.text("cursor", cursor))
                .limit(Params.integer("limit", limit, 100, 1, VisualStore.MAX_PAGE_ROWS))
                .direction(direction(direction))
                .total(Params.bool("total", total, true));
        Double around = Params.seconds("around_time", aroundTime);
        if (around != null && cursor == null) {
            return aroundPage(history.eventsAround(query.aroundTime(around)));
        }
        return page("events", history.events(query));
    }

    /**
     * "Jump to time": the rows just before the time and those at or after it, in ascending order, with a
     * cursor each way ({@code prev_cursor} pages {@code older}, {@code next_cursor} pages {@code newer}).
     */
    private static Map<String, Object> aroundPage(AroundPage around) {
        List<RecordedEvent> rows = new ArrayList<>(around.before().items());
        Collections.reverse(rows);
        rows.addAll(around.after().items());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", rows);
        answer.put("next_cursor", around.after().nextCursor());
        answer.put("prev_cursor", around.before().nextCursor());
        answer.put("total", total(around.after()));
        answer.put("anchor_event_id", around.after().items().isEmpty() ? null : around.after().items().get(0).eventId());
        return answer;
    }

    @GET
    @Path("events/count")
    public Map<String, Object> count(@QueryParam("time_min") String timeMin, @QueryParam("time_max") String timeMax,
                                     @QueryParam("event_type") List<String> eventTypes, @QueryParam("entity") String entity,
                                     @QueryParam("search") String search, @QueryParam("exclude_internal") String excludeInternal,
                                     @QueryParam("field") List<String> fields, @QueryParam("run") String run) {
        VisualStore history = history(run);
        EventCount count = history.countEvents(query(eventTypes, timeMin, timeMax, entity, search, excludeInternal, fields));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", count.total());
        answer.put("time_min", count.timeMinS());
        answer.put("time_max", count.timeMaxS());
        answer.put("last_id", count.lastId());
        answer.put("stored", count.stored());
        answer.put("pending", history.writable() ? debugger.session().pendingEvents() : 0);
        return answer;
    }

    /** The distinct event types stored, for the event log's type filter. */
    @GET
    @Path("events/types")
    public List<String> eventTypes(@QueryParam("run") String run) {
        return history(run).eventTypes();
    }

    /** The entity names stored (targets and sources), for the event log's entity filter. */
    @GET
    @Path("entities")
    public List<String> entities(@QueryParam("run") String run) {
        return history(run).entityNames();
    }

    @GET
    @Path("logs")
    public Map<String, Object> logs(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                                    @QueryParam("direction") String direction, @QueryParam("min_level") String minLevel,
                                    @QueryParam("logger") String logger, @QueryParam("search") String search,
                                    @QueryParam("time_min") String timeMin, @QueryParam("time_max") String timeMax,
                                    @QueryParam("run") String run) {
        VisualStore history = history(run);
        LogQuery query = logQuery(minLevel, logger, search, timeMin, timeMax)
                .cursor(Params.text("cursor", cursor))
                .limit(Params.integer("limit", limit, 100, 1, VisualStore.MAX_PAGE_ROWS))
                .direction(direction(direction));
        return page("logs", history.logs(query));
    }

    @GET
    @Path("store")
    public Map<String, Object> storeStatus() {
        StoreStats stats = debugger.store().stats();
        DebugSession session = debugger.session();
        Drainer.Status drain = session.drainStatus();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("db_path", debugger.databasePath());
        answer.put("db_bytes", stats.dbBytes());
        answer.put("events", stats.events());
        answer.put("logs", stats.logs());
        answer.put("samples", stats.samples());
        answer.put("series", stats.series());
        answer.put("pending", session.pendingRows());
        answer.put("last_drain_ms", drain.lastDrainMs());
        answer.put("last_drain_at", drain.lastDrainEpochMs() == 0 ? null : java.time.Instant.ofEpochMilli(drain.lastDrainEpochMs()).toString());
        answer.put("drains", drain.drains());
        answer.put("failed_drains", drain.failures());
        answer.put("last_error", drain.lastError());
        answer.put("in_memory_samples", session.inMemorySamples());
        Runtime jvm = Runtime.getRuntime();
        answer.put("jvm_heap_used_bytes", jvm.totalMemory() - jvm.freeMemory());
        answer.put("jvm_heap_max_bytes", jvm.maxMemory());
        answer.put("temporary", debugger.temporaryDatabase());
        answer.put("previous_run", session.previousRuns() > 0);
        answer.put("previous_runs", session.previousRuns());
        answer.put("run", session.runs().currentId());
        answer.put("free_bytes", debugger.runs().freeBytes());
        return answer;
    }

    /** The filters of {@code /api/logs} (not the position). */
    static LogQuery logQuery(String minLevel, String logger, String search, String timeMin, String timeMax) {
        Double min = Params.seconds("time_min", timeMin);
        Double max = Params.seconds("time_max", timeMax);
        Params.range("time_min", min, "time_max", max);
        return LogQuery.create()
                .minLevel(minLevel == null || minLevel.isBlank() ? null : LogLevel.parse(Params.text("min_level", minLevel), "min_level"))
                .logger(Params.text("logger", logger))
                .search(Params.text("search", search))
                .timeMin(min)
                .timeMax(max);
    }

    /** The filters of {@code /api/events} (not the position). */
    static EventQuery query(List<String> eventTypes, String timeMin, String timeMax, String entity, String search,
                            String excludeInternal, List<String> fields) {
        if (eventTypes.size() > MAX_EVENT_TYPES) {
            throw ApiException.badRequest("event_type is repeated more than " + MAX_EVENT_TYPES + " times");
        }
        if (fields.size() > MAX_FIELDS) {
            throw ApiException.badRequest("field is repeated more than " + MAX_FIELDS + " times");
        }
        eventTypes.forEach(t -> Params.text("event_type", t));
        fields.forEach(f -> Params.text("field", f));
        Double min = Params.seconds("time_min", timeMin);
        Double max = Params.seconds("time_max", timeMax);
        Params.range("time_min", min, "time_max", max);
        return EventQuery.create()
                .eventTypes(eventTypes)
                .timeMin(min)
                .timeMax(max)
                .entity(Params.text("entity", entity))
                .search(Params.text("search", search))
                .excludeInternal(Params.bool("exclude_internal", excludeInternal, false))
                .fields(fields);
    }

    private static Direction direction(String raw) {
        return raw == null || raw.isBlank() ? Direction.OLDER : Direction.parse(Params.text("direction", raw));
    }

    private static Map<String, Object> page(String items, Page<?> page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(items, page.items());
        answer.put("next_cursor", page.nextCursor());
        answer.put("total", total(page));
        return answer;
    }

    /** A page's total, null for a page asked for without it ({@code total=false}). */
    private static Long total(Page<?> page) {
        return page.total() == Page.NOT_COUNTED ? null : page.total();
    }
}
