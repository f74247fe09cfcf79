package io.happysim.visual.store.internal.series;

/** Sample indexes {@code [from, to)} of one series. */
record IndexRange(long from, long to) {
    boolean isEmpty() {
        return to <= from;
    }

    long size() {
        return to - from;
    }
}
