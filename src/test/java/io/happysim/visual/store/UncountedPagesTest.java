package io.happysim.visual.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page asked for without its total has the same rows and cursors as the counted one — for searches rare and common,
 * of digits and of text, with filters, both directions, paged on by cursor and around a time — and a first-time
 * search's first page reads the texts of the blocks up to its last row only, where the counted page reads every block
 * that may match.
 */
class UncountedPagesTest {
    private static final StoreLimits SMALL = StoreLimits.defaults().withBlockRows(64, 50);
    private static final int EVENTS = 20_000;

    @AutoClose("shutdownNow")
    private final ExecutorService scan = VisualStore.scanHelper(Executors.defaultThreadFactory());

    @TempDir
    Path dir;

    /** Rows read from the event text table (the contexts a search reads). */
    private final AtomicLong textRows = new AtomicLong();

    private DataSource counting(DataSource target) {
        return TestDataSources.pooled(new TestDataSources.Base() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection real = target.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                    Object out = TestDataSources.invoke(real, m, args);
                    if (m.getName().equals("prepareStatement") && args[0] instanceof String sql && sql.contains("r1_event_text")) {
                        return countingStatement((PreparedStatement) out);
                    }
                    return out;
                });
            }
        });
    }

    private PreparedStatement countingStatement(PreparedStatement real) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (p, m, args) -> {
                    Object out = TestDataSources.invoke(real, m, args);
                    if (m.getName().equals("executeQuery")) {
                        ResultSet rs = (ResultSet) out;
                        return Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (q, n, a) -> {
                            Object r = TestDataSources.invoke(rs, n, a);
                            if (n.getName().equals("next") && Boolean.TRUE.equals(r)) {
                                textRows.incrementAndGet();
                            }
                            return r;
                        });
                    }
                    return out;
                });
    }

    private VisualStore open(Path file) {
        return new VisualStore(counting(TestDataSources.sqlite(file)), scan, SMALL);
    }

    private static List<EventQuery> queries() {
        List<EventQuery> qs = new ArrayList<>();
        for (String term : new String[] {"7", "12", "4711", "0.5", "request_id", "\"request_id\":123,", "naïve", "abc-", "zzz-none", "x1x1"}) {
            qs.add(EventQuery.create().search(term));
        }
        qs.add(EventQuery.create().search("1").eventType("Timeout"));
        qs.add(EventQuery.create().search("33").excludeInternal(true));
        qs.add(EventQuery.create().search("5").timeMin(3.0).timeMax(9.0));
        qs.add(EventQuery.create().field("request_id=42"));
        qs.add(EventQuery.create().field("request_id=1000").search("Sink"));
        qs.add(EventQuery.create().eventType("Timeout"));
        return qs;
    }

    @Test
    void pagesWithoutTheirTotalHaveTheSameRowsAndCursors() {
        Path file = dir.resolve("pages.db");
        VisualStore writer = open(file);
        SearchTest.append(writer, SearchTest.history(EVENTS, 71), 72);
        VisualStore counted = open(file);
        VisualStore uncounted = open(file);     // never counts: no cached counts help it
        int k = 0;
        for (EventQuery base : queries()) {
            for (Direction d : Direction.values()) {
                for (int limit : new int[] {3, 300}) {
                    String what = "query " + k + " " + d + " limit " + limit;
                    String ca = null;
                    String cb = null;
                    for (int page = 0; page < 3; page++) {
                        Page<RecordedEvent> a = counted.events(copy(base).direction(d).limit(limit).cursor(ca));
                        Page<RecordedEvent> b = uncounted.events(copy(base).direction(d).limit(limit).cursor(cb).total(false));
                        assertEquals(a.items(), b.items(), what + " page " + page);
                        assertEquals(a.nextCursor(), b.nextCursor(), what + " page " + page);
                        assertEquals(Page.NOT_COUNTED, b.total());
                        ca = a.nextCursor();
                        cb = b.nextCursor();
                        if (ca == null) {
                            break;
                        }
                    }
                }
            }
            for (double at : new double[] {0.0, 5.5, 11.0, 1e9}) {
                AroundPage a = counted.eventsAround(copy(base).aroundTime(at).limit(50));
                AroundPage b = uncounted.eventsAround(copy(base).aroundTime(at).limit(50).total(false));
                assertEquals(a.before().items(), b.before().items(), "around " + at + " query " + k);
                assertEquals(a.after().items(), b.after().items(), "around " + at + " query " + k);
                assertEquals(a.after().nextCursor(), b.after().nextCursor());
                assertEquals(a.before().nextCursor(), b.before().nextCursor());
            }
            k++;
        }
    }

    @Test
    void aFirstSearchsFirstPageReadsOnlyTheBlocksUpToItsLastRow() {
        Path file = dir.resolve("reads.db");
        VisualStore writer = open(file);
        SearchTest.append(writer, SearchTest.history(EVENTS, 81), 82);
        int blocks = (EVENTS + 63) / 64;

        textRows.set(0);
        Page<RecordedEvent> lazy = open(file).events(EventQuery.create().search("7").limit(100).total(false));
        long lazyRows = textRows.get();
        textRows.set(0);
        Page<RecordedEvent> full = open(file).events(EventQuery.create().search("7").limit(100));
        long fullRows = textRows.get();

        assertEquals(full.items(), lazy.items());
        assertTrue(full.total() > 5_000, "a common term: " + full.total());
        assertTrue(fullRows >= blocks * 9 / 10, "the counted page reads (nearly) every block's texts: " + fullRows + " of " + blocks);
        assertTrue(lazyRows <= 2 * 32, "the first page reads the first step's blocks (32) or two: " + lazyRows + " of " + blocks);
    }

    private static EventQuery copy(EventQuery q) {
        EventQuery c = EventQuery.create().eventTypes(q.eventTypes).entity(q.entity).search(q.search).excludeInternal(q.excludeInternal)
                .timeMin(q.timeMin).timeMax(q.timeMax);
        q.fields.forEach(f -> c.field(f.name() + "=" + f.value()));
        return c;
    }
}
