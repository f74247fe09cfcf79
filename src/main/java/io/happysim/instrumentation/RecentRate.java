package io.happysim.instrumentation;

/**
 * How often something happened lately, per second of simulated time: retries/s, timeouts/s,
 * rejections/s — the numbers a component shows on its card while a model runs.
 *
 * <p>The window (1 s unless told) is cut into ten slots; a mark counts into the slot of its time,
 * and the rate is the marks of the slots that overlap the last window, divided by the window. It
 * costs two array writes per mark and no allocation, so hot components can afford it.
 */
public final class RecentRate {
    private static final int SLOTS = 10;

    private final long slotNanos;
    private final long[] slotOf = new long[SLOTS];
    private final long[] counts = new long[SLOTS];

    public RecentRate(double windowSeconds) {
        if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("window must be positive and finite, got " + windowSeconds);
        }
        this.slotNanos = Math.max(1L, Math.round(windowSeconds * 1e9 / SLOTS));
        clear();
    }

    /** Over the last second. */
    public RecentRate() {
        this(1.0);
    }

    /** One occurrence at {@code nowNanos} (times never go back in a simulation). */
    public void mark(long nowNanos) {
        mark(nowNanos, 1);
    }

    public void mark(long nowNanos, long count) {
        long slot = Math.floorDiv(nowNanos, slotNanos);
        int index = (int) Math.floorMod(slot, SLOTS);
        if (slotOf[index] != slot) {
            slotOf[index] = slot;
            counts[index] = 0;
        }
        counts[index] += count;
    }

    /** Occurrences per second over the window ending at {@code nowNanos}. */
    public double perSecond(long nowNanos) {
        long current = Math.floorDiv(nowNanos, slotNanos);
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slotOf[i] > current - SLOTS && slotOf[i] <= current) {
                total += counts[i];
            }
        }
        return total / (SLOTS * slotNanos / 1e9);
    }

    public void clear() {
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
        java.util.Arrays.fill(counts, 0);
    }
}
