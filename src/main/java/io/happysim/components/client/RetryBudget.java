package io.happysim.components.client;

/**
 * How many retries a client may send: a token bucket of {@code capacity} tokens, full at the
 * start, refilled at {@code refillPerSecond} and, as gRPC's retry throttling and Finagle's
 * budgets do, by {@code tokensPerSuccess} for every request that succeeds. A retry takes one
 * token; without one it is not sent and the request fails. Over a long run retries cannot exceed
 * {@code capacity + refillPerSecond · T} (plus what successes earn), so a retry storm is capped.
 */
public record RetryBudget(double capacity, double refillPerSecond, double tokensPerSuccess) {
    public RetryBudget {
        if (!(capacity >= 1) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity must be at least one token and finite, got " + capacity);
        }
        requireRate("refill rate", refillPerSecond);
        requireRate("tokens per success", tokensPerSuccess);
    }

    /** A bucket of {@code capacity} retries refilled at {@code refillPerSecond}, earning nothing per success. */
    public static RetryBudget of(double capacity, double refillPerSecond) {
        return new RetryBudget(capacity, refillPerSecond, 0.0);
    }

    /** The same bucket, also earning {@code tokens} (e.g. 0.1: one retry per ten successes) per success. */
    public RetryBudget earningPerSuccess(double tokens) {
        return new RetryBudget(capacity, refillPerSecond, tokens);
    }

    private static void requireRate(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be >= 0 and finite, got " + value);
        }
    }
}
