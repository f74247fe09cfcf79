package io.happysim.visual.store;

import io.happysim.visual.store.internal.export.PlainExport;
import io.happysim.visual.store.internal.runs.RunCatalog;
import io.happysim.visual.store.internal.runs.RunSpace;
import io.happysim.visual.store.internal.schema.DatabaseFile;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.FileSetup;
import io.happysim.visual.store.internal.schema.OtherVersions;
import io.happysim.visual.store.internal.schema.StoreMeta;
import io.happysim.visual.store.internal.schema.Tables;
import io.happysim.visual.store.internal.schema.WriteGate;
import io.happysim.visual.store.internal.series.SeriesStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The runs of one history file: every load or reset of a scenario records a new run, and the earlier ones stay — to be
 * listed, reopened, compared, exported and deleted. Each run has its own copy of the history tables (the README's
 * "Runs" section has the layout) and its own {@link VisualStore}: the current run's is writable, a past run's is opened
 * read-only when first asked for (a few are kept open). Deleting a run removes its row at once and drops its tables
 * and gives their pages back to the file system afterwards, on the {@code background} executor, in short steps that
 * let the recording's appends in between. Thread-safe.
 */
public final class StoredRuns implements AutoCloseable {
    /** Past runs kept open for reading at once (a comparison reads two besides the current one). */
    static final int OPEN_PAST_RUNS = 3;
    /** Free pages one reclaim step gives back (16 MiB of 16 KiB pages) before other writers get their turn. */
    static final int RECLAIM_STEP_PAGES = 1024;
    private static final System.Logger LOG = System.getLogger(StoredRuns.class.getName());

    /** A file opened for one store on its own (see {@link VisualStore#VisualStore(DataSource, Executor, StoreLimits)}). */
    record Opening(WriteGate gate, StoreMeta.Layout layout, Tables run) {
    }

    /** What a write transaction on the file does. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Db db) throws SQLException;
    }

    private final DataSource dataSource;
    private final Executor scanHelper;
    private final StoreLimits limits;
    private final StoreLimits pastLimits;
    private final Executor background;
    private final WriteGate gate = new WriteGate();
    private final StoreMeta.Layout layout;
    private final DatabaseFile file;
    private final Map<Long, VisualStore> past = new LinkedHashMap<>(8, 0.75f, true);    // access order; guarded by itself
    private volatile VisualStore current;
    private volatile boolean closed;

    /**
     * Opens the file: schema, catalog, and the repair of what a server that stopped abruptly left (runs never
     * finished are counted from their tables; tables of deleted runs are dropped).
     *
     * @param scanHelper the second thread of text searches (see {@link VisualStore#scanHelper}); null: none
     * @param background where deleted runs' space is given back (in the server the drain executor); a direct executor
     *                   does it on the deleting thread
     */
    public StoredRuns(DataSource dataSource, Executor scanHelper, StoreLimits limits, Executor background) {
        this.dataSource = dataSource;
        this.scanHelper = scanHelper;
        this.limits = limits;
        this.pastLimits = limits.forPastRun();
        this.background = background;
        this.file = new DatabaseFile(dataSource);
        this.layout = FileSetup.open(dataSource, gate, new StoreMeta.Layout(limits.eventBlockRows(), limits.logBlockRows()),
                SeriesStore.CHUNK_SAMPLES, VisualStore::warn);
        dropOrphans();
        finishUnfinished();
    }

    // ---- the current run

    /** Starts a new run (its row and its tables) and makes it the current one: the store the recording writes to. */
    public synchronized VisualStore startRun(RunStart start) {
        requireOpen();
        long id = write(db -> RunCatalog.insert(db, start));
        VisualStore store = new VisualStore(dataSource, scanHelper, limits, gate, layout, Tables.of(id), true, false);
        store.open();
        current = store;
        return store;
    }

    /** The current run's store (null before the first run). */
    public VisualStore current() {
        return current;
    }

    /** The current run's id (0 before the first run). */
    public long currentId() {
        VisualStore c = current;
        return c == null ? 0 : c.runId();
    }

    /**
     * Ends a run: its counts and time reached, the owner's final state, its size (every page of its tables is read
     * once: call it off the simulation thread), the wall-clock end. {@code ended} is the run's store (usually the one
     * that was current: its summaries are loaded).
     */
    public void finish(VisualStore ended, RunFinish finish) {
        finish(ended, finish, read(db -> RunSpace.bytes(db, Tables.of(ended.runId()))));
    }

    private void finish(VisualStore ended, RunFinish finish, long bytes) {
        StoreStats stats = ended.stats();
        RunCatalog.Counts counts = new RunCatalog.Counts(stats.events(), stats.logs(), stats.samples(), bytes);
        write(db -> {
            RunCatalog.finish(db, ended.runId(), finish, counts);
            return null;
        });
    }

    // ---- every run

    /** Every run, newest first (without their views and final states: {@link #get} has those). */
    public List<RunRecord> list() {
        return read(db -> RunCatalog.list(db, false));
    }

