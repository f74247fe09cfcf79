package io.happysim.visual.store.internal.snapshot;

import io.happysim.visual.store.LogLevel;
import io.happysim.visual.store.NoSuchRunException;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.journal.AppendStage;
import io.happysim.visual.store.internal.journal.Journal;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.Schema;
import io.happysim.visual.store.internal.schema.StoreMeta;
import io.happysim.visual.store.internal.schema.Tables;
import io.happysim.visual.store.internal.schema.WriteGate;
import io.happysim.visual.store.internal.series.BucketKey;
import io.happysim.visual.store.internal.series.SampleRun;
import io.happysim.visual.store.internal.series.SeriesStore;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One run's one writer: opens the run (its tables, every summary rebuilt from them), appends batches, builds bucket
 * series, clears. Each of these takes the writer lock and runs one transaction, inside the file's {@link WriteGate};
 * in-memory state changes only after the commit and is then published as a new {@link Snapshot}. A failed append rolls
 * back, leaves memory as it was and throws {@link StoreException}: the caller retries the same batch. A past run is
 * opened read-only: nothing is created and {@code append} and {@code clear} refuse; only a bucket series a chart asks
 * for is still built into it (a cache of what its samples already say).
 *
 * <p>Every field but the published snapshot, the flags and the counters is guarded by the writer lock.
 */
public final class HistoryWriter {
    private static final System.Logger LOG = System.getLogger(HistoryWriter.class.getName());
    private final DataSource dataSource;
    private final Tables run;
    private final boolean writable;
    private final ReadCaches caches;
    private final WriteGate gate;
    private final ReentrantLock lock = new ReentrantLock();
    private final Dictionaries dictionaries;
    private final SeriesStore series;
    private final Set<BucketKey> wantedBuckets = ConcurrentHashMap.newKeySet();
    private final Journal events;
    private final Journal logs;
    private long generation;
    private volatile Snapshot published;
    private volatile boolean opened;
    private volatile boolean needsReload;
    private volatile boolean closed;
    private volatile long appends;
    private volatile double lastAppendMs;

    /**
     * @param run      the run this writer owns (its row must be in the catalog)
     * @param layout   the file's block sizes
     * @param writable false for a past run, opened to be read
     * @param helper   a second thread for building a bucket series (the store's scan helper), or null
     */
    public HistoryWriter(DataSource dataSource, Tables run, StoreMeta.Layout layout, StoreLimits limits, ReadCaches caches, WriteGate gate,
                         boolean writable, Executor helper) {
        this.dataSource = dataSource;
        this.run = run;
        this.writable = writable;
        this.caches = caches;
        this.gate = gate;
        this.dictionaries = new Dictionaries(run, limits.maxShapes());
        this.series = new SeriesStore(caches.chunks(), helper, dataSource, limits.backfillRound());
        this.events = new Journal(JournalFormat.events(run, layout.eventBlockRows()), dictionaries.shapes());
        this.logs = new Journal(JournalFormat.logs(run, layout.logBlockRows()), null);
    }

    /** The run this writer owns. */
    public Tables run() {
        return run;
    }

    /** False for a past run, opened to be read. */
    public boolean writable() {
        return writable;
    }

    /** The current snapshot (the file is opened first, once). */
    public Snapshot snapshot() {
        ensureOpen();
        return published;
    }

    /** Successful appends since this writer was made. */
    public long appends() {
        return appends;
    }

