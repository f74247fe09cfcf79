package io.happysim.components.resilience;

/**
 * When a closed {@link CircuitBreaker} opens, judged from the outcomes of the calls it sent while
 * closed: {@link ConsecutiveFailures} (the reference's rule) or a {@link FailureWindow} (a failure
 * rate over the last N calls). Cleared whenever the breaker closes.
 */
interface OpeningRule {
    /** Records one call's outcome; returns why the breaker must open now (a log line), or null. */
    String record(boolean failed);

    /** The failures that count toward opening now. */
    int failureCount();

    void clear();
}
