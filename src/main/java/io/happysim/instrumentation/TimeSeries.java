package io.happysim.instrumentation;

/** Parallel arrays of times (seconds) and values: what a chart draws. */
public record TimeSeries(double[] times, double[] values) {
    public static final TimeSeries EMPTY = new TimeSeries(new double[0], new double[0]);

    public int size() {
        return times.length;
    }
}
