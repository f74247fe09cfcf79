package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Event and log history against a brute-force filter of the same rows, with small blocks so that everything spans many. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventHistoryTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());
    private VisualStore store;
    private List<RecordedEvent> all;
    private List<RecordedLog> allLogs;

    @BeforeAll
    void fill(@TempDir Path dir) {
        store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("h.db"))), scan, StoreLimits.defaults().withBlockRows(64, 50));
        all = Reference.events(3000, 7);
        allLogs = Reference.logs(2000, 9);
        Random r = new Random(3);
        int i = 0;
        int j = 0;
        while (i < all.size() || j < allLogs.size()) {
            int n = 1 + r.nextInt(300);
            int m = 1 + r.nextInt(200);
            Batch b = new Batch();
            b.addEvents(all.subList(i, Math.min(all.size(), i + n)));
            b.addLogs(allLogs.subList(j, Math.min(allLogs.size(), j + m)));
            store.append(b);
            i = Math.min(all.size(), i + n);
            j = Math.min(allLogs.size(), j + m);
        }
    }

    static List<Reference.EventFilter> filters() {
        Random r = new Random(11);
        List<Reference.EventFilter> out = new ArrayList<>();
        out.add(new Reference.EventFilter(Set.of(), null, null, false, null, null));
        out.add(new Reference.EventFilter(Set.of("Timeout"), null, null, false, null, null));
        out.add(new Reference.EventFilter(Set.of("Request", "Retry"), "Server", null, true, 0.5, 2.0));
        out.add(new Reference.EventFilter(Set.of(), "Nöde-Ü", null, false, null, null));
        out.add(new Reference.EventFilter(Set.of(), "nobody", null, false, null, null));
        out.add(new Reference.EventFilter(Set.of("NoSuchType"), null, null, false, null, null));
        String[] searches = {"abc", "NAÏVE", "request", "42", "7", "1234", "server", "ü", "\"id\":\"1", "}", "zzz", "E_P", "café 1"};
        for (String s : searches) {
            out.add(new Reference.EventFilter(Set.of(), null, s, false, null, null));
        }
        for (int k = 0; k < 40; k++) {
            Set<String> types = new LinkedHashSet<>();
            int nt = r.nextInt(3);
            for (int x = 0; x < nt; x++) {
                types.add(Reference.TYPES[r.nextInt(Reference.TYPES.length)]);
            }
            String entity = r.nextInt(3) == 0 ? Reference.ENTITIES[r.nextInt(Reference.ENTITIES.length)] : null;
            String search = r.nextInt(3) == 0 ? searches[r.nextInt(searches.length)] : null;
            Double tMin = r.nextBoolean() ? r.nextDouble() * 3 : null;
            Double tMax = r.nextBoolean() ? (tMin == null ? 0 : tMin) + r.nextDouble() * 2 : null;
            out.add(new Reference.EventFilter(types, entity, search, r.nextBoolean(), tMin, tMax));
        }
        return out;
    }

    private List<Long> walk(EventQuery q, Direction d, int limit, long expectTotal) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 10_000; guard++) {
            Page<RecordedEvent> p = store.events(q.cursor(cursor).direction(d).limit(limit));
            assertEquals(expectTotal, p.total());
            assertTrue(p.items().size() <= limit);
            p.items().forEach(e -> ids.add(e.eventId()));
            if (p.nextCursor() == null) {
                return ids;
            }
            assertEquals(limit, p.items().size(), "a page before the end is full");
            cursor = p.nextCursor();
        }
        throw new AssertionError("did not end");
    }

    @Test
    void everyFilterPagesBothWaysLikeBruteForce() {
        for (Reference.EventFilter f : filters()) {
            List<RecordedEvent> expected = all.stream().filter(f::matches).collect(Collectors.toList());
            List<Long> ids = expected.stream().map(RecordedEvent::eventId).collect(Collectors.toList());
            int limit = 1 + Math.abs(f.hashCode() % 97);
            List<Long> newer = walk(f.query(), Direction.NEWER, Math.max(limit, 37), expected.size());
            assertEquals(ids, newer, "newer " + f);
            List<Long> older = walk(f.query(), Direction.OLDER, Math.max(limit, 41), expected.size());
            List<Long> rev = new ArrayList<>(ids);
            Collections.reverse(rev);
            assertEquals(rev, older, "older " + f);
            // first page contents are the full records
            Page<RecordedEvent> p = store.events(f.query().direction(Direction.NEWER).limit(5));
            assertEquals(expected.subList(0, Math.min(5, expected.size())), p.items(), "records " + f);
            EventCount c = store.countEvents(f.query());
            assertEquals(expected.size(), c.total());
            assertEquals(all.size(), c.stored());
            if (expected.isEmpty()) {
                assertNull(c.timeMinS());
            } else {
                assertEquals(expected.get(0).timeNs() / 1e9, c.timeMinS());
                assertEquals(expected.get(expected.size() - 1).timeNs() / 1e9, c.timeMaxS());
            }
        }
    }

    @Test
    void aroundTimeStartsAtTheFirstMatchAtOrAfterIt() {
        Random r = new Random(5);
        List<Reference.EventFilter> fs = filters();
        for (int k = 0; k < 60; k++) {
            Reference.EventFilter f = fs.get(r.nextInt(fs.size()));
            double t = r.nextDouble() * 4.7 - 0.2;
            List<RecordedEvent> match = all.stream().filter(f::matches).collect(Collectors.toList());
            long anchor = all.stream().filter(e -> e.timeNs() / 1e9 >= t).mapToLong(RecordedEvent::eventId).findFirst().orElse(-1);
            List<Long> after = match.stream().filter(e -> anchor > 0 && e.eventId() >= anchor).map(RecordedEvent::eventId).limit(20).collect(Collectors.toList());
            List<Long> before = match.stream().filter(e -> anchor < 0 || e.eventId() < anchor).map(RecordedEvent::eventId).collect(Collectors.toList());
            Collections.reverse(before);
            before = before.subList(0, Math.min(20, before.size()));

            Page<RecordedEvent> newer = store.events(f.query().aroundTime(t).direction(Direction.NEWER).limit(20));
            assertEquals(after, ids(newer), "newer around " + t + " " + f);
            assertEquals(match.size(), newer.total());

            List<Long> olderExpected;
            Long firstAfter = after.isEmpty() ? null : after.get(0);
            olderExpected = match.stream().filter(e -> firstAfter == null || e.eventId() <= firstAfter).map(RecordedEvent::eventId).collect(Collectors.toList());
            Collections.reverse(olderExpected);
            Page<RecordedEvent> older = store.events(f.query().aroundTime(t).direction(Direction.OLDER).limit(20));
            assertEquals(olderExpected.subList(0, Math.min(20, olderExpected.size())), ids(older), "older around " + t);

            AroundPage both = store.eventsAround(f.query().aroundTime(t).limit(20));
            assertEquals(after, ids(both.after()));
            assertEquals(before, ids(both.before()));
            assertEquals(anchor < 0 ? null : anchor, both.anchorEventId());
            if (both.before().nextCursor() != null) {
                Page<RecordedEvent> more = store.events(f.query().cursor(both.before().nextCursor()).direction(Direction.OLDER).limit(5));
                assertTrue(more.items().get(0).eventId() < before.get(before.size() - 1));
            }
        }
    }

    static List<Long> ids(Page<RecordedEvent> p) {
        return p.items().stream().map(RecordedEvent::eventId).collect(Collectors.toList());
    }

    @Test
    void lastEventsAndPickers() {
        List<RecordedEvent> last = store.lastEvents(100);
        assertEquals(all.subList(all.size() - 100, all.size()), last);
        assertEquals(all, store.lastEvents(100_000));
        assertEquals(List.of(), store.lastEvents(0));
        assertEquals(all.stream().map(RecordedEvent::eventType).distinct().sorted().collect(Collectors.toList()), store.eventTypes());
        Set<String> ents = new java.util.TreeSet<>();
        all.forEach(e -> {
            ents.add(e.targetName());
            if (e.sourceName() != null) {
                ents.add(e.sourceName());
            }
        });
        assertEquals(List.copyOf(ents), store.entityNames());
        assertEquals(3000, store.lastEventId());
    }

    @Test
    void badParametersAreNamed() {
        assertEquals("cursor", assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().cursor("%%%"))).parameter());
        assertEquals("cursor", assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().cursor("bm9wZQ"))).parameter());
        String logCursor = store.logs(LogQuery.create().limit(1)).nextCursor();
        assertEquals("cursor", assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().cursor(logCursor))).parameter());
        assertEquals("limit", assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().limit(0))).parameter());
        assertEquals("limit", assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().limit(1001))).parameter());
        BadQueryException e = assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().timeMin(3.0).timeMax(1.0)));
        assertEquals("time_min", e.parameter());
        assertEquals("time_min must be <= time_max", e.getMessage());
        assertEquals("time_max", assertThrows(BadQueryException.class, () -> store.events(EventQuery.create().timeMax(Double.NaN))).parameter());
        assertEquals("direction", assertThrows(BadQueryException.class, () -> Direction.parse("sideways")).parameter());
        assertEquals("min_level", assertThrows(BadQueryException.class, () -> LogLevel.parse("LOUD", "min_level")).parameter());
        assertEquals("last_n", assertThrows(BadQueryException.class, () -> store.lastEvents(-1)).parameter());
        assertEquals("around_time", assertThrows(BadQueryException.class, () -> store.eventsAround(EventQuery.create())).parameter());
    }

    @Test
    void cursorsAreOpaqueAndContinueExactly() {
        Page<RecordedEvent> p = store.events(EventQuery.create().limit(10));
        assertNotNull(p.nextCursor());
        assertEquals(3000, p.items().get(0).eventId());
        Page<RecordedEvent> q = store.events(EventQuery.create().limit(10).cursor(p.nextCursor()));
        assertEquals(2990, q.items().get(0).eventId());
        // the same cursor walking the other way continues after it
        Page<RecordedEvent> back = store.events(EventQuery.create().limit(3).cursor(q.nextCursor()).direction(Direction.NEWER));
        assertEquals(2982, back.items().get(0).eventId());
        assertTrue(!p.nextCursor().contains("2991"), "opaque");
    }

    static List<Reference.LogFilter> logFilters() {
        Random r = new Random(13);
        List<Reference.LogFilter> out = new ArrayList<>();
        out.add(new Reference.LogFilter(null, null, null, null, null));
        out.add(new Reference.LogFilter(LogLevel.CRITICAL, null, null, null, null));
        out.add(new Reference.LogFilter(null, "core", null, null, null));
        out.add(new Reference.LogFilter(null, "core.simulation", null, null, null));
        out.add(new Reference.LogFilter(null, "cor", null, null, null));
        out.add(new Reference.LogFilter(null, null, "WÄRNING", null, null));
        out.add(new Reference.LogFilter(null, null, "heap", null, null));
        out.add(new Reference.LogFilter(null, null, "t00", 0.1, 0.9));
        out.add(new Reference.LogFilter(null, null, null, null, 0.0));
        String[] searches = {"popped", "#12", "Response", "arrival", "z", "paused", "wär"};
        for (int k = 0; k < 30; k++) {
            LogLevel lv = r.nextBoolean() ? LogLevel.values()[r.nextInt(5)] : null;
            String lg = r.nextInt(3) == 0 ? Reference.LOGGERS[r.nextInt(Reference.LOGGERS.length)] : null;
            String s = r.nextInt(3) == 0 ? searches[r.nextInt(searches.length)] : null;
            Double tMin = r.nextBoolean() ? r.nextDouble() * 2 : null;
            Double tMax = r.nextBoolean() ? (tMin == null ? 0 : tMin) + r.nextDouble() : null;
            out.add(new Reference.LogFilter(lv, lg, s, tMin, tMax));
        }
        return out;
    }

    @Test
    void logsPageBothWaysLikeBruteForce() {
        for (Reference.LogFilter f : logFilters()) {
            List<RecordedLog> expected = allLogs.stream().filter(f::matches).collect(Collectors.toList());
            for (Direction d : Direction.values()) {
                List<RecordedLog> got = new ArrayList<>();
                String cursor = null;
                do {
                    Page<RecordedLog> p = store.logs(f.query().cursor(cursor).direction(d).limit(53));
                    assertEquals(expected.size(), p.total(), f.toString());
                    got.addAll(p.items());
                    cursor = p.nextCursor();
                } while (cursor != null);
                List<RecordedLog> exp = new ArrayList<>(expected);
                if (d == Direction.OLDER) {
                    Collections.reverse(exp);
                }
                assertEquals(exp, got, d + " " + f);
            }
        }
        assertEquals("limit", assertThrows(BadQueryException.class, () -> store.logs(LogQuery.create().limit(5000))).parameter());
        assertEquals("cursor", assertThrows(BadQueryException.class, () -> store.logs(LogQuery.create().cursor("ZTox"))).parameter());
    }
}
