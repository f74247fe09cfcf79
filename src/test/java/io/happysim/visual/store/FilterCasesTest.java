package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the event and log filters mean, from the table the frontend's live filters are checked against too
 * ({@code filter-cases.json}; Vitest runs it in {@code frontend/src/lib/filters.test.ts}): the store must answer each
 * case's filter with exactly the case's rows. Small blocks, so the rows span blocks and segments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterCasesTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    private JsonObject table;
    private VisualStore store;

    @BeforeAll
    void storeTheTablesRows(@TempDir Path dir) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/io/happysim/visual/filter-cases.json"); JsonReader reader = Json.createReader(in)) {
            table = reader.readObject();
        }
        store = new VisualStore(TestDataSources.sqlite(dir.resolve("cases.db")), scan, StoreLimits.defaults().withBlockRows(4, 4));
        Batch batch = new Batch();
        for (JsonObject e : table.getJsonArray("events").getValuesAs(JsonObject.class)) {
            batch.addEvent(new RecordedEvent(e.getJsonNumber("id").longValue(), e.getJsonNumber("time_ns").longValue(), e.getString("type"),
                    e.getString("target"), text(e, "source"), e.getBoolean("internal"), text(e, "context")));
        }
        for (JsonObject l : table.getJsonArray("logs").getValuesAs(JsonObject.class)) {
            Long time = l.isNull("time_ns") ? null : l.getJsonNumber("time_ns").longValue();
            batch.addLog(new RecordedLog(l.getJsonNumber("id").longValue(), time, l.getString("wall_time"), l.getString("level"),
                    l.getString("logger"), l.getString("message")));
        }
        store.append(batch);
    }

    private static String text(JsonObject o, String key) {
        return o.isNull(key) ? null : o.getString(key);
    }

    private static Double seconds(JsonObject filter, String key) {
        return filter.containsKey(key) ? filter.getJsonNumber(key).doubleValue() : null;
    }

    private static List<Long> expected(JsonObject c) {
        return c.getJsonArray("expect").getValuesAs(jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::longValue).toList();
    }

    @TestFactory
    Stream<DynamicTest> eventFilters() {
        return table.getJsonArray("eventCases").getValuesAs(JsonObject.class).stream().map(c -> DynamicTest.dynamicTest(c.getString("title"), () -> {
            JsonObject f = c.getJsonObject("filter");
            EventQuery q = EventQuery.create()
                    .eventTypes(f.containsKey("event_type") ? strings(f.getJsonArray("event_type")) : null)
                    .entity(f.getString("entity", null))
                    .search(f.getString("search", null))
                    .excludeInternal(f.getBoolean("exclude_internal", false))
                    .timeMin(seconds(f, "time_min"))
                    .timeMax(seconds(f, "time_max"))
                    .fields(f.containsKey("field") ? strings(f.getJsonArray("field")) : null);
            Page<RecordedEvent> page = store.events(q.direction(Direction.NEWER).limit(VisualStore.MAX_PAGE_ROWS));
            assertEquals(expected(c), page.items().stream().map(RecordedEvent::eventId).toList());
            assertEquals(expected(c).size(), store.countEvents(q).total());
        }));
    }

    @TestFactory
    Stream<DynamicTest> logFilters() {
        return table.getJsonArray("logCases").getValuesAs(JsonObject.class).stream().map(c -> DynamicTest.dynamicTest(c.getString("title"), () -> {
            JsonObject f = c.getJsonObject("filter");
            LogQuery q = LogQuery.create()
                    .minLevel(f.containsKey("min_level") ? LogLevel.parse(f.getString("min_level"), "min_level") : null)
                    .logger(f.getString("logger", null))
                    .search(f.getString("search", null))
                    .timeMin(seconds(f, "time_min"))
                    .timeMax(seconds(f, "time_max"))
                    .direction(Direction.NEWER)
                    .limit(VisualStore.MAX_PAGE_ROWS);
            assertEquals(expected(c), store.logs(q).items().stream().map(RecordedLog::logId).toList());
        }));
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : a) {
            out.add(((jakarta.json.JsonString) v).getString());
        }
        return out;
    }
}
