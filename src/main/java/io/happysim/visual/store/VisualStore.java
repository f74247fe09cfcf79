package io.happysim.visual.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The debugger's history database: every event, log line and sample of a run, in SQLite.
 *
 * <p>Plain JDBC over a {@link DataSource}, so the same class runs inside Liberty (container-managed pool) and in
 * unit tests (a bare {@code org.sqlite.SQLiteDataSource} on a temporary file). It borrows a connection per
 * operation and never leaves a transaction open.
 *
 * <h2>Design (the full note with the schema is the README's "History store" section)</h2>
 * <ul>
 *   <li><b>Events and logs are packed in blocks</b> of 4096 rows ({@code event_blocks}/{@code event_text}/{@code event_grams},
 *       same for {@code log_*}): ids are gap-free, so id → (block, offset) is arithmetic; categorical columns are
 *       dictionary-encoded twice over (names → ids, then the row's whole (type, target, source, internal) tuple
 *       → one <em>kind</em> id). An append writes one row per 4096 events instead of one per event: about 5× cheaper
 *       than plain batched row inserts.</li>
 *   <li><b>Per-block palettes</b> (how many rows of each kind) live in memory and in the database. Totals for
 *       type/entity/internal filters are sums over palettes plus exact decoding of the ≤ 2 blocks cut by a time range;
 *       pages skip blocks without a match; time ranges map to blocks by their [t_min, t_max].</li>
 *   <li><b>Contexts</b> are stored as their {@link Shapes shape} (the text with its digit runs replaced; part of the
 *       event's kind) plus packed digits, each distinct context once per block.</li>
 *   <li><b>Text search</b>: names through the dictionary; the id in decimal by arithmetic ({@link DigitMatcher});
 *       a term without digits through the context shapes (a set of kinds, counted from palettes); a term with digits
 *       by scanning the packed digits of the blocks whose n-gram bloom filter admits it (two threads); log messages by
 *       scanning those blocks' text; per-block match counts of sealed blocks cached per search.</li>
 *   <li><b>Series</b> in chunks of 512 samples with in-memory chunk summaries: M4 merges whole chunks inside a slice and
 *       decodes only chunks cut by slice boundaries. <b>Bucket transforms</b> over large ranges come from bucket series
 *       materialised once and then maintained at append, with edge buckets recomputed exactly from raw samples.</li>
 *   <li><b>Concurrency</b>: one writer (a lock; {@link #append}, {@link #clear}, materialisation) and lock-free readers:
 *       in-memory summaries are published as immutable snapshots after each commit; every read runs in one SQLite read
 *       transaction (WAL: never blocked by the writer) and reads only what its snapshot describes.</li>
 * </ul>
 */
public final class VisualStore implements AutoCloseable {
    static final int EVENT_BLOCK = 4096;
    static final int LOG_BLOCK = 4096;
    /** Bucket queries over at most this many samples are computed directly from raw samples. */
    static final int DIRECT_BUCKET_LIMIT = 65_536;
    static final int MAX_LAST_N = 100_000;

    private final DataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Names names = new Names();
    static final int SCHEMA_VERSION = 2;
    private static final System.Logger LOG = System.getLogger(VisualStore.class.getName());

    private final Kinds eventKinds = new Kinds("event_kinds", "type_id", "target_id", "source_id", "internal", "shape_id");
    private final Shapes shapes = new Shapes();
    private final Kinds logKinds = new Kinds("log_kinds", "level", "logger_id");
    private final Journal events;
    private final Journal logs;
    private final SeriesStore series = new SeriesStore();
    private final Set<SeriesStore.DerivedKey> wantedBuckets = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snap;
    private volatile boolean opened;
    private volatile boolean needsReload;
    private volatile boolean closed;
    private long generation;
    private volatile long appends;
    private volatile double lastAppendMs;

    public VisualStore(DataSource dataSource) {
        this(dataSource, EVENT_BLOCK, LOG_BLOCK);
    }

    /** With other block sizes for a new database (tests); an existing database keeps the sizes it was created with. */
    VisualStore(DataSource dataSource, int eventBlock, int logBlock) {
        this.dataSource = dataSource;
        this.events = new Journal("event", eventBlock, 1, new boolean[] {true}, shapes);
        this.logs = new Journal("log", logBlock, 2, new boolean[] {false, true});
        this.events.scanSource = dataSource;
        this.logs.scanSource = dataSource;
    }

    /** What readers see: everything as of one commit. */
    private record Snapshot(long generation, String[] names, int nameCount, Shapes.View shapes, Kinds.View eventKinds, Kinds.View logKinds,
                            Journal.View events, Journal.View logs, Map<String, SeriesStore.View> series,
                            Map<SeriesStore.DerivedKey, SeriesStore.DerivedView> buckets) {
        String name(int id) {
            return id <= 0 || id >= nameCount ? null : names[id];
        }
    }

    // =====================================================================================================
    // Health
    // =====================================================================================================

    /** The journal mode the database actually runs in ("wal" when configured right), read from SQLite itself. */
    public String journalMode() {
        return queryString("PRAGMA journal_mode").toLowerCase(Locale.ROOT);
    }

    /** The absolute path of the main database file, as SQLite reports it. */
    public String databasePath() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    return rs.getString("file");
                }
            }
            return "";
        } catch (SQLException e) {
            throw new StoreException("cannot read the database path", e);
        }
    }

    private String queryString(String sql) {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            throw new StoreException("query failed: " + sql, e);
        }
    }

    // =====================================================================================================
    // Opening, schema
    // =====================================================================================================

    static String schema() {
        return "CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
                + "CREATE TABLE IF NOT EXISTS event_kinds (id INTEGER PRIMARY KEY, type_id INTEGER NOT NULL, target_id INTEGER NOT NULL, "
                + "source_id INTEGER, internal INTEGER NOT NULL, shape_id INTEGER);\n"
                + "CREATE TABLE IF NOT EXISTS shapes (id INTEGER PRIMARY KEY, shape TEXT NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS log_kinds (id INTEGER PRIMARY KEY, level INTEGER NOT NULL, logger_id INTEGER NOT NULL);\n"
                + Journal.ddl("event") + Journal.ddl("log") + SeriesStore.ddl()
                + "CREATE VIEW IF NOT EXISTS event_kinds_v AS SELECT k.id AS kind, t.name AS event_type, g.name AS target_name, "
                + "s.name AS source_name, k.internal AS is_internal, CASE k.shape_id WHEN 1 THEN '(verbatim)' ELSE h.shape END AS context_shape "
                + "FROM event_kinds k JOIN names t ON t.id = k.type_id "
                + "JOIN names g ON g.id = k.target_id LEFT JOIN names s ON s.id = k.source_id LEFT JOIN shapes h ON h.id = k.shape_id;\n"
                + "CREATE VIEW IF NOT EXISTS log_kinds_v AS SELECT k.id AS kind, CASE k.level WHEN 0 THEN 'DEBUG' WHEN 1 THEN 'INFO' "
                + "WHEN 2 THEN 'WARNING' WHEN 3 THEN 'ERROR' ELSE 'CRITICAL' END AS level, l.name AS logger_name "
                + "FROM log_kinds k JOIN names l ON l.id = k.logger_id;\n"
                + "CREATE VIEW IF NOT EXISTS event_counts_v AS SELECT b.block_no, b.first_id, b.t_min / 1e9 AS time_min_s, "
                + "b.t_max / 1e9 AS time_max_s, json_extract(p.value, '$[0]') AS kind, json_extract(p.value, '$[1]') AS rows "
                + "FROM event_blocks b, json_each(b.palette) p;\n";
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the history store is closed", null);
        }
        if (opened && !needsReload) {
            return;
        }
        writeLock.lock();
        try {
            if (opened && !needsReload) {
                return;
            }
            preferLargePages();
            try (Db db = new Db(dataSource.getConnection(), true)) {
                dropOlderSchema(db);
                try (Statement s = db.c.createStatement()) {
                    for (String ddl : schema().split(";\n")) {
                        if (!ddl.isBlank()) {
                            s.executeUpdate(ddl);
                        }
                    }
                    s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                    s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('generation', '0')");
                    s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('event_block', '" + events.B + "')");
                    s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('log_block', '" + logs.B + "')");
                    s.executeUpdate("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('sample_chunk', '" + SeriesStore.C + "')");
                    try (ResultSet rs = s.executeQuery("SELECT key, value FROM store_meta WHERE key IN ('event_block', 'log_block', 'sample_chunk')")) {
                        while (rs.next()) {
                            int v = Integer.parseInt(rs.getString(2));
                            switch (rs.getString(1)) {
                                case "event_block" -> events.blockSize(v);
                                case "log_block" -> logs.blockSize(v);
                                default -> {
                                    if (v != SeriesStore.C) {
                                        throw new StoreException("the database uses sample chunks of " + v + ", this version " + SeriesStore.C, null);
                                    }
                                }
                            }
                        }
                    }
                }
                db.commit();
                loadAll(db);
                db.commit();
            }
            opened = true;
            needsReload = false;
        } catch (SQLException e) {
            throw new StoreException("cannot open the history store: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A database written by another version of the store (another {@code schema_version}) cannot be read: its tables
     * are dropped (the history in it is lost) and recreated empty, with a warning in the server log.
     */
    private void dropOlderSchema(Db db) throws SQLException {
        String version = null;
        try (Statement s = db.c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'")) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT value FROM store_meta WHERE key = 'schema_version'")) {
                version = rs.next() ? rs.getString(1) : null;
            }
            if (Integer.toString(SCHEMA_VERSION).equals(version)) {
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "The history database " + databasePathQuietly(db) + " was written by another version of happysim "
                    + "(history store schema " + version + ", this version reads schema " + SCHEMA_VERSION
                    + "): its stored history cannot be read and is discarded; the file is recreated empty.");
            List<String[]> objects = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            objects.sort((a, b) -> a[0].compareTo(b[0]) * -1);   // views first
            for (String[] o : objects) {
                s.executeUpdate("DROP " + o[0].toUpperCase(Locale.ROOT) + " IF EXISTS \"" + o[1].replace("\"", "\"\"") + "\"");
            }
        }
        db.commit();
    }

    private static String databasePathQuietly(Db db) {
        try (Statement s = db.c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    return rs.getString("file");
                }
            }
        } catch (SQLException ignored) {
            // only for the message
        }
        return "";
    }

    /**
     * A new, empty database gets 16 KiB pages (blobs of a 4096-row block then span 3× fewer overflow pages, which makes
     * block reads about 3× faster). The container's connections are in WAL mode, which fixes the page size, so this
     * leaves WAL, sets the size, VACUUMs the empty file and returns to WAL. Best effort: if another connection holds
     * the file, the database keeps its page size.
     */
    private void preferLargePages() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int tables;
            int pageSize;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                tables = rs.next() ? rs.getInt(1) : 1;
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                pageSize = rs.next() ? rs.getInt(1) : 0;
            }
            if (tables > 0 || pageSize >= 16384) {
                return;
            }
            try {
                s.execute("PRAGMA journal_mode=DELETE");
                s.execute("PRAGMA page_size=16384");
                s.execute("VACUUM");
            } catch (SQLException ignored) {
                // keep the page size we have
            } finally {
                s.execute("PRAGMA journal_mode=WAL");
            }
        } catch (SQLException ignored) {
            // the schema step below reports a database that cannot be used
        }
    }

    private void loadAll(Db db) throws SQLException {
        names.clear();
        shapes.clear();
        eventKinds.clear();
        logKinds.clear();
        try (Statement s = db.c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT value FROM store_meta WHERE key = 'generation'")) {
                generation = rs.next() ? Long.parseLong(rs.getString(1)) : 0;
            }
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM names ORDER BY id")) {
                while (rs.next()) {
                    names.load(rs.getInt(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, shape FROM shapes ORDER BY id")) {
                while (rs.next()) {
                    shapes.load(rs.getInt(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, type_id, target_id, coalesce(source_id, 0), internal, coalesce(shape_id, 0) FROM event_kinds ORDER BY id")) {
                while (rs.next()) {
                    eventKinds.load(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, level, logger_id FROM log_kinds ORDER BY id")) {
                while (rs.next()) {
                    logKinds.load(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
        }
        events.load(db);
        logs.load(db);
        series.load(db);
        publish();
    }

    private void publish() {
        snap = new Snapshot(generation, names.array(), names.committedCount(), shapes.view(), eventKinds.view(), logKinds.view(),
                events.view(), logs.view(), series.userViews(), series.derivedViews());
    }

    private Snapshot snapshot() {
        ensureOpen();
        return snap;
    }

    // =====================================================================================================
    // Writing
    // =====================================================================================================

    /**
     * Writes one batch in one transaction. Event ids must continue the stored ones (1-based, gap-free), same for log
     * ids, and every series' samples must not go back in time; a batch that breaks this is an
     * {@link IllegalArgumentException} and nothing is written. A database failure rolls everything back and throws
     * {@link StoreException}: nothing of the batch is stored and in-memory summaries are unchanged, so the caller
     * keeps the batch and retries it later.
     */
    public void append(Batch batch) {
        long t0 = System.nanoTime();
        writeLock.lock();
        try {
            ensureOpen();
            validate(batch);
            Db db = null;
            try {
                db = new Db(dataSource.getConnection(), true);
                Journal.Stage es = events.begin(db);
                for (RecordedEvent e : batch.events) {
                    int type = names.idFor(e.eventType());
                    int target = names.idFor(e.targetName());
                    int source = e.sourceName() == null ? 0 : names.idFor(e.sourceName());
                    int shape = shapes.idFor(e.contextJson());
                    int kind = eventKinds.idFor(type, target, source, e.internal() ? 1 : 0, shape);
                    es.add(e.timeNs(), kind, e.contextJson(), null, shape);
                }
                es.finish();
                Journal.Stage ls = logs.begin(db);
                for (RecordedLog l : batch.logs) {
                    int level = LogLevel.parse(l.level(), "level").ordinal();
                    int kind = logKinds.idFor(level, names.idFor(l.loggerName()), 0, 0);
                    ls.add(l.timeNs() == null ? Journal.NULL_TIME : l.timeNs(), kind, l.wallTime(), l.message());
                }
                ls.finish();
                series.append(db, batch.samples);
                materialiseWanted(db);
                names.write(db.c);
                shapes.write(db.c);
                eventKinds.write(db.c);
                logKinds.write(db.c);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                if (db != null) {
                    db.rollbackQuietly();
                }
                names.rollback();
                shapes.rollback();
                eventKinds.rollback();
                logKinds.rollback();
                events.rollback();
                logs.rollback();
                reloadSeriesAfterFailure();
                if (e instanceof StoreException se) {
                    throw se;
                }
                throw new StoreException("append failed, nothing was written: " + e.getMessage(), e);
            } finally {
                if (db != null) {
                    db.close();
                }
            }
            names.commit();
            shapes.commit();
            eventKinds.commit();
            logKinds.commit();
            events.commit();
            logs.commit();
            series.publish();
            publish();
            appends++;
            lastAppendMs = (System.nanoTime() - t0) / 1e6;
        } finally {
            writeLock.unlock();
        }
    }

    private void reloadSeriesAfterFailure() {
        try (Db db = new Db(dataSource.getConnection(), true)) {
            series.load(db);
        } catch (SQLException | RuntimeException e) {
            needsReload = true;   // the next operation reloads everything from the database
        }
    }

    private void validate(Batch b) {
        long next = events.lastId() + 1;
        for (RecordedEvent e : b.events) {
            if (e.eventId() != next) {
                throw new IllegalArgumentException("event ids must continue at " + next + " without gaps (got " + e.eventId() + ")");
            }
            next++;
        }
        next = logs.lastId() + 1;
        for (RecordedLog l : b.logs) {
            if (l.logId() != next) {
                throw new IllegalArgumentException("log ids must continue at " + next + " without gaps (got " + l.logId() + ")");
            }
            next++;
        }
        series.validate(b.samples);
    }

    private void materialiseWanted(Db db) throws SQLException {
        if (wantedBuckets.isEmpty()) {
            return;
        }
        for (SeriesStore.DerivedKey k : List.copyOf(wantedBuckets)) {
            if (series.materialise(db, k) != null) {
                wantedBuckets.remove(k);
            }
        }
    }

    /**
     * Asks the store to maintain the bucket series of ({@code series}, {@code transform}, {@code windowS}) from now on
     * (e.g. when a chart is defined), so that even its first large query is fast. It is built (backfilled from
     * stored samples) at the next {@link #append}; a series that does not exist yet is picked up when it appears.
     */
    public void prepareBuckets(String seriesName, Transform transform, double windowS) {
        checkWindow(windowS);
        wantedBuckets.add(new SeriesStore.DerivedKey(seriesName, transform, windowS));
    }

    /** Empties everything — history, series, bucket series, dictionaries — in one transaction, and the in-memory summaries. */
    public void clear() {
        writeLock.lock();
        try {
            ensureOpen();
            try (Db db = new Db(dataSource.getConnection(), true); Statement s = db.c.createStatement()) {
                for (String t : List.of("names", "shapes", "event_kinds", "log_kinds", "event_blocks", "event_text", "event_grams",
                        "log_blocks", "log_text", "log_grams", "series", "sample_chunks")) {
                    s.executeUpdate("DELETE FROM " + t);
                }
                try (var p = db.c.prepareStatement("UPDATE store_meta SET value = ? WHERE key = 'generation'")) {
                    p.setString(1, Long.toString(generation + 1));
                    p.executeUpdate();
                }
                db.commit();
            } catch (SQLException e) {
                throw new StoreException("clear failed: " + e.getMessage(), e);
            }
            generation++;
            names.clear();
            shapes.clear();
            eventKinds.clear();
            logKinds.clear();
            events.clear();
            logs.clear();
            series.clear();
            wantedBuckets.clear();
            publish();
        } finally {
            writeLock.unlock();
        }
    }

    /** Checkpoints the WAL into the main file; the store cannot be used afterwards. The DataSource is the caller's. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException ignored) {
                // best effort
            }
        } finally {
            writeLock.unlock();
        }
    }

    // =====================================================================================================
    // Reading: plumbing
    // =====================================================================================================

    private interface ReadOp<T> {
        T run(Snapshot s, Db db) throws SQLException;
    }

    private <T> T read(ReadOp<T> op) {
        for (int attempt = 0; ; attempt++) {
            Snapshot s = snapshot();
            try (Db db = new Db(dataSource.getConnection(), true)) {
                long gen;
                try (Statement st = db.c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT value FROM store_meta WHERE key = 'generation'")) {
                    gen = rs.next() ? Long.parseLong(rs.getString(1)) : 0;
                }
                if (gen != s.generation() && attempt < 3) {
                    continue;   // cleared after our snapshot was taken: take the new one
                }
                return op.run(s, db);
            } catch (SQLException e) {
                throw new StoreException("history query failed: " + e.getMessage(), e);
            }
        }
    }

    static long ceilNs(double seconds) {
        double x = Math.ceil(seconds * 1e9);
        if (x >= 9.2e18) {
            return Long.MAX_VALUE;
        }
        if (x <= -9.2e18) {
            return Long.MIN_VALUE + 1;
        }
        long c = (long) x;
        while (c / 1e9 < seconds) {
            c++;
        }
        while ((c - 1) / 1e9 >= seconds) {
            c--;
        }
        return c;
    }

    static long floorNs(double seconds) {
        double x = Math.floor(seconds * 1e9);
        if (x >= 9.2e18) {
            return Long.MAX_VALUE - 1;
        }
        if (x <= -9.2e18) {
            return Long.MIN_VALUE + 1;
        }
        long c = (long) x;
        while (c / 1e9 > seconds) {
            c--;
        }
        while ((c + 1) / 1e9 <= seconds) {
            c++;
        }
        return c;
    }

    static String encodeCursor(char kind, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long decodeCursor(char kind, String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (s.length() < 3 || s.charAt(0) != kind || s.charAt(1) != ':') {
                throw new IllegalArgumentException();
            }
            long id = Long.parseLong(s.substring(2));
            if (id < 0) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("cursor", "cursor is malformed (use the next_cursor of a previous page)");
        }
    }

    // =====================================================================================================
    // Events
    // =====================================================================================================

    private Journal.Filter compile(Snapshot s, EventQuery q) {
        Journal.Filter f = new Journal.Filter();
        Kinds.View kv = s.eventKinds();
        int nk = kv.count();
        if (!q.eventTypes.isEmpty() || q.entity != null || q.excludeInternal) {
            Set<Integer> types = new HashSet<>();
            for (String t : q.eventTypes) {
                int id = names.lookup(t, s.nameCount());
                if (id > 0) {
                    types.add(id);
                }
            }
            int entity = q.entity == null ? 0 : names.lookup(q.entity, s.nameCount());
            boolean[] ok = new boolean[nk];
            for (int k = 0; k < nk; k++) {
                boolean m = true;
                if (!q.eventTypes.isEmpty()) {
                    m = types.contains(kv.get(0, k));
                }
                if (m && q.entity != null) {
                    m = entity > 0 && (kv.get(1, k) == entity || kv.get(2, k) == entity);
                }
                if (m && q.excludeInternal) {
                    m = kv.get(3, k) == 0;
                }
                ok[k] = m;
            }
            f.kindOk = ok;
        }
        if (q.timeMin != null || q.timeMax != null) {
            f.timed = true;
            f.tLo = q.timeMin == null ? Long.MIN_VALUE : ceilNs(q.timeMin);
            f.tHi = q.timeMax == null ? Long.MAX_VALUE : floorNs(q.timeMax);
        }
        if (q.search != null) {
            Journal.Search se = new Journal.Search(q.search);
            boolean[] nameHit = nameHits(s, se.lower);
            Shapes.Match sm = s.shapes().match(se.lower);
            boolean[] hit = new boolean[nk];
            boolean[] textKind = new boolean[nk];
            boolean anyText = false;
            for (int k = 0; k < nk; k++) {
                int shape = kv.get(4, k);
                hit[k] = nameHit[kv.get(0, k)] || nameHit[kv.get(1, k)] || nameHit[kv.get(2, k)] || sm.literal()[shape];
                textKind[k] = !hit[k] && (shape == Shapes.RAW || sm.byDigits()[shape]);
                anyText |= textKind[k];
            }
            se.kindHit = hit;
            se.textKind = textKind;
            se.shapes(sm);
            se.digits = DigitMatcher.forQuery(se.lower);
            if (!anyText && se.digits == null) {
                // decided by kinds alone (names, context shapes): an ordinary kind filter, counted from kind counts
                boolean[] ok = f.kindOk == null ? new boolean[nk] : f.kindOk;
                for (int k = 0; k < nk; k++) {
                    ok[k] = hit[k] && (f.kindOk == null || f.kindOk[k]);
                }
                f.kindOk = ok;
                return f;
            }
            f.search = se;
            f.cacheKey = s.generation() + "|" + q.filterKey();
        }
        return f;
    }

    private static boolean[] nameHits(Snapshot s, String lower) {
        boolean[] hit = new boolean[Math.max(1, s.nameCount())];
        for (int i = 1; i < s.nameCount(); i++) {
            hit[i] = s.names()[i].toLowerCase(Locale.ROOT).contains(lower);
        }
        return hit;
    }

    private List<RecordedEvent> materialiseEvents(Snapshot s, Journal.Reader r, List<long[]> refs) throws SQLException {
        List<RecordedEvent> out = new ArrayList<>(refs.size());
        Kinds.View kv = s.eventKinds();
        for (long[] ref : refs) {
            Journal.Block b = r.blockOfRow(ref);
            Journal.Texts tx = r.textOfRow(ref);
            int row = (int) ref[2];
            int kind = b.kinds[row];
            out.add(new RecordedEvent(ref[0], b.times[row], s.name(kv.get(0, kind)), s.name(kv.get(1, kind)),
                    s.name(kv.get(2, kind)), kv.get(3, kind) != 0, tx.text(row, 0)));
        }
        return out;
    }

    /** One page of {@code /api/events}. See {@link EventQuery} for the filters. */
    public Page<RecordedEvent> events(EventQuery q) {
        q.validate();
        Long cursor = q.cursor == null ? null : decodeCursor('e', q.cursor);
        return read((s, db) -> {
            Journal.Reader r = events.new Reader(s.events(), db, compile(s, q), s.generation());
            r.count();
            boolean asc = q.direction == Direction.NEWER;
            long rows = s.events().rows;
            long start;
            if (cursor != null) {
                start = asc ? cursor + 1 : cursor - 1;
            } else if (q.aroundTime != null) {
                long a = r.firstIdAtOrAfter(ceilNs(q.aroundTime));
                if (asc) {
                    start = a < 0 ? rows + 1 : a;
                } else {
                    boolean[] more = new boolean[1];
                    List<long[]> first = a < 0 ? List.of() : r.collect(a, true, 1, more);
                    start = first.isEmpty() ? rows : first.get(0)[0];
                }
            } else {
                start = asc ? 1 : rows;
            }
            return page(s, r, start, asc, q.limit);
        });
    }

    private Page<RecordedEvent> page(Snapshot s, Journal.Reader r, long start, boolean asc, int limit) throws SQLException {
        boolean[] more = new boolean[1];
        List<long[]> refs = r.collect(start, asc, limit, more);
        List<RecordedEvent> items = materialiseEvents(s, r, refs);
        String next = more[0] && !refs.isEmpty() ? encodeCursor('e', refs.get(refs.size() - 1)[0]) : null;
        return new Page<>(items, next, r.total);
    }

    /**
     * "Jump to time": the matching events at or after {@code q.aroundTime} (page {@code after}, oldest first) and those
     * strictly before it (page {@code before}, newest first), {@code q.limit} each, with cursors to continue both ways.
     * The cursor and direction of {@code q} are ignored.
     */
    public AroundPage eventsAround(EventQuery q) {
        q.validate();
        if (q.aroundTime == null) {
            throw new BadQueryException("around_time", "around_time is required");
        }
        return read((s, db) -> {
            Journal.Reader r = events.new Reader(s.events(), db, compile(s, q), s.generation());
            r.count();
            long rows = s.events().rows;
            long a = r.firstIdAtOrAfter(ceilNs(q.aroundTime));
            Page<RecordedEvent> before = page(s, r, a < 0 ? rows : a - 1, false, q.limit);
            Page<RecordedEvent> after = page(s, r, a < 0 ? rows + 1 : a, true, q.limit);
            return new AroundPage(before, after, a < 0 ? null : a);
        });
    }

    /** {@code /api/events/count}: the number of matching events and their time span (cursor, limit, direction ignored). */
    public EventCount countEvents(EventQuery q) {
        q.validate();
        return read((s, db) -> {
            Journal.Reader r = events.new Reader(s.events(), db, compile(s, q), s.generation());
            r.count();
            if (r.total == 0) {
                return new EventCount(0, null, null, s.events().rows);
            }
            boolean[] more = new boolean[1];
            long[] first = r.collect(1, true, 1, more).get(0);
            long[] last = r.collect(s.events().rows, false, 1, more).get(0);
            double t0 = r.blockOfRow(first).times[(int) first[2]] / 1e9;
            double t1 = r.blockOfRow(last).times[(int) last[2]] / 1e9;
            return new EventCount(r.total, t0, t1, s.events().rows);
        });
    }

    /** The legacy {@code last_n}: the newest {@code n} events (0..100000) in ascending order. */
    public List<RecordedEvent> lastEvents(int n) {
        if (n < 0 || n > MAX_LAST_N) {
            throw new BadQueryException("last_n", "last_n must be between 0 and " + MAX_LAST_N + " (got " + n + ")");
        }
        if (n == 0) {
            return List.of();
        }
        return read((s, db) -> {
            Journal.Reader r = events.new Reader(s.events(), db, new Journal.Filter(), s.generation());
            r.count();
            boolean[] more = new boolean[1];
            List<long[]> refs = r.collect(s.events().rows, false, n, more);
            Collections.reverse(refs);
            return materialiseEvents(s, r, refs);
        });
    }

    /** Distinct event types stored, sorted. */
    public List<String> eventTypes() {
        Snapshot s = snapshot();
        Set<String> out = new TreeSet<>();
        Kinds.View kv = s.eventKinds();
        for (int k = 0; k < kv.count(); k++) {
            out.add(s.name(kv.get(0, k)));
        }
        return List.copyOf(out);
    }

    /** Distinct entity names stored as a target or source of an event, sorted. */
    public List<String> entityNames() {
        Snapshot s = snapshot();
        Set<String> out = new TreeSet<>();
        Kinds.View kv = s.eventKinds();
        for (int k = 0; k < kv.count(); k++) {
            out.add(s.name(kv.get(1, k)));
            String src = s.name(kv.get(2, k));
            if (src != null) {
                out.add(src);
            }
        }
        return List.copyOf(out);
    }

    /** The highest stored event id (0 when empty): the bridge's next id is this + 1. */
    public long lastEventId() {
        return snapshot().events().rows;
    }

    /** The highest stored log id (0 when empty). */
    public long lastLogId() {
        return snapshot().logs().rows;
    }

    // =====================================================================================================
    // Logs
    // =====================================================================================================

    private Journal.Filter compile(Snapshot s, LogQuery q) {
        Journal.Filter f = new Journal.Filter();
        Kinds.View kv = s.logKinds();
        int nk = kv.count();
        if (q.minLevel != null || q.logger != null) {
            boolean[] ok = new boolean[nk];
            for (int k = 0; k < nk; k++) {
                boolean m = q.minLevel == null || kv.get(0, k) >= q.minLevel.ordinal();
                if (m && q.logger != null) {
                    String name = s.name(kv.get(1, k));
                    m = name != null && (name.equals(q.logger) || name.startsWith(q.logger + "."));
                }
                ok[k] = m;
            }
            f.kindOk = ok;
        }
        if (q.timeMin != null || q.timeMax != null) {
            f.timed = true;
            f.tLo = q.timeMin == null ? Long.MIN_VALUE : ceilNs(q.timeMin);
            f.tHi = q.timeMax == null ? Long.MAX_VALUE : floorNs(q.timeMax);
        }
        if (q.search != null) {
            Journal.Search se = new Journal.Search(q.search);
            boolean[] nameHit = nameHits(s, se.lower);
            boolean[] hit = new boolean[nk];
            for (int k = 0; k < nk; k++) {
                hit[k] = nameHit[kv.get(1, k)];
            }
            se.kindHit = hit;
            f.search = se;
            f.cacheKey = s.generation() + "|" + q.filterKey();
        }
        return f;
    }

    /** One page of {@code /api/logs}. See {@link LogQuery} for the filters. */
    public Page<RecordedLog> logs(LogQuery q) {
        q.validate();
        Long cursor = q.cursor == null ? null : decodeCursor('l', q.cursor);
        return read((s, db) -> {
            Journal.Reader r = logs.new Reader(s.logs(), db, compile(s, q), s.generation());
            r.count();
            boolean asc = q.direction == Direction.NEWER;
            long rows = s.logs().rows;
            long start = cursor != null ? (asc ? cursor + 1 : cursor - 1) : (asc ? 1 : rows);
            boolean[] more = new boolean[1];
            List<long[]> refs = r.collect(start, asc, q.limit, more);
            List<RecordedLog> items = new ArrayList<>(refs.size());
            Kinds.View kv = s.logKinds();
            for (long[] ref : refs) {
                Journal.Block b = r.blockOfRow(ref);
                Journal.Texts tx = r.textOfRow(ref);
                int row = (int) ref[2];
                int kind = b.kinds[row];
                long t = b.times[row];
                items.add(new RecordedLog(ref[0], t == Journal.NULL_TIME ? null : t, tx.text(row, 0),
                        LogLevel.ofRank(kv.get(0, kind)).name(), s.name(kv.get(1, kind)), tx.text(row, 1)));
            }
            String next = more[0] && !refs.isEmpty() ? encodeCursor('l', refs.get(refs.size() - 1)[0]) : null;
            return new Page<>(items, next, r.total);
        });
    }

    // =====================================================================================================
    // Series
    // =====================================================================================================

    /** Names of the stored series, sorted. */
    public List<String> seriesNames() {
        return List.copyOf(new TreeSet<>(snapshot().series().keySet()));
    }

    /** Number of samples stored for a series (0 when unknown). */
    public long seriesSize(String name) {
        SeriesStore.View v = snapshot().series().get(name);
        return v == null ? 0 : v.count;
    }

    private static void checkRange(Double startS, Double endS, Integer maxPoints) {
        EventQuery.checkTime("start_s", startS);
        EventQuery.checkTime("end_s", endS);
        if (startS != null && endS != null && startS > endS) {
            throw new BadQueryException("start_s", "start_s must be <= end_s");
        }
        if (maxPoints != null && (maxPoints < 2 || maxPoints > 20_000)) {
            throw new BadQueryException("max_points", "max_points must be between 2 and 20000 (got " + maxPoints + ")");
        }
    }

    private static void checkWindow(double windowS) {
        if (!(windowS > 0) || Double.isInfinite(windowS)) {
            throw new BadQueryException("window_s", "window_s must be a positive number of seconds");
        }
    }

    /**
     * The samples of a series with time in [startS, endS) (either bound may be null), times in seconds. With
     * {@code maxPoints} (2..20000) and more samples than that in the range: M4 — the range between the first and the
     * last sample in it is cut into maxPoints/4 equal slices, each keeping its first, last, minimum and maximum
     * sample (in time order, once each). Unknown series: empty.
     */
    public SeriesData series(String name, Double startS, Double endS, Integer maxPoints) {
        checkRange(startS, endS, maxPoints);
        Snapshot snap0 = snapshot();
        if (!snap0.series().containsKey(name)) {
            return SeriesData.EMPTY;
        }
        return read((s, db) -> {
            SeriesStore.View v = s.series().get(name);
            if (v == null) {
                return SeriesData.EMPTY;
            }
            long[] range = range(db, v, startS, endS);
            long i0 = range[0];
            long i1 = range[1];
            if (i1 <= i0) {
                return SeriesData.EMPTY;
            }
            if (maxPoints == null || i1 - i0 <= maxPoints) {
                SeriesStore.Sample sm = SeriesStore.read(db, v, i0, i1);
                double[] t = new double[sm.n];
                for (int i = 0; i < sm.n; i++) {
                    t[i] = sm.t[i] / 1e9;
                }
                return new SeriesData(t, java.util.Arrays.copyOf(sm.v, sm.n));
            }
            long tFirst = SeriesStore.read(db, v, i0, i0 + 1).t[0];
            long tLast = SeriesStore.read(db, v, i1 - 1, i1).t[0];
            M4 acc = new M4(maxPoints / 4, tFirst, tLast);
            SeriesStore.m4(db, v, i0, i1, acc);
            return acc.result(maxPoints, t -> t / 1e9);
        });
    }

    private static long[] range(Db db, SeriesStore.View v, Double startS, Double endS) throws SQLException {
        long i0 = startS == null ? 0 : SeriesStore.indexAtOrAfter(db, v, ceilNs(startS));
        long i1 = endS == null ? v.count : SeriesStore.indexAtOrAfter(db, v, ceilNs(endS));
        return new long[] {i0, i1};
    }

    /**
     * Bucketed aggregates exactly as original-behaviour §3.10: samples filtered to [startS, endS) first, then bucket
     * index floor(t/window), bucket time index·window, only non-empty buckets; mean, max, p50/p99/p999 (sorted values,
     * linear interpolation at p·(n−1)), count, rate = count/window. With {@code maxPoints} and more buckets than that,
     * the bucket series is reduced by the same M4 rule as {@link #series}. Unknown series: empty.
     */
    public SeriesData buckets(String name, Transform transform, double windowS, Double startS, Double endS, Integer maxPoints) {
        if (transform == null) {
            throw new BadQueryException("transform", "transform is required");
        }
        checkWindow(windowS);
        checkRange(startS, endS, maxPoints);
        Snapshot s0 = snapshot();
        SeriesStore.View v0 = s0.series().get(name);
        if (v0 == null) {
            return SeriesData.EMPTY;
        }
        SeriesStore.DerivedKey key = new SeriesStore.DerivedKey(name, transform, windowS);
        if (v0.count > DIRECT_BUCKET_LIMIT && !s0.buckets().containsKey(key)) {
            tryMaterialise(key);
        }
        return read((s, db) -> {
            SeriesStore.View v = s.series().get(name);
            if (v == null) {
                return SeriesData.EMPTY;
            }
            long[] range = range(db, v, startS, endS);
            long i0 = range[0];
            long i1 = range[1];
            if (i1 <= i0) {
                return SeriesData.EMPTY;
            }
            SeriesStore.DerivedView dv = s.buckets().get(key);
            if (dv == null || i1 - i0 <= DIRECT_BUCKET_LIMIT) {
                SeriesStore.Sample sm = SeriesStore.read(db, v, i0, i1);
                return reduce(BucketMath.bucketize(sm.t, sm.v, 0, sm.n, transform, windowS), windowS, maxPoints);
            }
            return materialisedBuckets(db, v, dv, transform, windowS, i0, i1, maxPoints);
        });
    }

    private static SeriesData reduce(BucketMath.Out o, double w, Integer maxPoints) {
        if (maxPoints == null || o.n <= maxPoints) {
            double[] t = new double[o.n];
            for (int i = 0; i < o.n; i++) {
                t[i] = o.idx[i] * w;
            }
            return new SeriesData(t, java.util.Arrays.copyOf(o.val, o.n));
        }
        M4 acc = new M4(maxPoints / 4, o.idx[0], o.idx[o.n - 1]);
        for (int i = 0; i < o.n; i++) {
            acc.add(i, o.idx[i], o.val[i]);
        }
        return acc.result(maxPoints, idx -> idx * w);
    }

    private SeriesData materialisedBuckets(Db db, SeriesStore.View v, SeriesStore.DerivedView dv, Transform tr, double w,
                                           long i0, long i1, Integer maxPoints) throws SQLException {
        SeriesStore.Sample first = SeriesStore.read(db, v, i0, i0 + 1);
        SeriesStore.Sample last = SeriesStore.read(db, v, i1 - 1, i1);
        long k0 = BucketMath.bucketIndex(first.t[0], w);
        long k1 = BucketMath.bucketIndex(last.t[0], w);
        if (k0 == k1 || k1 - k0 == 1 && false) {
            SeriesStore.Sample sm = SeriesStore.read(db, v, i0, i1);
            return reduce(BucketMath.bucketize(sm.t, sm.v, 0, sm.n, tr, w), w, maxPoints);
        }
        // head bucket: samples of bucket k0 from i0; tail bucket: samples of bucket k1 up to i1
        BucketMath.Doubles head = new BucketMath.Doubles();
        long i = i0;
        outer:
        while (i < i1) {
            SeriesStore.Sample c = SeriesStore.chunk(db, v, (int) (i / SeriesStore.C));
            long g = i / SeriesStore.C * SeriesStore.C;
            for (int j = (int) (i - g); j < c.n && g + j < i1; j++) {
                if (BucketMath.bucketIndex(c.t[j], w) != k0) {
                    break outer;
                }
                head.add(c.v[j]);
            }
            i = g + c.n;
        }
        long tailStart = i1;
        outer2:
        while (tailStart > i0) {
            long probe = tailStart - 1;
            SeriesStore.Sample c = SeriesStore.chunk(db, v, (int) (probe / SeriesStore.C));
            long g = probe / SeriesStore.C * SeriesStore.C;
            for (int j = (int) (probe - g); j >= 0; j--) {
                if (BucketMath.bucketIndex(c.t[j], w) != k1) {
                    break outer2;
                }
                tailStart = g + j;
            }
        }
        SeriesStore.Sample tailS = SeriesStore.read(db, v, tailStart, i1);
        double headV = BucketMath.aggregate(tr, head.a, head.n, w);
        double tailV = BucketMath.aggregate(tr, tailS.v.clone(), tailS.n, w);
        SeriesStore.View ds = dv.series();
        long j0 = SeriesStore.indexAtOrAfter(db, ds, k0 + 1);
        long j1 = SeriesStore.indexAtOrAfter(db, ds, k1);
        long total = 2 + Math.max(0, j1 - j0);
        if (maxPoints == null || total <= maxPoints) {
            SeriesStore.Sample mid = SeriesStore.read(db, ds, j0, j1);
            double[] t = new double[mid.n + 2];
            double[] val = new double[mid.n + 2];
            t[0] = k0 * w;
            val[0] = headV;
            for (int x = 0; x < mid.n; x++) {
                t[x + 1] = mid.t[x] * w;
                val[x + 1] = mid.v[x];
            }
            t[mid.n + 1] = k1 * w;
            val[mid.n + 1] = tailV;
            return new SeriesData(t, val);
        }
        M4 acc = new M4(maxPoints / 4, k0, k1);
        acc.add(-1, k0, headV);
        SeriesStore.m4(db, ds, j0, j1, acc);
        acc.add(Long.MAX_VALUE, k1, tailV);
        return acc.result(maxPoints, idx -> idx * w);
    }

    /** Builds a bucket series now if the writer is idle; otherwise leaves it to the next append. */
    private void tryMaterialise(SeriesStore.DerivedKey key) {
        if (!writeLock.tryLock()) {
            wantedBuckets.add(key);
            return;
        }
        try {
            ensureOpen();
            try (Db db = new Db(dataSource.getConnection(), true)) {
                try {
                    series.materialise(db, key);
                    db.commit();
                } catch (SQLException | RuntimeException e) {
                    db.rollbackQuietly();
                    reloadSeriesAfterFailure();
                    wantedBuckets.add(key);
                    return;
                }
            } catch (SQLException e) {
                wantedBuckets.add(key);
                return;
            }
            series.publish();
            publish();
        } finally {
            writeLock.unlock();
        }
    }

    // =====================================================================================================
    // Stats
    // =====================================================================================================

    /** Rows per table, series, database size (main file + WAL) and append counters, for {@code /api/store}. */
    public StoreStats stats() {
        Snapshot s = snapshot();
        long main = 0;
        long wal = 0;
        String path = databasePath();
        if (!path.isEmpty()) {
            try {
                main = Files.size(Path.of(path));
            } catch (Exception ignored) {
                // in-memory or gone
            }
            try {
                wal = Files.size(Path.of(path + "-wal"));
            } catch (Exception ignored) {
                // no WAL right now
            }
        }
        long samples = 0;
        for (SeriesStore.View v : s.series().values()) {
            samples += v.count;
        }
        return new StoreStats(s.events().rows, s.logs().rows, samples, s.series().size(), s.buckets().size(), main + wal, wal,
                s.events().rows, s.logs().rows, appends, lastAppendMs);
    }
}
