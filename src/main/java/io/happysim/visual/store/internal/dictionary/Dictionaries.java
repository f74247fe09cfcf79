package io.happysim.visual.store.internal.dictionary;

import io.happysim.visual.store.internal.schema.Db;
import io.happysim.visual.store.internal.schema.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The four dictionaries of one store — names, context shapes, event kinds, log kinds — staged, written, committed and
 * rolled back together by the writer, and seen together by readers ({@link View}).
 */
public final class Dictionaries {
    /** Columns of an event kind. */
    public static final int EVENT_TYPE = 0;
    public static final int EVENT_TARGET = 1;
    public static final int EVENT_SOURCE = 2;
    public static final int EVENT_INTERNAL = 3;
    public static final int EVENT_SHAPE = 4;
    /** Columns of a log kind. */
    public static final int LOG_LEVEL = 0;
    public static final int LOG_LOGGER = 1;

    private final Tables run;
    private final Names names;
    private final Shapes shapes;
    private final Kinds eventKinds;
    private final Kinds logKinds;

    /**
     * @param run       whose dictionaries these are
     * @param maxShapes how many context shapes the shape dictionary takes before storing contexts verbatim
     */
    public Dictionaries(Tables run, int maxShapes) {
        this.run = run;
        this.names = new Names(run.names());
        this.shapes = new Shapes(run.shapes(), maxShapes);
        this.eventKinds = new Kinds(run.eventKinds(), "type_id", "target_id", "source_id", "internal", "shape_id");
        this.logKinds = new Kinds(run.logKinds(), "level", "logger_id");
    }

    public Shapes shapes() {
        return shapes;
    }

    /** Writer: the name's id, staged when new. */
    public int name(String name) {
        return names.idFor(name);
    }

    /** Writer: the kind of an event row, staged when new. */
    public int eventKind(int type, int target, int source, boolean internal, int shape) {
        return eventKinds.idFor(type, target, source, internal ? 1 : 0, shape);
    }

    /** Writer: the kind of a log row, staged when new. */
    public int logKind(int levelRank, int logger) {
        return logKinds.idFor(levelRank, logger, 0, 0, 0);
    }

    /** Writer: persists what was staged, inside the open transaction. */
    public void write(Db db) throws SQLException {
        names.write(db.connection());
        shapes.write(db.connection());
        eventKinds.write(db.connection());
        logKinds.write(db.connection());
    }

    public void commit() {
        names.commit();
        shapes.commit();
        eventKinds.commit();
        logKinds.commit();
    }

    public void rollback() {
        names.rollback();
        shapes.rollback();
        eventKinds.rollback();
        logKinds.rollback();
    }

    public void clear() {
        names.clear();
        shapes.clear();
        eventKinds.clear();
        logKinds.clear();
    }

    /** Inserts texts staged since the last commit with consecutive ids from {@code firstId} (names, shapes). */
    static void insertTexts(Connection c, String sql, int firstId, List<String> texts) throws SQLException {
        if (texts.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int id = firstId;
            for (String t : texts) {
                p.setInt(1, id++);
                p.setString(2, t);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Reloads every dictionary from the file. */
    public void load(Db db) throws SQLException {
        clear();
        try (Statement s = db.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM " + run.names() + " ORDER BY id")) {
                while (rs.next()) {
                    names.load(rs.getInt(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, shape FROM " + run.shapes() + " ORDER BY id")) {
                while (rs.next()) {
                    shapes.load(rs.getInt(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, type_id, target_id, coalesce(source_id, 0), internal, coalesce(shape_id, 0) FROM " + run.eventKinds()
                    + " ORDER BY id")) {
                while (rs.next()) {
                    eventKinds.load(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, level, logger_id FROM " + run.logKinds() + " ORDER BY id")) {
                while (rs.next()) {
                    logKinds.load(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
        }
    }

    public View view() {
        return new View(names, names.array(), names.committedCount(), shapes.view(), eventKinds.view(), logKinds.view());
    }

    /** The committed dictionaries as readers see them at one commit. */
    public record View(Names lookup, String[] names, int nameCount, Shapes.View shapes, Kinds.View eventKinds, Kinds.View logKinds) {
        /** The name of an id, or null (0, or beyond this view). */
        public String name(int id) {
            return id <= 0 || id >= nameCount ? null : names[id];
        }

        /** The id of a committed name visible in this view, or -1. */
        public int id(String name) {
            return lookup.lookup(name, nameCount);
        }

        /** Distinct event types, sorted. */
        public List<String> eventTypes() {
            Set<String> out = new TreeSet<>();
            for (int k = 0; k < eventKinds.count(); k++) {
                out.add(name(eventKinds.get(EVENT_TYPE, k)));
            }
            return List.copyOf(out);
        }

        /** Distinct entity names, as a target or a source of an event, sorted. */
        public List<String> entityNames() {
            Set<String> out = new TreeSet<>();
            for (int k = 0; k < eventKinds.count(); k++) {
                out.add(name(eventKinds.get(EVENT_TARGET, k)));
                String src = name(eventKinds.get(EVENT_SOURCE, k));
                if (src != null) {
                    out.add(src);
                }
            }
            return List.copyOf(out);
        }

        /** Per name id: whether the lower-cased name contains {@code lower}. */
        public boolean[] nameHits(String lower) {
            boolean[] hit = new boolean[Math.max(1, nameCount)];
            for (int i = 1; i < nameCount; i++) {
                hit[i] = names[i].toLowerCase(Locale.ROOT).contains(lower);
            }
            return hit;
        }
    }
}
