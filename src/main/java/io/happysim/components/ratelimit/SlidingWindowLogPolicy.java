package io.happysim.components.ratelimit;

/**
 * At most {@code limit} requests in any window of {@code windowSeconds}: a log of admission
 * times, where an entry exactly W old still counts. Exact (no boundary effect), at the cost of
 * remembering up to {@code limit} times.
 *
 * <p>Refusing the excess, it is an Erlang loss system: each admission holds one of
 * {@code limit} places for exactly W, so Poisson arrivals at λ are admitted at
 * λ·(1 − B(limit, λ·W)) (Erlang's B formula), a little under limit/W under heavy overload; a
 * limiter that queues the excess admits limit/W.
 */
public final class SlidingWindowLogPolicy implements RateLimitPolicy {
    private final int limit;
    private final long windowNanos;
    /** Admission times in order, a ring of {@code limit} places. */
    private final long[] log;
    private int head;
    private int size;

    public SlidingWindowLogPolicy(int limit, double windowSeconds) {
        Waits.requireAtLeastOne("requests per window", limit);
        this.limit = limit;
        this.windowNanos = Waits.windowNanos(windowSeconds);
        this.log = new long[limit];
    }

    @Override
    public boolean tryAcquire(long nowNanos) {
        expire(nowNanos);
        if (size >= limit) {
            return false;
        }
        log[(head + size) % limit] = nowNanos;
        size++;
        return true;
    }

    /** The oldest entry stops counting 1 ns after it is exactly W old (the original's wait said W, when it still counted). */
    @Override
    public long nanosUntilAvailable(long nowNanos) {
        expire(nowNanos);
        return size < limit ? 0L : log[head] + windowNanos + 1 - nowNanos;
    }

    /** Admissions within the last window, [now − W, now]. */
    public int count(long nowNanos) {
        int inWindow = 0;
        for (int i = 0; i < size; i++) {
            if (log[(head + i) % limit] >= nowNanos - windowNanos) {
                inWindow++;
            }
        }
        return inWindow;
    }

    @Override
    public Level level(long nowNanos) {
        return new Level("window_count", count(nowNanos));
    }

    public int limit() {
        return limit;
    }

    private void expire(long nowNanos) {
        while (size > 0 && log[head] < nowNanos - windowNanos) {
            head = (head + 1) % limit;
            size--;
        }
    }

    @Override
    public void reset() {
        head = 0;
        size = 0;
    }

    @Override
    public String toString() {
        return "sliding window log (" + limit + " per " + windowNanos / 1e9 + " s)";
    }
}