    /** One run with everything the catalog holds about it. */
    public RunRecord get(long id) {
        RunRecord r = read(db -> RunCatalog.find(db, id));
        if (r == null) {
            throw new NoSuchRunException(id);
        }
        return r;
    }

    /** A run's store: the current one, or a past run's, opened read-only (kept open for the next reads). */
    public VisualStore open(long id) {
        VisualStore c = current;
        if (c != null && c.runId() == id) {
            return c;
        }
        synchronized (past) {
            VisualStore s = past.get(id);
            if (s != null) {
                return s;
            }
        }
        get(id);
        VisualStore s = new VisualStore(dataSource, scanHelper, pastLimits, gate, layout, Tables.of(id), false, false);
        s.open();
        synchronized (past) {
            VisualStore raced = past.putIfAbsent(id, s);
            if (raced != null) {
                return raced;
            }
            if (past.size() > OPEN_PAST_RUNS) {
                Long eldest = past.keySet().iterator().next();
                past.remove(eldest);    // nothing to close: a store holds no connection between reads
            }
            return s;
        }
    }

    /**
     * Deletes a past run: its row at once (it is no longer listed or readable), its tables and their space on the
     * background executor. The future completes when the space is given back.
     *
     * @throws CurrentRunException for the current run
     * @throws NoSuchRunException  for a run that is not there
     */
    public synchronized CompletableFuture<Void> delete(long id) {
        if (id == currentId()) {
            throw new CurrentRunException(id);
        }
        if (!write(db -> RunCatalog.delete(db, id))) {
            throw new NoSuchRunException(id);
        }
        forget(id);
        return reclaim(List.of(id));
    }

    /**
     * Applies a retention policy: deletes the oldest runs beyond it (never the current one), their space given back
     * afterwards. The current run's size is what the file uses beyond the other runs'.
     *
     * @return the deleted runs' ids, oldest first
     */
    public synchronized List<Long> retain(Retention retention) {
        List<RunRecord> runs = list();
        long currentId = currentId();
        long others = 0;
        for (RunRecord r : runs) {
            others += r.id() == currentId ? 0 : r.bytes();
        }
        long currentBytes = Math.max(0, usage().usedBytes() - others);
        List<RunRecord> sized = new ArrayList<>(runs.size());
        for (RunRecord r : runs) {
            sized.add(r.id() != currentId ? r : new RunRecord(r.id(), r.scenario(), r.title(), r.seed(), r.paramsJson(), r.paramsChangedJson(),
                    r.startedAtMs(), r.endedAtMs(), r.timeReachedS(), r.events(), r.logs(), r.samples(), currentBytes, null, null));
        }
        List<Long> victims = retention.victims(sized, currentId);
        if (!victims.isEmpty()) {
            write(db -> {
                for (long id : victims) {
                    RunCatalog.delete(db, id);
                }
                return null;
            });
            victims.forEach(this::forget);
            reclaim(victims);
            LOG.log(System.Logger.Level.INFO, "retention " + retention + " deleted runs " + victims);
        }
        return victims;
    }

    /** Deletes every run and gives the whole file's space back (a scratch file at start-up; before the first run). */
    public synchronized void deleteAll() {
        if (current != null) {
            throw new CurrentRunException(current.runId());
        }
        List<Long> ids = list().stream().map(RunRecord::id).toList();
        write(db -> {
            for (long id : ids) {
                RunCatalog.delete(db, id);
            }
            return null;
        });
        ids.forEach(this::forget);
        reclaimNow(ids);
    }

    /** Pages of the whole file: in use, free (given back to the file system by the reclaim, when the file allows it). */
    public RunSpace.Usage usage() {
        return read(RunSpace::usage);
    }

    /** Bytes the file uses (its pages in use; free pages not counted). */
    public long usedBytes() {
        return usage().usedBytes();
    }

    /** Bytes the file's free pages take (they are reused by new runs, or given back when the file allows it). */
    public long freeBytes() {
        return usage().freeBytes();
    }

    /** The absolute path of the main database file, as SQLite reports it. */
    public String databasePath() {
        return file.path();
    }

    /** The journal mode the database actually runs in ("wal" when configured right). */
    public String journalMode() {
        return file.journalMode();
    }

    // ---- export

    /**
     * Writes a run as a plain SQLite file in the seed design's row schema (tables {@code events}, {@code logs},
     * {@code timeseries} with their indexes, and {@code run_info}), replacing {@code target}. Reads the run chunk by
     * chunk, each chunk in a read transaction of its own: constant memory, and the recording of the current run is
     * never held up. Rows stored after the export began are not included.
     *
     * @return the rows written (events + log lines + samples)
     */
    public long exportPlain(long id, Path target) throws IOException {
        RunRecord record = get(id);
        VisualStore s = open(id);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("run_id", Long.toString(record.id()));
        info.put("scenario", record.scenario());
        info.put("title", record.title());
        info.put("seed", Long.toString(record.seed()));
        info.put("params", record.paramsJson());
        info.put("params_changed", record.paramsChangedJson());
        info.put("started_at", Instant.ofEpochMilli(record.startedAtMs()).toString());
        info.put("exported_at", Instant.now().toString());
        PlainExport.SeriesSource series = new PlainExport.SeriesSource() {
            @Override
            public List<String> names() {
                return s.seriesNames();
            }

            @Override
            public void into(String name, SampleSink sink) throws IOException {
                s.eachSample(name, null, null, VisualStore.EXPORT_CHUNK, sink);
            }
        };
        return PlainExport.write(dataSource, target, info,
                sink -> s.eachEvent(EventQuery.create(), VisualStore.EXPORT_CHUNK, sink),
                sink -> s.eachLog(LogQuery.create(), VisualStore.EXPORT_CHUNK, sink), series).rows();
    }

