package io.happysim.visual.store.internal.series;

import static io.happysim.visual.store.internal.series.SeriesStore.CHUNK_SAMPLES;

import java.util.Arrays;

/**
 * The writer's state of one stored series: the summaries of its sealed chunks (first, last, min, max with their times
 * and offsets: ≈ 90 bytes per chunk, so M4 can merge whole chunks without reading them) and its open chunk's
 * samples. Summary arrays are append-only (a slot is written before a view exposing it is published); readers get
 * {@link SeriesView}s. Writer only.
 */
final class SeriesChunks {
    final int id;
    final String name;
    long[] tFirst = new long[16];
    long[] tLast = new long[16];
    long[] tAtMin = new long[16];
    long[] tAtMax = new long[16];
    double[] vFirst = new double[16];
    double[] vLast = new double[16];
    double[] vMin = new double[16];
    double[] vMax = new double[16];
    int[] iMin = new int[16];
    int[] iMax = new int[16];
    int sealed;
    long[] tt = new long[CHUNK_SAMPLES];
    double[] tv = new double[CHUNK_SAMPLES];
    int tn;
    /** Changed since the last publication. */
    boolean changed;

    SeriesChunks(int id, String name) {
        this.id = id;
        this.name = name;
    }

    long count() {
        return (long) sealed * CHUNK_SAMPLES + tn;
    }

    long lastTime() {
        if (tn > 0) {
            return tt[tn - 1];
        }
        return sealed > 0 ? tLast[sealed - 1] : Long.MIN_VALUE;
    }

    /** Makes room for the next sealed chunk's summary. */
    private int nextSlot() {
        if (sealed == tFirst.length) {
            int cap = sealed * 2;
            tFirst = Arrays.copyOf(tFirst, cap);
            tLast = Arrays.copyOf(tLast, cap);
            tAtMin = Arrays.copyOf(tAtMin, cap);
            tAtMax = Arrays.copyOf(tAtMax, cap);
            vFirst = Arrays.copyOf(vFirst, cap);
            vLast = Arrays.copyOf(vLast, cap);
            vMin = Arrays.copyOf(vMin, cap);
            vMax = Arrays.copyOf(vMax, cap);
            iMin = Arrays.copyOf(iMin, cap);
            iMax = Arrays.copyOf(iMax, cap);
        }
        return sealed;
    }

    /** Seals the next chunk, known by its summary. */
    void addSealed(ChunkSummary c) {
        int s = nextSlot();
        tFirst[s] = c.tFirst();
        tLast[s] = c.tLast();
        vFirst[s] = c.vFirst();
        vLast[s] = c.vLast();
        vMin[s] = c.vMin();
        tAtMin[s] = c.tAtMin();
        iMin[s] = c.iMin();
        vMax[s] = c.vMax();
        tAtMax[s] = c.tAtMax();
        iMax[s] = c.iMax();
        sealed = s + 1;     // the arrays' slot s is written before a view exposing it is published
    }

    SeriesView view() {
        return SeriesView.of(this, sealed, Arrays.copyOf(tt, tn), Arrays.copyOf(tv, tn));
    }
}
