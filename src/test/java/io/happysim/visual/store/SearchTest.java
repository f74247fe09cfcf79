package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.store.internal.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;

/**
 * Text search over shaped contexts (shape + digit runs, deduplicated per block, verbatim when not shapeable) against
 * brute force: keys, values, terms spanning keys and values, digits at every nibble alignment, upper case, non-ASCII,
 * repeated contexts, a full shape dictionary, and the same after reopening the file.
 */
class SearchTest {
    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @TempDir
    Path dir;

    static final String[] TYPES = {"Request", "Response", "QUEUE_DELIVER", "Timeout"};
    static final String[] ENTITIES = {"Source", "Server", "Sink", "Stäge"};

    /** Contexts like the simulator's (each request's context shared by several events) and odd ones. */
    static List<RecordedEvent> history(int n, long seed) {
        Random r = new Random(seed);
        List<RecordedEvent> out = new ArrayList<>(n);
        long t = 0;
        String shared = null;
        int sharedLeft = 0;
        for (int i = 1; i <= n; i++) {
            t += r.nextInt(3) == 0 ? 0 : r.nextInt(2_000_000);
            String type = TYPES[r.nextInt(TYPES.length)];
            boolean internal = type.startsWith("QUEUE");
            String ctx;
            int kind = r.nextInt(20);
            if (sharedLeft > 0 && kind < 12) {
                ctx = new String(shared.toCharArray());   // equal, not the same object
                sharedLeft--;
            } else {
                ctx = switch (kind) {
                    case 0, 1, 2, 3, 4, 5, 6, 7 -> "{\"created_at\":" + (t / 1e9) + ",\"request_id\":" + i / 4 + ",\"metadata\":{},\"id\":\"" + (i * 7 % 1000) + "\"}";
                    case 8 -> "{\"Trace\":\"ABC-" + r.nextInt(100) + "\",\"RequestID\":" + r.nextInt(100_000) + "}";
                    case 9 -> "{\"note\":\"naïve café " + r.nextInt(100) + "\",\"Σ\":\"ΑΣ1Β\",\"request_id\":" + i + "}";
                    case 10 -> "{\"blob\":\"" + "x1".repeat(1100) + r.nextInt(10) + "\"}";
                    case 11 -> "{\"v\":-1.5E-" + r.nextInt(12) + ",\"w\":1e10,\"k1\":\"v2\",\"a10b\":" + r.nextInt(1000) + "}";
                    case 12 -> Integer.toString(r.nextInt(1_000_000));
                    case 13 -> r.nextBoolean() ? "" : "0";
                    case 14 -> "007 and 0.50 end 9";
                    case 15 -> "{\"metadata\":{\"key\":\"client-" + r.nextInt(50) + "\",\"hops\":[1,22,333]}}";
                    default -> null;
                };
                if (ctx != null && kind < 8) {
                    shared = ctx;
                    sharedLeft = r.nextInt(6);
                }
            }
            if (internal && r.nextBoolean()) {
                ctx = null;
            }
            out.add(new RecordedEvent(i, t, type, ENTITIES[r.nextInt(ENTITIES.length)], r.nextInt(4) == 0 ? null : ENTITIES[r.nextInt(ENTITIES.length)],
                    internal, ctx));
        }
        return out;
    }

    static List<String> queries(List<RecordedEvent> all, long seed) {
        Set<String> q = new LinkedHashSet<>(List.of("metadata", "METADATA", "request_id", "\"request_id\":4", ",\"request", "\"metadata\":{}}",
                "\"id\":\"", "created_at\":0.", "}", "{", "\"", ":", "e", "x1x1", "naïve", "NAÏVE", "Σ", "σ", "ς", "αΣ1β", "1β", "café 1",
                "abc-", "requestid", "trace", "e-", "-1.5e-1", "1e10", "k1", "v2\",\"a10b\":", "a10b", "10b", "client-1", "[1,22,333]",
                "22,3", "007", "0.5", "50 end 9", " 9", "0", "00", "7", "12", "123", "1234", "12345", "999999", "request", "sink", "stäge",
                "queue_", "zzz", "", "4\",", "\"}", ".0,\"r", "1,\"metadata\":{},\"id\":\"7"));
        Random r = new Random(seed);
        for (int k = 0; k < 150; k++) {
            RecordedEvent e = all.get(r.nextInt(all.size()));
            String c = e.contextJson();
            if (c == null || c.isEmpty()) {
                continue;
            }
            int a = r.nextInt(c.length());
            int b = Math.min(c.length(), a + 1 + r.nextInt(12));
            String s = c.substring(a, b);
            q.add(r.nextBoolean() ? s : s.toUpperCase(Locale.ROOT));
        }
        for (int k = 0; k < 60; k++) {
            int len = 1 + r.nextInt(7);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            q.add(sb.toString());
        }
        return new ArrayList<>(q);
    }

