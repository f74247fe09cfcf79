package io.happysim.visual.store;

/** A time series answer: times in seconds and values, same length, ascending time. */
public record SeriesData(double[] times, double[] values) {
    public static final SeriesData EMPTY = new SeriesData(new double[0], new double[0]);

    public int size() {
        return times.length;
    }
}