    /** Checkpoints the WAL into the main file; the runs cannot be used afterwards. The DataSource is the caller's. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        VisualStore c = current;
        if (c != null) {
            c.close();
        }
        synchronized (past) {
            past.clear();
        }
        checkpoint(dataSource);
    }

    // ---- the machinery

    private void forget(long id) {
        synchronized (past) {
            past.remove(id);
        }
    }

    private CompletableFuture<Void> reclaim(List<Long> ids) {
        return CompletableFuture.runAsync(() -> reclaimNow(ids), background).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.log(System.Logger.Level.WARNING, "giving back the space of runs " + ids + " failed; their tables go at the next start", e);
            }
        });
    }

    /** Drops the runs' tables (one transaction per run), then gives free pages back in steps. */
    private void reclaimNow(List<Long> ids) {
        for (long id : ids) {
            write(db -> {
                RunSpace.drop(db, Tables.of(id));
                return null;
            });
        }
        long free;
        do {
            free = write(db -> RunSpace.vacuumStep(db, RECLAIM_STEP_PAGES));
        } while (free > 0 && usage().incrementalVacuum() && !closed);
    }

    private void dropOrphans() {
        Set<Long> listed = new HashSet<>();
        list().forEach(r -> listed.add(r.id()));
        Set<Long> orphans = read(db -> RunSpace.orphans(db, listed));
        if (!orphans.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "dropping the tables of deleted runs " + orphans);
            reclaimNow(List.copyOf(orphans));
        }
    }

    /**
     * Runs a server left unfinished (it stopped without closing them): counted from their tables, ended now. When only
     * the newest run is unfinished (a server that stopped while recording), its size is what the file uses beyond the
     * other runs' (as {@link #retain} counts the current run), not read page by page: that read is proportional to the
     * run (~20 s for a run of 100 M events) and would hold up the server's start.
     */
    private void finishUnfinished() {
        List<RunRecord> runs = list();
        long unfinished = runs.stream().filter(RunRecord::unfinished).count();
        for (RunRecord r : runs) {
            if (!r.unfinished()) {
                continue;
            }
            VisualStore s = new VisualStore(dataSource, scanHelper, pastLimits, gate, layout, Tables.of(r.id()), false, false);
            EventCount span = s.countEvents(EventQuery.create());
            RunFinish end = new RunFinish(span.timeMaxS() == null ? 0 : span.timeMaxS(), null, System.currentTimeMillis());
            if (unfinished == 1 && r.id() == runs.get(0).id()) {
                long others = runs.stream().filter(o -> o.id() != r.id()).mapToLong(RunRecord::bytes).sum();
                finish(s, end, Math.max(0, usage().usedBytes() - others));
            } else {
                finish(s, end);
            }
        }
    }

    private <T> T write(Work<T> work) {
        gate.lock();
        try (Db db = new Db(dataSource.getConnection())) {
            try {
                T result = work.run(db);
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("runs: " + e.getMessage(), e);
        } finally {
            gate.unlock();
        }
    }

    private <T> T read(Work<T> work) {
        try (Db db = new Db(dataSource.getConnection())) {
            return work.run(db);
        } catch (SQLException e) {
            throw new StoreException("runs: " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the history store is closed", null);
        }
    }

    /** The file of a store opened on its own: its newest run, or a first one. */
    static Opening openAlone(DataSource dataSource, StoreLimits limits, Consumer<OtherVersions.Discarded> warn) {
        WriteGate gate = new WriteGate();
        StoreMeta.Layout layout = FileSetup.open(dataSource, gate, new StoreMeta.Layout(limits.eventBlockRows(), limits.logBlockRows()),
                SeriesStore.CHUNK_SAMPLES, warn);
        gate.lock();
        try (Db db = new Db(dataSource.getConnection())) {
            long id = RunCatalog.newest(db);
            if (id == 0) {
                id = RunCatalog.insert(db, RunStart.unnamed(System.currentTimeMillis()));
            }
            db.commit();
            return new Opening(gate, layout, Tables.of(id));
        } catch (SQLException e) {
            throw new StoreException("cannot open the history store: " + e.getMessage(), e);
        } finally {
            gate.unlock();
        }
    }

    /** Checkpoints the WAL into the main file (best effort). */
    static void checkpoint(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException ignored) {
            // best effort
        }
    }
}
