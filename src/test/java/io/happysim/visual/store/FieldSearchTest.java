package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured search ({@code field=value}, the exact value of a context field) against brute force: the reference
 * parses every context whole ({@link Reference.Json}), the store decides per shape and reads digit runs. Values with
 * and without digits, strings and numbers, nested fields, keys that share a shape ({@code a1}, {@code a2}), escapes
 * (with and without digits), verbatim contexts (non-ASCII, long), non-JSON contexts; alone, several together, with a
 * text search and with every other filter; counted and paged both ways, and again after reopening the file.
 */
class FieldSearchTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @TempDir
    Path dir;

    /** The text-search history plus contexts that put the field search's special cases side by side. */
    static List<RecordedEvent> history(int n, long seed) {
        List<RecordedEvent> base = SearchTest.history(n, seed);
        Random r = new Random(seed + 1);
        List<RecordedEvent> out = new ArrayList<>(n);
        for (RecordedEvent e : base) {
            String ctx = e.contextJson();
            int pick = r.nextInt(14);
            ctx = switch (pick) {
                case 0 -> "{\"s\":\"line\\nbreak " + r.nextInt(5) + "\",\"t\":\"quote\\\"d\",\"n\":null,\"b\":" + r.nextBoolean() + "}";
                case 1 -> "{\"a1\":" + r.nextInt(4) + ",\"a2\":" + r.nextInt(4) + ",\"m\":{\"k3\":\"v" + r.nextInt(4) + "\",\"deep\":{\"x\":" + r.nextInt(3) + "}}}";
                case 2 -> "{\"request_id\":\"" + r.nextInt(50) + "\",\"attempt\":" + (1 + r.nextInt(3)) + "}";
                case 3 -> "{\"request_id\":" + r.nextInt(50) + ",\"attempt\":" + (1 + r.nextInt(3)) + ",\"id\":" + r.nextInt(20) + "}";
                case 4 -> "{\"u\":\"\\u0031" + r.nextInt(3) + "\",\"status\":\"ok\"}";
                case 5 -> "{\"status\":\"" + (r.nextBoolean() ? "ok" : "failed") + "\",\"code\":" + (r.nextBoolean() ? 200 : 503) + "}";
                case 6 -> "{ \"spaced\" : " + r.nextInt(3) + " , \"request_id\" : " + r.nextInt(50) + " }";
                case 7 -> "{\"request_id\":" + r.nextInt(50) + "} trailing";
                default -> ctx;
            };
            out.add(new RecordedEvent(e.eventId(), e.timeNs(), e.eventType(), e.targetName(), e.sourceName(), e.internal(), ctx));
        }
        return out;
    }

    static List<String> fieldQueries(List<RecordedEvent> all, long seed) {
        Set<String> q = new LinkedHashSet<>(List.of("request_id=7", "request_id=42", "request_id=0", "request_id=007", "request_id=", "request_id=abc",
                "id=7", "id=70", "id=\"7\"", "attempt=2", "metadata={}", "metadata.key=client-3", "metadata.hops=[1,22,333]", "metadata.nope=1",
                "RequestID=5", "Trace=ABC-5", "trace=ABC-5", "v=-1.5E-3", "w=1e10", "k1=v2", "a10b=5", "a1=2", "a2=3", "m.k3=v1", "m.deep.x=2",
                "m.deep={\"x\":2}", "s=line\nbreak 3", "s=line\\nbreak 3", "t=quote\"d", "n=null", "b=true", "b=false", "u=12", "u=\\u00312",
                "status=ok", "status=failed", "code=503", "spaced=1", "note=naïve café 12", "Σ=ΑΣ1Β", "blob=x", "nothing=1", "created_at=0.5"));
        Random r = new Random(seed);
        for (int k = 0; k < 12; k++) {
            RecordedEvent e = all.get(r.nextInt(all.size()));
            String c = e.contextJson();
            if (c == null) {
                continue;
            }
            for (String key : List.of("request_id", "id", "created_at", "RequestID", "a10b", "note", "blob")) {
                String v = rawValue(c, key);
                if (v != null) {
                    q.add(key + "=" + v);
                }
            }
        }
        return new ArrayList<>(q);
    }

    /** The text after {@code "key":} up to the next comma or brace, quotes dropped: a value as a user copies it. */
    private static String rawValue(String c, String key) {
        int at = c.indexOf("\"" + key + "\":");
        if (at < 0) {
            return null;
        }
        int from = at + key.length() + 3;
        int to = from;
        while (to < c.length() && c.charAt(to) != ',' && c.charAt(to) != '}') {
            to++;
        }
        String v = c.substring(from, to);
        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
    }

    private static void check(VisualStore store, List<RecordedEvent> all, List<String> fields, boolean pages) {
        int nonEmpty = 0;
        for (String f : fields) {
            List<Reference.EventFilter> fs = List.of(
                    new Reference.EventFilter(Set.of(), null, null, false, null, null, List.of(f)),
                    new Reference.EventFilter(Set.of("Request", "Timeout"), null, null, false, null, null, List.of(f)),
                    new Reference.EventFilter(Set.of(), "Sink", null, true, 0.5, 3.0, List.of(f)),
                    new Reference.EventFilter(Set.of(), null, "7", false, null, null, List.of(f)),
                    new Reference.EventFilter(Set.of(), null, "sink", false, null, null, List.of(f)),
                    new Reference.EventFilter(Set.of(), null, null, false, null, null, List.of(f, "attempt=2")),
                    new Reference.EventFilter(Set.of(), null, "request", false, null, null, List.of(f, "status=ok")));
            for (Reference.EventFilter rf : fs) {
                List<RecordedEvent> expected = all.stream().filter(rf::matches).collect(Collectors.toList());
                nonEmpty += expected.isEmpty() ? 0 : 1;
                assertEquals(expected.size(), store.countEvents(rf.query()).total(), "count " + rf);
                if (pages) {
                    List<Long> ids = expected.stream().map(RecordedEvent::eventId).collect(Collectors.toList());
                    assertEquals(ids, SearchTest.walk(store, rf.query(), Direction.NEWER, 300, expected.size(), rf.toString()), "newer " + rf);
                    List<Long> older = new ArrayList<>(ids);
                    java.util.Collections.reverse(older);
                    assertEquals(older, SearchTest.walk(store, rf.query(), Direction.OLDER, 170, expected.size(), rf.toString()), "older " + rf);
                    Page<RecordedEvent> p = store.events(rf.query().direction(Direction.NEWER).limit(7));
                    assertEquals(expected.subList(0, Math.min(7, expected.size())), p.items(), "records " + rf);
                }
            }
        }
        assertTrue(nonEmpty > fields.size(), "most queries find something (" + nonEmpty + " non-empty answers)");
    }

    @Test
    void fieldSearchesMatchBruteForceAndSurviveReopen() {
        DataSource ds = TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("f.db")));
        VisualStore store = new VisualStore(ds, scan, StoreLimits.defaults().withBlockRows(64, 50));
        List<RecordedEvent> all = history(4000, 51);
        SearchTest.append(store, all, 52);
        List<String> fields = fieldQueries(all, 53);
        check(store, all, fields, true);
        VisualStore again = new VisualStore(ds, scan);
        check(again, all, fields.subList(0, 20), false);
    }

    @Test
    void aFullShapeDictionaryIsSearchedByReadingTheContexts() {
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("full.db"))), scan,
                StoreLimits.defaults().withBlockRows(64, 50).withMaxShapes(6));
        List<RecordedEvent> all = history(3000, 61);
        SearchTest.append(store, all, 62);
        check(store, all, fieldQueries(all, 63), false);
    }

    @Test
    void aRequestsEventsAreFoundExactlyAndNotItsNeighbours() {
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("r.db"))), scan,
                StoreLimits.defaults().withBlockRows(64, 50));
        List<RecordedEvent> all = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            int request = (i - 1) / 5;      // five events per request, as an M/M/1 request has
            all.add(new RecordedEvent(i, i * 1_000_000L, i % 5 == 0 ? "Response" : "Request", "Server", "Source", false,
                    "{\"created_at\":" + request / 10.0 + ",\"request_id\":" + request + ",\"metadata\":{},\"id\":\"" + (request * 7) + "\"}"));
        }
        SearchTest.append(store, all, 3);
        Page<RecordedEvent> p = store.events(EventQuery.create().field("request_id=42").direction(Direction.NEWER));
        assertEquals(List.of(211L, 212L, 213L, 214L, 215L), p.items().stream().map(RecordedEvent::eventId).toList());
        assertEquals(5, p.total());
        assertEquals(5, store.countEvents(EventQuery.create().field("id=294")).total(), "a string value, typed without quotes");
        assertEquals(0, store.countEvents(EventQuery.create().field("request_id=4")).total() - 5, "4 is not 42, 420 …");
    }

    @Test
    void aMalformedFieldNamesTheParameter() {
        VisualStore store = new VisualStore(TestDataSources.sqlite(dir.resolve("m.db")), scan);
        for (String bad : List.of("request_id", "=42", ".a=1", "a..b=1")) {
            BadQueryException e = assertThrows(BadQueryException.class, () -> store.countEvents(EventQuery.create().field(bad)));
            assertEquals("field", e.parameter());
        }
    }
}
