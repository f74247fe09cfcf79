package io.happysim.components.client;

/**
 * How an exponential backoff spreads its waits, after the AWS Architecture Blog's "Exponential
 * Backoff And Jitter" (with e = min(cap, initial · multiplier^(k−1)) for the k-th retry): jitter
 * keeps clients that failed together from retrying together.
 */
public enum Jitter {
    /** Exactly e. */
    NONE,
    /** Uniform in [0, e]: mean e/2. */
    FULL,
    /** e/2 plus uniform in [0, e/2]: mean 3e/4, never shorter than half the backoff. */
    EQUAL,
    /**
     * min(cap, uniform in [initial, previous · multiplier]), the previous wait starting at
     * initial: grows from the request's own last wait rather than from the retry count (AWS uses
     * multiplier 3; see {@link RetryPolicy#decorrelatedJitter}).
     */
    DECORRELATED
}
