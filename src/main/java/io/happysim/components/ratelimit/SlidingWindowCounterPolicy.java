package io.happysim.components.ratelimit;

/**
 * The two-window approximation of a sliding window: with {@code previous} requests in the last
 * clock-aligned window and {@code current} in this one, a fraction f of the way through it, the
 * estimate is previous·(1 − f) + current, and a request passes while the estimate is below
 * {@code limit}. Two counters instead of a log; it assumes the previous window's requests were
 * spread evenly, so it can be off either way when they were not.
 *
 * <p>The comparison is done in whole nanoseconds (previous·(W − e) + current·W &lt; limit·W), so
 * the wait it reports is exact.
 */
public final class SlidingWindowCounterPolicy implements RateLimitPolicy {
    private final int limit;
    private final long windowNanos;
    private long windowIndex = Long.MIN_VALUE;
    private long previous;
    private long current;

    public SlidingWindowCounterPolicy(int limit, double windowSeconds) {
        Waits.requireAtLeastOne("requests per window", limit);
        this.limit = limit;
        this.windowNanos = Waits.windowNanos(windowSeconds);
        if (2L * (limit + 1L) > Long.MAX_VALUE / windowNanos) {
            throw new IllegalArgumentException("limit × window too large for exact arithmetic: " + limit + " per " + windowSeconds + " s");
        }
    }

    @Override
    public boolean tryAcquire(long nowNanos) {
        roll(nowNanos);
        if (!admits(nowNanos - windowIndex * windowNanos)) {
            return false;
        }
        current++;
        return true;
    }

    @Override
    public long nanosUntilAvailable(long nowNanos) {
        roll(nowNanos);
        long elapsed = nowNanos - windowIndex * windowNanos;
        if (admits(elapsed)) {
            return 0L;
        }
        if (current < limit) {
            // previous·(W − e) < (limit − current)·W  ⇔  previous·e > previous·W − (limit − current)·W
            long threshold = previous * windowNanos - (limit - current) * windowNanos;
            long due = threshold / previous + 1;
            return (due < windowNanos ? due : windowNanos) - elapsed;
        }
        // full this window: in the next one, current becomes previous and must weigh less than limit
        long due = (current - limit) * windowNanos / current + 1;
        return windowNanos - elapsed + Math.min(due, windowNanos);
    }

    private boolean admits(long elapsed) {
        return previous * (windowNanos - elapsed) + current * windowNanos < limit * windowNanos;
    }

    /** The estimate previous·(1 − f) + current at {@code nowNanos}. */
    public double estimate(long nowNanos) {
        long index = Math.floorDiv(nowNanos, windowNanos);
        long prev;
        long curr;
        if (index == windowIndex) {
            prev = previous;
            curr = current;
        } else {
            prev = index == windowIndex + 1 ? current : 0;
            curr = 0;
        }
        double fraction = (nowNanos - index * windowNanos) / (double) windowNanos;
        return prev * (1 - fraction) + curr;
    }

    @Override
    public Level level(long nowNanos) {
        return new Level("window_estimate", estimate(nowNanos));
    }

    public int limit() {
        return limit;
    }

    private void roll(long nowNanos) {
        long index = Math.floorDiv(nowNanos, windowNanos);
        if (index == windowIndex) {
            return;
        }
        previous = index == windowIndex + 1 ? current : 0;
        current = 0;
        windowIndex = index;
    }

    @Override
    public void reset() {
        windowIndex = Long.MIN_VALUE;
        previous = 0;
        current = 0;
    }

    @Override
    public String toString() {
        return "sliding window counter (" + limit + " per " + windowNanos / 1e9 + " s)";
    }
}
