package io.happysim.visual.store.internal.dictionary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names dictionary (event types, entity names, logger names): id &gt;= 1 ↔ name. Append-only. The writer stages
 * new names inside its transaction and commits or rolls them back; readers see names through a published
 * array (never read past the count they were given) and a concurrent map filled only after commit.
 */
public final class Names {
    private final String insertSql;
    private String[] byId = new String[256];      // index = id; slot 0 unused
    private int size = 1;                         // next id
    private int committed = 1;
    private final Map<String, Integer> staged = new HashMap<>();
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    private final List<String> pending = new ArrayList<>();

    /** @param table the run's names table */
    public Names(String table) {
        this.insertSql = "INSERT INTO " + table + "(id, name) VALUES (?, ?)";
    }

    /** Writer: the id of {@code name}, adding it (staged) when new. */
    public int idFor(String name) {
        Integer id = published.get(name);
        if (id != null) {
            return id;
        }
        id = staged.get(name);
        if (id != null) {
            return id;
        }
        if (size == byId.length) {
            byId = Arrays.copyOf(byId, size * 2);
        }
        int nid = size++;
        byId[nid] = name;
        staged.put(name, nid);
        pending.add(name);
        return nid;
    }

    /** Writer: persists the names staged since the last commit (inside the open transaction). */
    public void write(Connection c) throws SQLException {
        Dictionaries.insertTexts(c, insertSql, committed, pending);
    }

    public void commit() {
        published.putAll(staged);
        staged.clear();
        pending.clear();
        committed = size;
    }

    public void rollback() {
        for (int i = committed; i < size; i++) {
            byId[i] = null;
        }
        size = committed;
        staged.clear();
        pending.clear();
    }

    /** Reader: the id of a committed name visible in a snapshot of {@code count} names, or -1. */
    public int lookup(String name, int count) {
        Integer id = published.get(name);
        return id != null && id < count ? id : -1;
    }

    public String[] array() {
        return byId;
    }

    public int committedCount() {
        return committed;
    }

    /** Loading on open: names come in id order. */
    public void load(int id, String name) {
        while (id >= byId.length) {
            byId = Arrays.copyOf(byId, byId.length * 2);
        }
        byId[id] = name;
        published.put(name, id);
        size = Math.max(size, id + 1);
        committed = size;
    }

    public void clear() {
        byId = new String[256];
        size = 1;
        committed = 1;
        staged.clear();
        pending.clear();
        published.clear();
    }
}
