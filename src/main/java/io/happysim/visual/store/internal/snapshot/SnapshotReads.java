package io.happysim.visual.store.internal.snapshot;

import io.happysim.visual.store.NoSuchRunException;
import io.happysim.visual.store.StoreException;
import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.Tables;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs a read of one run against its current snapshot in one SQLite read transaction (WAL: it never waits for the writer). When
 * the file was cleared after the snapshot was taken (its generation moved on), the read starts again on the new
 * snapshot, a few times at the most.
 */
public final class SnapshotReads {
    private static final int RETRIES = 3;

    /** A read of one snapshot on one connection. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Snapshot snapshot, Db db) throws SQLException;
    }

    private final DataSource dataSource;
    private final Tables run;
    private final Supplier<Snapshot> snapshots;

    public SnapshotReads(DataSource dataSource, Tables run, Supplier<Snapshot> snapshots) {
        this.dataSource = dataSource;
        this.run = run;
        this.snapshots = snapshots;
    }

    public <T> T read(Read<T> op) {
        for (int attempt = 0; ; attempt++) {
            Snapshot s = snapshots.get();
            try (Db db = new Db(dataSource.getConnection())) {
                long generation = db.generation(run);
                if (generation == Db.NO_RUN) {
                    throw new NoSuchRunException(run.runId());     // deleted meanwhile
                }
                if (generation != s.generation() && attempt < RETRIES) {
                    continue;   // cleared after our snapshot was taken: take the new one
                }
                return op.run(s, db);
            } catch (SQLException e) {
                throw new StoreException("history query failed: " + e.getMessage(), e);
            }
        }
    }
}
