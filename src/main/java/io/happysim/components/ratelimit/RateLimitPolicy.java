package io.happysim.components.ratelimit;

/**
 * The rule a rate limiter applies: may one more request pass now, and if not, how long until one
 * may. A policy is state (tokens, a window's count, a log); times are the simulation's nanoseconds
 * and never go back between calls.
 *
 * <p>The two questions agree: {@link #nanosUntilAvailable} is zero exactly when {@link #tryAcquire}
 * would succeed, and a positive wait is rounded up, never down to zero, so a limiter that waits
 * that long finds the policy ready instead of polling again at the same instant.
 */
public interface RateLimitPolicy {
    /** Takes one unit and returns true if a request may pass at {@code nowNanos}; false (and no change) if not. */
    boolean tryAcquire(long nowNanos);

    /** Zero if {@link #tryAcquire} would succeed at {@code nowNanos}, else the (positive) nanoseconds until it would. */
    long nanosUntilAvailable(long nowNanos);

    /** Back to the state it was built with. */
    void reset();

    /**
     * The policy's fill level for a limiter's card (tokens left, requests in the window), or null
     * when it has none. Reading it changes nothing.
     */
    default Level level(long nowNanos) {
        return null;
    }

    /** A named level, e.g. {@code tokens = 2.5}. */
    record Level(String name, double value) {
    }
}
