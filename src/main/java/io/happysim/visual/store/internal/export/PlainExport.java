package io.happysim.visual.store.internal.export;

import io.happysim.visual.store.ChunkSink;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.SampleSink;
import io.happysim.visual.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes a run as a plain SQLite file in the seed design's row schema ({@link SeedSchema}). The file is attached to
 * one connection of the store's DataSource ({@code ATTACH ? AS export}: the path is a bound parameter), so it needs no
 * driver of its own; its transactions touch only the attached file — never the history file's write lock — and it
 * runs without a journal (a failed export is deleted, not recovered). Rows arrive in chunks from the caller's sources,
 * each chunk read from one snapshot, so memory stays constant however long the run; the indexes are built at the end.
 */
public final class PlainExport {
    /** Rows inserted per transaction of the export file. */
    static final int COMMIT_ROWS = 65_536;

    /** Rows of one kind, handed over chunk by chunk. */
    @FunctionalInterface
    public interface Source<T> {
        void into(ChunkSink<T> sink) throws IOException;
    }

    /** The samples of every series, series by series. */
    public interface SeriesSource {
        List<String> names();

        void into(String series, SampleSink sink) throws IOException;
    }

    /** Rows written. */
    public record Counts(long events, long logs, long samples) {
        public long rows() {
            return events + logs + samples;
        }
    }

    private final Connection c;
    private long uncommitted;

    private PlainExport(Connection c) {
        this.c = c;
    }

    /**
     * Writes the file at {@code target} (replaced if it exists). On failure the file is deleted and the exception
     * passed on ({@link StoreException} for the database, {@link IOException} from a source).
     *
     * @param info what the run was ({@code run_info} rows)
     */
    public static Counts write(DataSource dataSource, Path target, Map<String, String> info, Source<RecordedEvent> events,
                               Source<RecordedLog> logs, SeriesSource series) throws IOException {
        Files.deleteIfExists(target);
        boolean attached = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS " + SeedSchema.SCHEMA)) {
                attach.setString(1, target.toAbsolutePath().toString());
                attach.execute();
                attached = true;
            }
            try {
                return new PlainExport(c).fill(info, events, logs, series);
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("DETACH DATABASE " + SeedSchema.SCHEMA);
                }
            }
        } catch (SQLException e) {
            Files.deleteIfExists(target);
            throw new StoreException("export failed" + (attached ? "" : " (cannot create " + target + ")") + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private Counts fill(Map<String, String> info, Source<RecordedEvent> events, Source<RecordedLog> logs, SeriesSource series)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA " + SeedSchema.SCHEMA + ".journal_mode=OFF");
            s.execute("PRAGMA " + SeedSchema.SCHEMA + ".synchronous=OFF");
            for (String ddl : SeedSchema.TABLES) {
                s.executeUpdate(ddl);
            }
        }
        c.setAutoCommit(false);
        long[] counts = new long[3];
        try (PreparedStatement p = c.prepareStatement(SeedSchema.INSERT_EVENT)) {
            events.into(rows -> counts[0] += insertEvents(p, rows));
        }
        try (PreparedStatement p = c.prepareStatement(SeedSchema.INSERT_LOG)) {
            logs.into(rows -> counts[1] += insertLogs(p, rows));
        }
        try (PreparedStatement p = c.prepareStatement(SeedSchema.INSERT_SAMPLE)) {
            for (String name : series.names()) {
                series.into(name, (t, v, n) -> counts[2] += insertSamples(p, name, t, v, n));
            }
        }
        try (PreparedStatement p = c.prepareStatement(SeedSchema.INSERT_INFO)) {
            for (Map.Entry<String, String> e : info.entrySet()) {
                p.setString(1, e.getKey());
                p.setString(2, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            for (String ddl : SeedSchema.INDEXES) {
                s.executeUpdate(ddl);
            }
        }
        c.commit();
        return new Counts(counts[0], counts[1], counts[2]);
    }

    private int insertEvents(PreparedStatement p, List<RecordedEvent> rows) throws IOException {
        try {
            for (RecordedEvent e : rows) {
                p.setLong(1, e.eventId());
                p.setDouble(2, e.timeS());
                p.setString(3, e.eventType());
                p.setString(4, e.targetName());
                text(p, 5, e.sourceName());
                p.setInt(6, e.internal() ? 1 : 0);
                text(p, 7, e.contextJson());
                p.addBatch();
            }
            p.executeBatch();
            committed(rows.size());
            return rows.size();
        } catch (SQLException e) {
            throw new IOException("cannot write events to the export: " + e.getMessage(), e);
        }
    }

    private int insertLogs(PreparedStatement p, List<RecordedLog> rows) throws IOException {
        try {
            for (RecordedLog l : rows) {
                p.setLong(1, l.logId());
                if (l.timeS() == null) {
                    p.setNull(2, Types.REAL);
                } else {
                    p.setDouble(2, l.timeS());
                }
                p.setString(3, l.wallTime());
                p.setString(4, l.level());
                p.setString(5, l.loggerName());
                p.setString(6, l.message());
                p.addBatch();
            }
            p.executeBatch();
            committed(rows.size());
            return rows.size();
        } catch (SQLException e) {
            throw new IOException("cannot write log lines to the export: " + e.getMessage(), e);
        }
    }

    private int insertSamples(PreparedStatement p, String name, long[] t, double[] v, int n) throws IOException {
        try {
            for (int i = 0; i < n; i++) {
                p.setString(1, name);
                p.setDouble(2, t[i] / 1e9);
                p.setDouble(3, v[i]);
                p.addBatch();
            }
            p.executeBatch();
            committed(n);
            return n;
        } catch (SQLException e) {
            throw new IOException("cannot write samples to the export: " + e.getMessage(), e);
        }
    }

    private void committed(int rows) throws SQLException {
        uncommitted += rows;
        if (uncommitted >= COMMIT_ROWS) {
            c.commit();
            uncommitted = 0;
        }
    }

    private static void text(PreparedStatement p, int i, String value) throws SQLException {
        if (value == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, value);
        }
    }
}
