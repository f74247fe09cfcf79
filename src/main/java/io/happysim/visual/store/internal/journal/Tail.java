package io.happysim.visual.store.internal.journal;

import java.util.Arrays;

/** Rows of the open (partial) block, kept decoded by the writer: it is rewritten by every append. Writer only. */
final class Tail {
    long[] times;
    int[] kinds;
    int[] shapeIds;
    String[] texts;      // row * fields + field
    int n;
    private final int fields;

    Tail(int capacity, int fields) {
        this.fields = fields;
        times = new long[capacity];
        kinds = new int[capacity];
        shapeIds = new int[capacity];
        texts = new String[capacity * fields];
    }

    Tail copy() {
        Tail t = new Tail(Math.max(16, n), fields);
        System.arraycopy(times, 0, t.times, 0, n);
        System.arraycopy(kinds, 0, t.kinds, 0, n);
        System.arraycopy(shapeIds, 0, t.shapeIds, 0, n);
        System.arraycopy(texts, 0, t.texts, 0, n * fields);
        t.n = n;
        return t;
    }

    String text(int row, int field) {
        return texts[row * fields + field];
    }

    void add(long time, int kind, String t0, String t1, int shape) {
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            kinds = Arrays.copyOf(kinds, n * 2);
            shapeIds = Arrays.copyOf(shapeIds, n * 2);
            texts = Arrays.copyOf(texts, n * 2 * fields);
        }
        times[n] = time;
        kinds[n] = kind;
        shapeIds[n] = shape;
        texts[n * fields] = t0;
        if (fields > 1) {
            texts[n * fields + 1] = t1;
        }
        n++;
    }
}