    static List<Long> walk(VisualStore store, EventQuery q, Direction d, int limit, long expectTotal, String what) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 100_000; guard++) {
            Page<RecordedEvent> p = store.events(q.cursor(cursor).direction(d).limit(limit));
            assertEquals(expectTotal, p.total(), what);
            p.items().forEach(e -> ids.add(e.eventId()));
            if (p.nextCursor() == null) {
                return ids;
            }
            cursor = p.nextCursor();
        }
        throw new AssertionError("did not end");
    }

    static void check(VisualStore store, List<RecordedEvent> all, List<String> queries, boolean pages) {
        for (String s : queries) {
            List<Reference.EventFilter> fs = List.of(
                    new Reference.EventFilter(Set.of(), null, s, false, null, null),
                    new Reference.EventFilter(Set.of("Request", "Timeout"), null, s, false, null, null),
                    new Reference.EventFilter(Set.of(), "Sink", s, true, 0.5, 3.0));
            for (Reference.EventFilter f : fs) {
                List<RecordedEvent> expected = all.stream().filter(f::matches).collect(Collectors.toList());
                assertEquals(expected.size(), store.countEvents(f.query()).total(), "count " + f);
                if (pages) {
                    List<Long> ids = expected.stream().map(RecordedEvent::eventId).collect(Collectors.toList());
                    assertEquals(ids, walk(store, f.query(), Direction.NEWER, 400, expected.size(), f.toString()), "newer " + f);
                    Page<RecordedEvent> p = store.events(f.query().direction(Direction.NEWER).limit(7));
                    assertEquals(expected.subList(0, Math.min(7, expected.size())), p.items(), "records " + f);
                }
            }
        }
    }

    @Test
    void searchesMatchBruteForceAndSurviveReopen() {
        Path file = dir.resolve("s.db");
        DataSource ds = TestDataSources.pooled(TestDataSources.sqlite(file));
        VisualStore store = new VisualStore(ds, scan, StoreLimits.defaults().withBlockRows(64, 50));
        List<RecordedEvent> all = history(5000, 21);
        append(store, all, 22);
        List<String> qs = queries(all, 23);
        check(store, all, qs, true);
        // every stored context comes back exactly
        assertEquals(all, store.lastEvents(5000));
        // a reopened store reads the same file the same way
        VisualStore again = new VisualStore(ds, scan);
        check(again, all, qs.subList(0, 60), false);
        assertEquals(all, again.lastEvents(5000));
        // and continues appending to the reopened tail block
        List<RecordedEvent> more = history(5300, 21).subList(5000, 5300);
        Batch b = new Batch();
        b.addEvents(more);
        again.append(b);
        List<RecordedEvent> both = new ArrayList<>(all);
        both.addAll(more);
        check(again, both, qs.subList(0, 60), false);
        assertEquals(both, again.lastEvents(6000));
    }

    @Test
    void aFullShapeDictionaryStoresContextsVerbatim() {
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("full.db"))), scan,
                StoreLimits.defaults().withBlockRows(64, 50).withMaxShapes(5));
        List<RecordedEvent> all = history(3000, 31);
        append(store, all, 32);
        check(store, all, queries(all, 33), false);
        assertEquals(all, store.lastEvents(3000));
    }

    @Test
    void aDatabaseOfAnOlderSchemaIsRecreated() throws Exception {
        Path file = dir.resolve("old.db");
        DataSource ds = TestDataSources.pooled(TestDataSources.sqlite(file));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.executeUpdate("INSERT INTO store_meta VALUES ('schema_version', '1'), ('generation', '4')");
            s.executeUpdate("CREATE TABLE event_kinds (id INTEGER PRIMARY KEY, type_id INTEGER NOT NULL, target_id INTEGER NOT NULL, "
                    + "source_id INTEGER, internal INTEGER NOT NULL)");
            s.executeUpdate("CREATE VIEW event_kinds_v AS SELECT id FROM event_kinds");
        }
        VisualStore store = new VisualStore(ds, scan);
        assertEquals(0, store.lastEventId());
        Batch b = new Batch();
        b.addEvents(history(100, 1));
        store.append(b);
        assertEquals(100, store.countEvents(EventQuery.create()).total());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM store_meta WHERE key = 'schema_version'")) {
            assertTrue(rs.next());
            assertEquals(Integer.toString(Schema.VERSION), rs.getString(1));
        }
    }

    @Test
    void searchesWhileAppendingSeeWholeBatches() throws Exception {
        VisualStore store = new VisualStore(TestDataSources.pooled(TestDataSources.sqlite(dir.resolve("conc.db"))), scan, StoreLimits.defaults().withBlockRows(64, 50));
        int batch = 500;
        int batches = 16;
        List<RecordedEvent> all = history(batch * batches, 41);
        String[] qs = {"4", "12", "request_id", "\"request_id\":1", "7\"", "naïve", "0.5"};
        long[][] expected = new long[qs.length][batches + 1];     // matches among the first k batches
        for (int q = 0; q < qs.length; q++) {
            Reference.EventFilter f = new Reference.EventFilter(Set.of(), null, qs[q], false, null, null);
            for (int k = 1; k <= batches; k++) {
                expected[q][k] = all.subList(0, k * batch).stream().filter(f::matches).count();
            }
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int seed = t;
            Thread reader = new Thread(() -> {
                Random r = new Random(seed);
                try {
                    while (!done.get()) {
                        int q = r.nextInt(qs.length);
                        EventCount c = store.countEvents(EventQuery.create().search(qs[q]));
                        if (c.stored() % batch != 0) {
                            throw new AssertionError("partial batch visible: " + c.stored());
                        }
                        assertEquals(expected[q][(int) (c.stored() / batch)], c.total(), qs[q] + " at " + c.stored());
                        checks.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            readers.add(reader);
            reader.start();
        }
        for (int k = 0; k < batches; k++) {
            Batch b = new Batch();
            b.addEvents(all.subList(k * batch, (k + 1) * batch));
            store.append(b);
            Thread.sleep(3);
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(checks.get() > 0);
        for (int q = 0; q < qs.length; q++) {
            assertEquals(expected[q][batches], store.countEvents(EventQuery.create().search(qs[q])).total(), qs[q]);
        }
    }

    static void append(VisualStore store, List<RecordedEvent> all, long seed) {
        Random r = new Random(seed);
        int i = 0;
        while (i < all.size()) {
            int n = 1 + r.nextInt(400);
            Batch b = new Batch();
            b.addEvents(all.subList(i, Math.min(all.size(), i + n)));
            store.append(b);
            i = Math.min(all.size(), i + n);
        }
    }
}
