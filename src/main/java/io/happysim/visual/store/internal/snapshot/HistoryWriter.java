package io.happysim.visual.store.internal.snapshot;

import io.happysim.visual.store.LogLevel;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.StoreLimits;
import io.happysim.visual.store.internal.dictionary.Dictionaries;
import io.happysim.visual.store.internal.journal.AppendStage;
import io.happysim.visual.store.internal.journal.Journal;
import io.happysim.visual.store.internal.journal.JournalFormat;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.OtherVersions;
import io.happysim.visual.store.internal.schema.PageSize;
import io.happysim.visual.store.internal.schema.Schema;
import io.happysim.visual.store.internal.schema.StoreMeta;
import io.happysim.visual.store.internal.series.BucketKey;
import io.happysim.visual.store.internal.series.SampleRun;
import io.happysim.visual.store.internal.series.SeriesStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The store's one writer: opens the file (schema, layout, every summary rebuilt from it), appends batches, builds
 * bucket series, clears. Each of these takes the writer lock and runs one transaction; in-memory state changes only
 * after the commit and is then published as a new {@link Snapshot}. A failed append rolls back, leaves memory as it
 * was and throws {@link StoreException}: the caller retries the same batch.
 *
 * <p>Every field but the published snapshot, the flags and the counters is guarded by the writer lock.
 */
public final class HistoryWriter {
    private final DataSource dataSource;
    private final StoreLimits limits;
    private final ReadCaches caches;
    private final Consumer<OtherVersions.Discarded> onDiscarded;
    private final ReentrantLock lock = new ReentrantLock();
    private final Dictionaries dictionaries;
    private final SeriesStore series;
    private final Set<BucketKey> wantedBuckets = ConcurrentHashMap.newKeySet();
    private Journal events;     // made at the first open, with the file's block size
    private Journal logs;
    private long generation;
    private volatile Snapshot published;
    private volatile boolean opened;
    private volatile boolean needsReload;
    private volatile boolean closed;
    private volatile long appends;
    private volatile double lastAppendMs;

    /**
     * @param onDiscarded told when the file held another schema version, whose history is dropped
     */
    public HistoryWriter(DataSource dataSource, StoreLimits limits, ReadCaches caches, Consumer<OtherVersions.Discarded> onDiscarded) {
        this.dataSource = dataSource;
        this.limits = limits;
        this.caches = caches;
        this.onDiscarded = onDiscarded;
        this.dictionaries = new Dictionaries(limits.maxShapes());
        this.series = new SeriesStore(caches.chunks());
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
            PageSize.preferLargePages(dataSource);
            try (Db db = new Db(dataSource.getConnection())) {
                OtherVersions.dropIfOther(db, onDiscarded);
                StoreMeta.Layout layout;
                try (Statement s = db.connection().createStatement()) {
                    Schema.create(s);
                    layout = StoreMeta.settle(s, new StoreMeta.Layout(limits.eventBlockRows(), limits.logBlockRows()),
                            SeriesStore.CHUNK_SAMPLES);
                }
                db.commit();
                if (events == null) {
                    events = new Journal(JournalFormat.events(layout.eventBlockRows()), dictionaries.shapes());
                    logs = new Journal(JournalFormat.logs(layout.logBlockRows()), null);
                }
                loadAll(db);
                db.commit();
            }
            opened = true;
            needsReload = false;
        } catch (SQLException e) {
            throw new StoreException("cannot open the history store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void loadAll(Db db) throws SQLException {
        dictionaries.clear();
        caches.clear();
        try (Statement s = db.connection().createStatement()) {
            generation = StoreMeta.generation(s);
        }
        dictionaries.load(db);
        events.load(db);
        logs.load(db);
        series.load(db);
        publish();
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
            validate(newEvents, newLogs, samples);
            Db db = null;
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
            try (Db db = new Db(dataSource.getConnection()); Statement s = db.connection().createStatement()) {
                for (String t : Schema.DATA_TABLES) {
                    s.executeUpdate("DELETE FROM " + t);
                }
                StoreMeta.setGeneration(db.connection(), generation + 1);
                db.commit();
            } catch (SQLException e) {
                throw new StoreException("clear failed: " + e.getMessage(), e);
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

    /** Checkpoints the WAL into the main file; the store cannot be used afterwards. */
    public void close() {
        lock.lock();
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
            lock.unlock();
        }
    }
}
