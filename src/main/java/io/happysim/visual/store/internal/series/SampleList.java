package io.happysim.visual.store.internal.series;

import java.util.Arrays;

/**
 * A growable list of (time, value) pairs in two parallel arrays: a batch's samples of one series, or buckets (the
 * bucket index as the "time"). One thread at a time.
 */
public final class SampleList {
    long[] times = new long[16];
    double[] values = new double[16];
    int size;

    public void add(long time, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** The pairs so far, for an append (the arrays are shared, not copied: the list must not change meanwhile). */
    public SampleRun run() {
        return new SampleRun(times, values, size);
    }
}
