package io.happysim.visual.store.internal.series;

/** Samples of one series in one append, in non-decreasing time: the first {@code size} of each array. */
public record SampleRun(long[] times, double[] values, int size) {
}
