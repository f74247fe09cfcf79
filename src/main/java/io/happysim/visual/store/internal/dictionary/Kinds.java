package io.happysim.visual.store.internal.dictionary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Dictionary of row kinds: the distinct combinations of a row's categorical columns — for events
 * (type, target, source, internal, context shape — see {@link Shapes}), for logs (level, logger). Rows store only a kind
 * id; filters on those columns become a set of kind ids, and per-block kind counts answer totals without reading rows.
 * Same staging/publication discipline as {@link Names}. Column value 0 means null; the column indexes are named in
 * {@link Dictionaries}.
 */
public final class Kinds {
    private final String table;
    private final String[] columns;
    private int[][] cols;             // cols[c][id]
    private int size;
    private int committed;
    private final Map<Key, Integer> ids = new HashMap<>();
    private final Map<Key, Integer> staged = new HashMap<>();

    public Kinds(String table, String... columns) {
        this.table = table;
        this.columns = columns;
        this.cols = new int[columns.length][64];
    }

    private record Key(int a, int b, int c, int d, int e) {
    }

    /** Writer: the kind id of a row's column values (unused trailing columns 0), adding it (staged) when new. */
    public int idFor(int a, int b, int c, int d, int e) {
        Key k = new Key(a, b, c, d, e);
        Integer id = ids.get(k);
        if (id == null) {
            id = staged.get(k);
        }
        if (id != null) {
            return id;
        }
        if (size == cols[0].length) {
            for (int i = 0; i < cols.length; i++) {
                cols[i] = Arrays.copyOf(cols[i], size * 2);
            }
        }
        int nid = size++;
        int[] v = {a, b, c, d, e};
        for (int i = 0; i < cols.length; i++) {
            cols[i][nid] = v[i];
        }
        staged.put(k, nid);
        return nid;
    }

    public void write(Connection c) throws SQLException {
        if (size == committed) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append("(id");
        for (String col : columns) {
            sql.append(", ").append(col);
        }
        sql.append(") VALUES (?").append(", ?".repeat(columns.length)).append(")");
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int id = committed; id < size; id++) {
                p.setInt(1, id);
                for (int i = 0; i < columns.length; i++) {
                    int v = cols[i][id];
                    if (v == 0 && columns[i].endsWith("_id") && i > 0) {
                        p.setNull(i + 2, Types.INTEGER);
                    } else {
                        p.setInt(i + 2, v);
                    }
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    public void commit() {
        ids.putAll(staged);
        staged.clear();
        committed = size;
    }

    public void rollback() {
        staged.clear();
        size = committed;
    }

    /** Loading on open, in id order. */
    public void load(int id, int[] v) {
        while (id >= cols[0].length) {
            for (int i = 0; i < cols.length; i++) {
                cols[i] = Arrays.copyOf(cols[i], cols[i].length * 2);
            }
        }
        for (int i = 0; i < cols.length; i++) {
            cols[i][id] = v[i];
        }
        ids.put(new Key(v[0], v.length > 1 ? v[1] : 0, v.length > 2 ? v[2] : 0, v.length > 3 ? v[3] : 0, v.length > 4 ? v[4] : 0), id);
        size = Math.max(size, id + 1);
        committed = size;
    }

    public void clear() {
        cols = new int[columns.length][64];
        size = 0;
        committed = 0;
        ids.clear();
        staged.clear();
    }

    /** An immutable view of the committed kinds for readers. */
    public View view() {
        return new View(cols, committed);
    }

    /** The committed kinds as a reader sees them: never read past {@code count}. */
    public record View(int[][] cols, int count) {
        public int get(int column, int id) {
            return cols[column][id];
        }
    }
}
