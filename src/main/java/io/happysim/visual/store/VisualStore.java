package io.happysim.visual.store;

import io.happysim.visual.store.internal.paging.Cursors;
import io.happysim.visual.store.internal.paging.EventPages;
import io.happysim.visual.store.internal.paging.JournalCaches;
import io.happysim.visual.store.internal.paging.JournalRead;
import io.happysim.visual.store.internal.paging.LogPages;
import io.happysim.visual.store.internal.schema.DatabaseFile;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.OtherVersions;
import io.happysim.visual.store.internal.schema.StoreMeta;
import io.happysim.visual.store.internal.schema.Tables;
import io.happysim.visual.store.internal.schema.WriteGate;
import io.happysim.visual.store.internal.search.ParallelScan;
import io.happysim.visual.store.internal.series.BucketKey;
import io.happysim.visual.store.internal.series.ChunkReads;
import io.happysim.visual.store.internal.series.IndexRange;
import io.happysim.visual.store.internal.series.SampleRun;
import io.happysim.visual.store.internal.series.Samples;
import io.happysim.visual.store.internal.series.SeriesReads;
import io.happysim.visual.store.internal.series.SeriesView;
import io.happysim.visual.store.internal.snapshot.HistoryWriter;
import io.happysim.visual.store.internal.snapshot.ReadCaches;
import io.happysim.visual.store.internal.snapshot.Snapshot;
import io.happysim.visual.store.internal.snapshot.SnapshotReads;
import io.happysim.visual.store.internal.series.BucketMath;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One run's history: every event, log line and sample of a run, in SQLite. With {@link StoredRuns} (the runs of a file)
 * the entry point of {@code io.happysim.visual.store}; how it works is in the package's documentation and its internal
 * packages.
 *
 * <p>Plain JDBC over a {@link DataSource}, so the same class runs inside Liberty (container-managed pool) and in
 * unit tests (a bare {@code org.sqlite.SQLiteDataSource} on a temporary file). It borrows a connection per
 * operation and never leaves a transaction open. One writer at a time ({@link #append}, {@link #clear}); reads
 * never wait for it. Thread-safe.
 */
public final class VisualStore implements AutoCloseable {
    /** Rows per page at the most. */
    public static final int MAX_PAGE_ROWS = 1000;
    /** Points of a downsampled series at the most (and 2 at the least). */
    public static final int MAX_POINTS = 20_000;
    public static final int MIN_POINTS = 2;
    /** Samples {@link #quantiles} reads at the most. */
    public static final int MAX_QUANTILE_SAMPLES = 8_000_000;
    /** Events {@link #lastEvents} answers at the most. */
    public static final int MAX_LAST_N = 100_000;
    private static final System.Logger LOG = System.getLogger(VisualStore.class.getName());

    /** Rows or samples one chunk of a streamed read (an export) holds: one read transaction each. */
    public static final int EXPORT_CHUNK = 4096;
    private static final System.Logger.Level WARNING = System.Logger.Level.WARNING;

    private final DataSource dataSource;
    private final DatabaseFile file;
    private final Tables run;
    private final boolean ownsFile;
    private final ReadCaches caches;
    private final ParallelScan scan;
    private final HistoryWriter writer;
    private final SnapshotReads reads;

    /**
     * The file's newest run — in a file without runs, a first one — opened for writing: a store used on its own, as the
     * tests and benchmarks do. In the server {@link StoredRuns} hands out the stores of its runs.
     *
     * @param scanHelper runs the second thread of a text search's scan (one thread is enough); its owner shuts it
     *                   down after {@link #close}. Null: searches scan on the caller's thread alone.
     */
    public VisualStore(DataSource dataSource, Executor scanHelper) {
        this(dataSource, scanHelper, StoreLimits.defaults());
    }

    public VisualStore(DataSource dataSource, Executor scanHelper, StoreLimits limits) {
        this(dataSource, scanHelper, limits, StoredRuns.openAlone(dataSource, limits, VisualStore::warn));
    }

    private VisualStore(DataSource dataSource, Executor scanHelper, StoreLimits limits, StoredRuns.Opening alone) {
        this(dataSource, scanHelper, limits, alone.gate(), alone.layout(), alone.run(), true, true);
    }

    /** One run of a file {@link StoredRuns} has opened: writable for the current run, read-only for a past one. */
    VisualStore(DataSource dataSource, Executor scanHelper, StoreLimits limits, WriteGate gate, StoreMeta.Layout layout, Tables run,
                boolean writable, boolean ownsFile) {
        this.dataSource = dataSource;
        this.file = new DatabaseFile(dataSource);
        this.run = run;
        this.ownsFile = ownsFile;
        this.caches = new ReadCaches(JournalCaches.withBlockBytes(limits.blockCacheBytes()),
                JournalCaches.withBlockBytes(limits.blockCacheBytes()), new ChunkReads(run, limits.chunkCacheChunks()));
        this.scan = new ParallelScan(scanHelper, dataSource, run);
        this.writer = new HistoryWriter(dataSource, run, layout, limits, caches, gate, writable, scanHelper);
        this.reads = new SnapshotReads(dataSource, run, writer::snapshot);
    }

    static void warn(OtherVersions.Discarded discarded) {
        LOG.log(WARNING, discarded.message());
    }

    /** Opens the run now (its tables created when writable, its summaries loaded) rather than at the first read. */
    void open() {
        writer.snapshot();
    }

    /**
     * Rows the open read besides the stored summaries — event block rows, log block rows, sample chunk rows — for tests
     * that a reopen does not read the history (normally the open blocks and chunks only).
     */
    long[] rowsReadAtOpen() {
        return writer.rowsReadAtOpen();
    }

    /** Rounds of the last bucket series built whose second half ran on the scan helper (tests). */
    int lastBackfillHelped() {
        return writer.lastBackfillHelped();
    }

    /** The id of the run this store holds. */
    public long runId() {
        return run.runId();
    }

    /** False for a past run's store: it is read, never written. */
    public boolean writable() {
        return writer.writable();
    }

    /**
     * The scan helper a store is meant to get: one thread at the most (a search shares the machine's cores with its
     * caller), made by {@code threads} (in the server: the container's managed thread factory) and gone after 30 s
     * idle. Its owner shuts it down after closing the store.
     */
    public static ExecutorService scanHelper(ThreadFactory threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = threads.newThread(r);
            t.setName("happysim-store-scan");
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    // ---- the file

    /** The journal mode the database actually runs in ("wal" when configured right), read from SQLite itself. */
    public String journalMode() {
        return file.journalMode();
    }

    /** The absolute path of the main database file, as SQLite reports it. */
    public String databasePath() {
        return file.path();
    }

    /** Rows per table, series, database size (main file + WAL) and append counters, for {@code /api/store}. */
    public StoreStats stats() {
        Snapshot s = writer.snapshot();
        DatabaseFile.Sizes size = file.sizes();
        return new StoreStats(s.eventRows(), s.logRows(), s.series().samples(), s.series().series().size(),
                s.series().buckets().size(), size.main() + size.wal(), size.wal(), s.eventRows(), s.logRows(),
                writer.appends(), writer.lastAppendMs());
    }

    // ---- writing

    /**
     * Writes one batch in one transaction. Event ids must continue the stored ones (1-based, gap-free), same for log
     * ids, and every series' samples must not go back in time; a batch that breaks this is an
     * {@link IllegalArgumentException} and nothing is written. A database failure rolls everything back and throws
     * {@link StoreException}: nothing of the batch is stored and in-memory summaries are unchanged, so the caller
     * keeps the batch and retries it later.
     */
    public void append(Batch batch) {
        Map<String, SampleRun> samples = new LinkedHashMap<>();
        batch.samples.forEach((name, s) -> samples.put(name, s.run()));
        writer.append(batch.events, batch.logs, samples);
    }

    /**
     * Asks the store to maintain the bucket series of ({@code series}, {@code transform}, {@code windowS}) from now on
     * (e.g. when a chart is defined), so that even its first large query is fast. It is built (backfilled from
     * stored samples) at the next {@link #append}; a series that does not exist yet is picked up when it appears.
     */
    public void prepareBuckets(String seriesName, Transform transform, double windowS) {
        checkWindow(windowS);
        writer.wantBuckets(new BucketKey(seriesName, transform, windowS));
    }

    /** Empties everything — history, series, bucket series, dictionaries — in one transaction, and every cache. */
    public void clear() {
        writer.clear();
    }

    /**
     * The store cannot be used afterwards. A store opened on its own also checkpoints the WAL into the main file (the
     * runs of a {@link StoredRuns} leave that to it). The DataSource is the caller's.
     */
    @Override
    public void close() {
        writer.close();
        if (ownsFile) {
            StoredRuns.checkpoint(dataSource);
        }
    }

    // ---- events

    /** One page of {@code /api/events}. See {@link EventQuery} for the filters. */
    public Page<RecordedEvent> events(EventQuery q) {
        q.validate();
        Long cursor = q.cursor == null ? null : Cursors.decode(Cursors.EVENTS, q.cursor);
        return reads.read((s, db) -> eventPages(s, db).page(q.criteria(), cursor, q.aroundTime, q.direction == Direction.NEWER, q.limit,
                q.total));
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
        return reads.read((s, db) -> eventPages(s, db).around(q.criteria(), q.aroundTime, q.limit, q.total));
    }

    /** {@code /api/events/count}: the number of matching events and their time span (cursor, limit, direction ignored). */
    public EventCount countEvents(EventQuery q) {
        q.validate();
        return reads.read((s, db) -> eventPages(s, db).count(q.criteria()));
    }

    /** The legacy {@code last_n}: the newest {@code n} events (0..100000) in ascending order. */
    public List<RecordedEvent> lastEvents(int n) {
        if (n < 0 || n > MAX_LAST_N) {
            throw new BadQueryException("last_n", "last_n must be between 0 and " + MAX_LAST_N + " (got " + n + ")");
        }
        if (n == 0) {
            return List.of();
        }
        return reads.read((s, db) -> eventPages(s, db).newest(n));
    }

    private EventPages eventPages(Snapshot s, Db db) {
        return new EventPages(new JournalRead(s.dictionaries(), s.events(), s.generation(), db, caches.events(), scan));
    }

    /** Distinct event types stored, sorted. */
    public List<String> eventTypes() {
        return writer.snapshot().eventTypes();
    }

    /** Distinct entity names stored as a target or source of an event, sorted. */
    public List<String> entityNames() {
        return writer.snapshot().entityNames();
    }

    /** The highest stored event id (0 when empty): the bridge's next id is this + 1. */
    public long lastEventId() {
        return writer.snapshot().eventRows();
    }

    /** The highest stored log id (0 when empty). */
    public long lastLogId() {
        return writer.snapshot().logRows();
    }

    // ---- logs

    /** One page of {@code /api/logs}. See {@link LogQuery} for the filters. */
    public Page<RecordedLog> logs(LogQuery q) {
        q.validate();
        Long cursor = q.cursor == null ? null : Cursors.decode(Cursors.LOGS, q.cursor);
        return reads.read((s, db) -> new LogPages(new JournalRead(s.dictionaries(), s.logs(), s.generation(), db, caches.logs(), scan))
                .page(q.criteria(), cursor, q.direction == Direction.NEWER, q.limit));
    }

    // ---- series

    /** Names of the stored series, sorted. */
    public List<String> seriesNames() {
        return List.copyOf(new TreeSet<>(writer.snapshot().series().series().keySet()));
    }

    /** Number of samples stored for a series (0 when unknown). */
    public long seriesSize(String name) {
        SeriesView v = writer.snapshot().series().series().get(name);
        return v == null ? 0 : v.count();
    }

    /**
     * The samples of a series with time in [startS, endS) (either bound may be null), times in seconds. With
     * {@code maxPoints} (2..20000) and more samples than that in the range: M4 — the range between the first and the
     * last sample in it is cut into maxPoints/4 equal slices, each keeping its first, last, minimum and maximum
     * sample (in time order, once each). Unknown series: empty.
     */
    public SeriesData series(String name, Double startS, Double endS, Integer maxPoints) {
        checkRange(startS, endS, maxPoints);
        if (!writer.snapshot().series().series().containsKey(name)) {
            return SeriesData.EMPTY;
        }
        return reads.read((s, db) -> new SeriesReads(s.series(), db, caches.chunks()).series(name, startS, endS, maxPoints));
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
        Snapshot s0 = writer.snapshot();
        SeriesView v0 = s0.series().series().get(name);
        if (v0 == null) {
            return SeriesData.EMPTY;
        }
        BucketKey key = new BucketKey(name, transform, windowS);
        if (v0.count() > SeriesReads.DIRECT_BUCKET_LIMIT && !s0.series().buckets().containsKey(key)) {
            writer.tryMaterialise(key);
        }
        return reads.read((s, db) -> new SeriesReads(s.series(), db, caches.chunks())
                .buckets(name, transform, windowS, startS, endS, maxPoints));
    }

    // ---- streamed reads (exports)

    /**
     * Every event matching the filters of {@code q} (its cursor, limit and direction are ignored), oldest first, handed
     * to {@code sink} in chunks of at most {@code chunkRows}. Each chunk is read in a read transaction of its own, so
     * an export of a long run never holds one open (the writer and the WAL checkpoints go on); rows stored after the
     * export began are not included.
     *
     * @return the rows handed over
     */
    public long eachEvent(EventQuery q, int chunkRows, ChunkSink<RecordedEvent> sink) throws IOException {
        q.validate();
        var criteria = q.criteria();
        long last = writer.snapshot().eventRows();
        long after = 0;
        long rows = 0;
        while (after < last) {
            long from = after;
            List<RecordedEvent> chunk = reads.read((s, db) -> eventPages(s, db).chunk(criteria, from, chunkRows, last));
            if (chunk.isEmpty()) {
                break;
            }
            sink.accept(chunk);
            rows += chunk.size();
            after = chunk.get(chunk.size() - 1).eventId();
        }
        return rows;
    }

    /** Every log line matching the filters of {@code q}, oldest first, in chunks (as {@link #eachEvent}). */
    public long eachLog(LogQuery q, int chunkRows, ChunkSink<RecordedLog> sink) throws IOException {
        q.validate();
        var criteria = q.criteria();
        long last = writer.snapshot().logRows();
        long after = 0;
        long rows = 0;
        while (after < last) {
            long from = after;
            List<RecordedLog> chunk = reads.read((s, db) -> new LogPages(new JournalRead(s.dictionaries(), s.logs(), s.generation(), db,
                    caches.logs(), scan)).chunk(criteria, from, chunkRows, last));
            if (chunk.isEmpty()) {
                break;
            }
            sink.accept(chunk);
            rows += chunk.size();
            after = chunk.get(chunk.size() - 1).logId();
        }
        return rows;
    }

    /**
     * Every stored sample of a series with time in [startS, endS) (either bound may be null), in time order, in chunks
     * of at most {@code chunkSamples}, each read in a transaction of its own. Unknown series: none.
     *
     * @return the samples handed over
     */
    public long eachSample(String name, Double startS, Double endS, int chunkSamples, SampleSink sink) throws IOException {
        checkRange(startS, endS, null);
        IndexRange range = reads.read((s, db) -> new SeriesReads(s.series(), db, caches.chunks()).indexes(name, startS, endS));
        if (range == null) {
            return 0;
        }
        long rows = 0;
        for (long i = range.from(); i < range.to(); i += chunkSamples) {
            long from = i;
            long to = Math.min(range.to(), i + chunkSamples);
            Samples chunk = reads.read((s, db) -> new SeriesReads(s.series(), db, caches.chunks()).samples(name, from, to));
            if (chunk.n() == 0) {
                break;
            }
            sink.accept(chunk.t(), chunk.v(), chunk.n());
            rows += chunk.n();
        }
        return rows;
    }

    /**
     * Percentiles of every stored sample of a series, as the bucket transforms compute them (sorted values, linear
     * interpolation at p·(n−1)); null for a series without samples or with more than {@value #MAX_QUANTILE_SAMPLES}
     * (they are all held in memory at once).
     *
     * @param ps each in [0, 1]
     */
    public double[] quantiles(String name, double... ps) {
        long n = seriesSize(name);
        if (n == 0 || n > MAX_QUANTILE_SAMPLES) {
            return null;
        }
        double[] all = new double[(int) n];
        int[] k = {0};
        try {
            eachSample(name, null, null, EXPORT_CHUNK * 4, (t, v, m) -> {
                int take = Math.min(m, all.length - k[0]);
                System.arraycopy(v, 0, all, k[0], take);
                k[0] += take;
            });
        } catch (IOException e) {
            throw new StoreException("cannot read series " + name + ": " + e.getMessage(), e);
        }
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = BucketMath.percentile(all, k[0], ps[i]);   // by selection: the same number as sorting, without the sort
        }
        return out;
    }

    private static void checkRange(Double startS, Double endS, Integer maxPoints) {
        EventQuery.checkTime("start_s", startS);
        EventQuery.checkTime("end_s", endS);
        if (startS != null && endS != null && startS > endS) {
            throw new BadQueryException("start_s", "start_s must be <= end_s");
        }
        if (maxPoints != null && (maxPoints < MIN_POINTS || maxPoints > MAX_POINTS)) {
            throw new BadQueryException("max_points", "max_points must be between " + MIN_POINTS + " and " + MAX_POINTS + " (got " + maxPoints + ")");
        }
    }

    private static void checkWindow(double windowS) {
        if (!(windowS > 0) || Double.isInfinite(windowS)) {
            throw new BadQueryException("window_s", "window_s must be a positive number of seconds");
        }
    }
}
