package io.happysim.visual.store.internal.series;

/** Sample indexes {@code [from, to)} of one series. */
public record IndexRange(long from, long to) {
    public boolean isEmpty() {
        return to <= from;
    }

    public long size() {
        return to - from;
    }
}
