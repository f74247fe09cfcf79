package io.happysim.components.client;

import java.util.SplittableRandom;

/**
 * The waits before the retries of one logical request. A policy makes a fresh one per request
 * ({@link RetryPolicy#newBackoff()}), so state such as decorrelated jitter's previous wait belongs
 * to that request alone.
 */
@FunctionalInterface
public interface Backoff {
    /** The wait before the next retry, in nanoseconds: the first call gives the first retry's wait. */
    long nextDelayNanos(SplittableRandom random);
}
