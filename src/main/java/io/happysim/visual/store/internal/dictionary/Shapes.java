package io.happysim.visual.store.internal.dictionary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dictionary of context <em>shapes</em> (see {@link DigitRuns}). Shape ids: 0 = {@link #NONE} (no text),
 * 1 = {@link #RAW} (stored verbatim: not pure ASCII, longer than {@link DigitRuns#MAX_LEN}, or the dictionary is full),
 * 2… = entries. The shape is part of an event's kind, so a search term without a digit is resolved once per shape
 * ({@link ShapeMatch}) and then counted from the per-block kind counts, like a type filter; only terms with digits look
 * at the digit runs.
 *
 * <p>Same staging/publication discipline as {@link Names}: the writer stages, commits or rolls back; readers use the
 * published arrays and never read past the count they were given.
 */
public final class Shapes {
    public static final int NONE = 0;
    public static final int RAW = 1;
    /** Whatever the number of entries, their characters together stay under this. */
    static final long MAX_CHARS = 1L << 20;

    private final String insertSql;
    private final int maxShapes;
    private String[] byId = new String[64];
    private String[] lowerById = new String[64];
    private int[] slotsById = new int[64];
    private int size = 2;
    private int committed = 2;
    private long chars;
    private long committedChars;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> staged = new ArrayList<>();

    /**
     * @param table     the run's shapes table
     * @param maxShapes ids at most (the two reserved ones included); new shapes beyond are stored verbatim
     */
    public Shapes(String table, int maxShapes) {
        this.insertSql = "INSERT INTO " + table + "(id, shape) VALUES (?, ?)";
        this.maxShapes = maxShapes;
    }

    /** Writer: the shape id of a text (0 for null), adding the shape (staged) when new and there is room. */
    public int idFor(String text) {
        if (text == null) {
            return NONE;
        }
        String shape = DigitRuns.shapeOf(text);
        if (shape == null) {
            return RAW;
        }
        Integer id = ids.get(shape);
        if (id != null) {
            return id;
        }
        if (size >= maxShapes || chars + shape.length() > MAX_CHARS) {
            return RAW;
        }
        if (size == byId.length) {
            grow(size * 2);
        }
        int nid = size++;
        put(nid, shape);
        staged.add(shape);
        return nid;
    }

    private void grow(int capacity) {
        byId = Arrays.copyOf(byId, capacity);
        lowerById = Arrays.copyOf(lowerById, capacity);
        slotsById = Arrays.copyOf(slotsById, capacity);
    }

    private void put(int id, String shape) {
        byId[id] = shape;
        lowerById[id] = shape.toLowerCase(Locale.ROOT);
        slotsById[id] = DigitRuns.slots(shape);
        chars += shape.length();
        ids.put(shape, id);
    }

    public void write(Connection c) throws SQLException {
        Dictionaries.insertTexts(c, insertSql, committed, staged);
    }

    public void commit() {
        staged.clear();
        committed = size;
        committedChars = chars;
    }

    public void rollback() {
        for (int i = committed; i < size; i++) {
            ids.remove(byId[i]);
            byId[i] = null;
            lowerById[i] = null;
        }
        size = committed;
        chars = committedChars;
        staged.clear();
    }

    /** Loading on open, in id order. */
    public void load(int id, String shape) {
        while (id >= byId.length) {
            grow(byId.length * 2);
        }
        put(id, shape);
        size = Math.max(size, id + 1);
        committed = size;
        committedChars = chars;
    }

    public void clear() {
        byId = new String[64];
        lowerById = new String[64];
        slotsById = new int[64];
        size = 2;
        committed = 2;
        chars = 0;
        committedChars = 0;
        ids.clear();
        staged.clear();
    }

    public View view() {
        return new View(byId, lowerById, slotsById, committed);
    }

    /** The committed shapes as a reader sees them. */
    public record View(String[] shapes, String[] lower, int[] slots, int count) {
        /** How a (lower-cased) search term meets each shape. */
        public ShapeMatch match(String q) {
            return ShapeMatch.of(this, q);
        }
    }
}
