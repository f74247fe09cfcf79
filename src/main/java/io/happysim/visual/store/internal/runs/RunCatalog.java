package io.happysim.visual.store.internal.runs;

import io.happysim.visual.store.RunFinish;
import io.happysim.visual.store.RunRecord;
import io.happysim.visual.store.RunStart;
import io.happysim.visual.store.internal.schema.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of runs: one row of {@code runs} per run, with what its owner said about it and what the store counted.
 * Every statement is parameterised; each method runs inside the caller's transaction.
 */
public final class RunCatalog {
    private static final String COLUMNS = "id, scenario, title, seed, params, params_changed, started_at, ended_at, time_reached_s, "
            + "events, logs, samples, bytes";
    private static final String DETAILS = ", view, final_state";

    private RunCatalog() {
    }

    /** Adds a run and answers its id (never one a deleted run had). */
    public static long insert(Db db, RunStart start) throws SQLException {
        PreparedStatement p = db.ps("INSERT INTO runs(scenario, title, seed, params, params_changed, started_at, view) VALUES (?, ?, ?, ?, ?, ?, ?)");
        p.setString(1, start.scenario());
        p.setString(2, start.title());
        p.setLong(3, start.seed());
        p.setString(4, start.paramsJson());
        p.setString(5, start.paramsChangedJson());
        p.setLong(6, start.startedAtMs());
        p.setString(7, start.viewJson());
        p.executeUpdate();
        try (ResultSet rs = db.ps("SELECT last_insert_rowid()").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every run, newest first; {@code details} adds the view and the final state (larger texts). */
    public static List<RunRecord> list(Db db, boolean details) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (ResultSet rs = db.ps("SELECT " + COLUMNS + (details ? DETAILS : "") + " FROM runs ORDER BY id DESC").executeQuery()) {
            while (rs.next()) {
                out.add(record(rs, details));
            }
        }
        return out;
    }

    /** One run with its details, or null. */
    public static RunRecord find(Db db, long id) throws SQLException {
        PreparedStatement p = db.ps("SELECT " + COLUMNS + DETAILS + " FROM runs WHERE id = ?");
        p.setLong(1, id);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? record(rs, true) : null;
        }
    }

    /** The newest run's id, or 0 when there is none. */
    public static long newest(Db db) throws SQLException {
        try (ResultSet rs = db.ps("SELECT coalesce(max(id), 0) FROM runs").executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Ends a run: the owner's final word and the store's counts and size. */
    public static void finish(Db db, long id, RunFinish finish, Counts counts) throws SQLException {
        PreparedStatement p = db.ps("UPDATE runs SET ended_at = ?, time_reached_s = ?, final_state = coalesce(?, final_state), "
                + "events = ?, logs = ?, samples = ?, bytes = ? WHERE id = ?");
        p.setLong(1, finish.endedAtMs());
        p.setDouble(2, finish.timeReachedS());
        if (finish.finalStateJson() == null) {
            p.setNull(3, Types.VARCHAR);
        } else {
            p.setString(3, finish.finalStateJson());
        }
        p.setLong(4, counts.events());
        p.setLong(5, counts.logs());
        p.setLong(6, counts.samples());
        p.setLong(7, counts.bytes());
        p.setLong(8, id);
        p.executeUpdate();
    }

    /** Updates a run's size (a past run grows when a chart builds a bucket series into it). */
    public static void setBytes(Db db, long id, long bytes) throws SQLException {
        PreparedStatement p = db.ps("UPDATE runs SET bytes = ? WHERE id = ?");
        p.setLong(1, bytes);
        p.setLong(2, id);
        p.executeUpdate();
    }

    /** Removes a run's row; its tables are dropped separately. True when it was there. */
    public static boolean delete(Db db, long id) throws SQLException {
        PreparedStatement p = db.ps("DELETE FROM runs WHERE id = ?");
        p.setLong(1, id);
        return p.executeUpdate() > 0;
    }

    /** What the store counted in a run, and the bytes its tables take. */
    public record Counts(long events, long logs, long samples, long bytes) {
    }

    private static RunRecord record(ResultSet rs, boolean details) throws SQLException {
        long ended = rs.getLong(8);
        Long endedAt = rs.wasNull() ? null : ended;
        return new RunRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getLong(7), endedAt, rs.getDouble(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                details ? rs.getString(14) : null, details ? rs.getString(15) : null);
    }
}