    /** Duration of the last successful append, in milliseconds. */
    public double lastAppendMs() {
        return lastAppendMs;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the history store is closed", null);
        }
        if (opened && !needsReload) {
            return;
        }
        lock.lock();
        try {
            if (opened && !needsReload) {
                return;
            }
            if (writable) {
                createTables();
            }
            try (Db db = new Db(dataSource.getConnection())) {
                loadAll(db);
            }
            storeRebuiltSummaries();
            opened = true;
            needsReload = false;
        } catch (SQLException e) {
            throw new StoreException("cannot open the history store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The run's tables, when missing (a new run's), in one transaction. */
    private void createTables() throws SQLException {
        gate.lock();
        try (Db db = new Db(dataSource.getConnection()); Statement s = db.connection().createStatement()) {
            Schema.createRun(s, run);
            db.commit();
        } finally {
            gate.unlock();
        }
    }

    private void loadAll(Db db) throws SQLException {
        dictionaries.clear();
        caches.clear();
        generation = db.generation(run);
        if (generation == Db.NO_RUN) {
            throw new NoSuchRunException(run.runId());
        }
        dictionaries.load(db);
        events.load(db);
        logs.load(db);
        series.load(db);
        publish();
    }

    /**
     * Stores the summaries the open had to rebuild from block rows and sample chunks (a file of schema 3, upgraded), so
     * that the next open reads only the summaries. Best effort: if it fails, the next open rebuilds them again.
     */
    private void storeRebuiltSummaries() {
        if (!events.hasRebuilt() && !logs.hasRebuilt() && !series.hasRebuilt()) {
            return;
        }
        gate.lock();
        try (Db db = new Db(dataSource.getConnection())) {
            try {
                events.storeRebuilt(db);
                logs.storeRebuilt(db);
                series.storeRebuilt(db);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollbackQuietly();
                LOG.log(System.Logger.Level.WARNING, run + ": could not store its rebuilt summaries; the next open rebuilds them again", e);
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, run + ": could not store its rebuilt summaries; the next open rebuilds them again", e);
        } finally {
            gate.unlock();
        }
    }

    /** Rounds of the last bucket series built whose second half the helper thread did. */
    public int lastBackfillHelped() {
        return series.lastBackfillHelped();
    }

    /** Block and chunk rows the last open read besides the stored summaries (events, logs, sample chunks). */
    public long[] rowsReadAtOpen() {
        ensureOpen();
        return new long[] {events.blockRowsRead(), logs.blockRowsRead(), series.chunkRowsRead()};
    }

    private void publish() {
        published = new Snapshot(generation, dictionaries.view(), events.view(), logs.view(), series.snapshot());
    }

    /**
     * Writes one batch in one transaction. Ids must continue the stored ones and samples must not go back in time
     * (else {@link IllegalArgumentException}, nothing written); a database failure rolls everything back and throws
     * {@link StoreException}, leaving memory as it was.
     */
    public void append(List<RecordedEvent> newEvents, List<RecordedLog> newLogs, Map<String, SampleRun> samples) {
        long t0 = System.nanoTime();
        lock.lock();
        try {
            ensureOpen();
            requireWritable();
            validate(newEvents, newLogs, samples);
            Db db = null;
            gate.lock();
            try {
                db = new Db(dataSource.getConnection());
                AppendStage es = events.begin(db);
                for (RecordedEvent e : newEvents) {
                    int type = dictionaries.name(e.eventType());
                    int target = dictionaries.name(e.targetName());
                    int source = e.sourceName() == null ? 0 : dictionaries.name(e.sourceName());
                    int shape = dictionaries.shapes().idFor(e.contextJson());
                    int kind = dictionaries.eventKind(type, target, source, e.internal(), shape);
                    es.add(e.timeNs(), kind, e.contextJson(), null, shape);
                }
                es.finish();
                AppendStage ls = logs.begin(db);
                for (RecordedLog l : newLogs) {
                    int kind = dictionaries.logKind(LogLevel.parse(l.level(), "level").ordinal(), dictionaries.name(l.loggerName()));
                    ls.add(l.timeNs() == null ? Journal.NULL_TIME : l.timeNs(), kind, l.wallTime(), l.message(), 0);
                }
                ls.finish();
                series.append(db, samples);
                materialiseWanted(db);
                dictionaries.write(db);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                if (db != null) {
                    db.rollbackQuietly();
                }
                dictionaries.rollback();
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
                gate.unlock();
            }
            dictionaries.commit();
            events.commit();
            logs.commit();
            series.publish();
            publish();
            appends++;
            lastAppendMs = (System.nanoTime() - t0) / 1e6;
        } finally {
            lock.unlock();
        }
    }

    private void reloadSeriesAfterFailure() {
        try (Db db = new Db(dataSource.getConnection())) {
            series.load(db);
        } catch (SQLException | RuntimeException e) {
            needsReload = true;   // the next operation reloads everything from the database
        }
    }

    private void validate(List<RecordedEvent> newEvents, List<RecordedLog> newLogs, Map<String, SampleRun> samples) {
        long next = events.lastId() + 1;
        for (RecordedEvent e : newEvents) {
            if (e.eventId() != next) {
                throw new IllegalArgumentException("event ids must continue at " + next + " without gaps (got " + e.eventId() + ")");
            }
            next++;
        }
        next = logs.lastId() + 1;
        for (RecordedLog l : newLogs) {
            if (l.logId() != next) {
                throw new IllegalArgumentException("log ids must continue at " + next + " without gaps (got " + l.logId() + ")");
            }
            next++;
        }
        series.validate(samples);
    }

    private void materialiseWanted(Db db) throws SQLException {
        if (wantedBuckets.isEmpty()) {
            return;
        }
        for (BucketKey k : List.copyOf(wantedBuckets)) {
            if (series.materialise(db, k) != null) {
                wantedBuckets.remove(k);
            }
        }
    }

    /** Builds this bucket series at the next append (a series that does not exist yet is picked up when it appears). */
    public void wantBuckets(BucketKey key) {
        wantedBuckets.add(key);
    }

    /** Builds a bucket series now if the writer is idle; otherwise leaves it to the next append. */
    public void tryMaterialise(BucketKey key) {
        if (!lock.tryLock()) {
            wantedBuckets.add(key);
            return;
        }
        try {
            ensureOpen();
            gate.lock();
            try (Db db = new Db(dataSource.getConnection())) {
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
            } finally {
                gate.unlock();
            }
            series.publish();
            publish();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Empties everything — history, series, bucket series, dictionaries — in one transaction, then memory and the
     * readers' caches; the generation moves on, so that readers of an older snapshot start again.
     */
    public void clear() {
        lock.lock();
        try {
            ensureOpen();
            requireWritable();
            gate.lock();
            try (Db db = new Db(dataSource.getConnection()); Statement s = db.connection().createStatement()) {
                for (String t : run.dataTables()) {
                    s.executeUpdate("DELETE FROM " + t);
                }
                db.setGeneration(run, generation + 1);
                db.commit();
            } catch (SQLException e) {
                throw new StoreException("clear failed: " + e.getMessage(), e);
            } finally {
                gate.unlock();
            }
            generation++;
            dictionaries.clear();
            events.clear();
            logs.clear();
            series.clear();
            caches.clear();
            wantedBuckets.clear();
            publish();
        } finally {
            lock.unlock();
        }
    }

    private void requireWritable() {
        if (!writable) {
            throw new StoreException(run + " is a past run: its history is read-only", null);
        }
    }

    /** The writer cannot be used afterwards (the file stays open for the other runs; its owner checkpoints it). */
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
