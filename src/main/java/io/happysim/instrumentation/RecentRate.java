package io.happysim.instrumentation;

/**
 * How often something happened lately, per second of simulated time: retries/s, timeouts/s,
 * rejections/s — the numbers a component shows on its card while a model runs.
 *
 * <p>The window (1 s unless told) is cut into ten slots; a mark counts into the slot of its time,
 * and the rate is the marks inside the last window divided by the window, the slot the window
 * starts in counted for the part of it inside (so a read at a slot boundary is not a tenth low). It
 * costs two array writes per mark and no allocation, so hot components can afford it.
 */
public final class RecentRate {
    private static final int SLOTS = 10;

    private final long slotNanos;
    /** One slot more than the window holds: the oldest is only partly inside it. */
    private final long[] slotOf = new long[SLOTS + 1];
    private final long[] counts = new long[SLOTS + 1];

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
        int index = (int) Math.floorMod(slot, SLOTS + 1);
        if (slotOf[index] != slot) {
            slotOf[index] = slot;
            counts[index] = 0;
        }
        counts[index] += count;
    }

    /**
     * Occurrences per second over the window ending at {@code nowNanos}: the marks of the slots
     * inside it, the oldest slot counted for the part of it still inside, divided by the window.
     */
    public double perSecond(long nowNanos) {
        long current = Math.floorDiv(nowNanos, slotNanos);
        double gone = (nowNanos - current * slotNanos) / (double) slotNanos;
        double total = 0;
        for (int i = 0; i <= SLOTS; i++) {
            long slot = slotOf[i];
            if (slot > current - SLOTS && slot <= current) {
                total += counts[i];
            } else if (slot == current - SLOTS) {
                total += counts[i] * (1 - gone);
            }
        }
        return total / (SLOTS * slotNanos / 1e9);
    }

    public void clear() {
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
        java.util.Arrays.fill(counts, 0);
    }
}
