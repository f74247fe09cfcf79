package io.happysim.components.ratelimit;

/**
 * At most {@code limit} requests per window of {@code windowSeconds}, windows aligned to the
 * clock (the n-th covers [n·W, (n+1)·W)). Cheap, but the count restarts at each boundary, so up
 * to 2·limit can pass in a span of a little more than nothing around one.
 */
public final class FixedWindowPolicy implements RateLimitPolicy {
    private final int limit;
    private final long windowNanos;
    private long windowIndex = Long.MIN_VALUE;
    private int count;

    public FixedWindowPolicy(int limit, double windowSeconds) {
        Waits.requireAtLeastOne("requests per window", limit);
        this.limit = limit;
        this.windowNanos = Waits.windowNanos(windowSeconds);
    }

    @Override
    public boolean tryAcquire(long nowNanos) {
        roll(nowNanos);
        if (count >= limit) {
            return false;
        }
        count++;
        return true;
    }

    @Override
    public long nanosUntilAvailable(long nowNanos) {
        roll(nowNanos);
        return count < limit ? 0L : (windowIndex + 1) * windowNanos - nowNanos;
    }

    /** Requests admitted in the window that holds {@code nowNanos}. */
    public int count(long nowNanos) {
        return Math.floorDiv(nowNanos, windowNanos) == windowIndex ? count : 0;
    }

    @Override
    public Level level(long nowNanos) {
        return new Level("window_count", count(nowNanos));
    }

    public int limit() {
        return limit;
    }

    private void roll(long nowNanos) {
        long index = Math.floorDiv(nowNanos, windowNanos);
        if (index != windowIndex) {
            windowIndex = index;
            count = 0;
        }
    }

    @Override
    public void reset() {
        windowIndex = Long.MIN_VALUE;
        count = 0;
    }

    @Override
    public String toString() {
        return "fixed window (" + limit + " per " + windowNanos / 1e9 + " s)";
    }
}
