package io.happysim.components.ratelimit;

/**
 * A bucket of up to {@code capacity} tokens that refills at {@code refillRate} per second; each
 * request takes one. It allows a burst of {@code capacity} and then {@code refillRate} per second,
 * so over any span T it admits at most capacity + rate·T.
 *
 * <p>Refill is lazy, computed from the time of the previous call; the bucket starts filling at
 * the first call (as the original), not at the start of the run.
 */
public final class TokenBucketPolicy implements RateLimitPolicy {
    /** Refill arithmetic in doubles may land a hair under a whole token exactly when the wait says it is due. */
    private static final double EPSILON = 1e-9;

    private final double initialCapacity;
    private final double initialRate;
    private final double initialTokens;
    private double capacity;
    private double refillRate;
    private double tokens;
    private long stampNanos;
    private boolean stamped;

    public TokenBucketPolicy(double capacity, double refillRate, double initialTokens) {
        if (!(capacity >= 1) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity must be at least 1 token and finite, got " + capacity);
        }
        Waits.requirePositiveRate("refill rate", refillRate);
        if (!(initialTokens >= 0 && initialTokens <= capacity)) {
            throw new IllegalArgumentException("initial tokens must be in [0, " + capacity + "], got " + initialTokens);
        }
        this.initialCapacity = capacity;
        this.initialRate = refillRate;
        this.initialTokens = initialTokens;
        reset();
    }

    /** A full bucket. */
    public TokenBucketPolicy(double capacity, double refillRate) {
        this(capacity, refillRate, capacity);
    }

    @Override
    public boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1 - EPSILON) {
            return false;
        }
        tokens = Math.max(0, tokens - 1);
        return true;
    }

    @Override
    public long nanosUntilAvailable(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 - EPSILON ? 0L : Waits.ceilNanos((1 - tokens) / refillRate);
    }

    /** Tokens in the bucket at {@code nowNanos}. */
    public double tokens(long nowNanos) {
        return stamped ? Math.min(capacity, tokens + (nowNanos - stampNanos) * refillRate / 1e9) : tokens;
    }

    public double capacity() {
        return capacity;
    }

    public double refillRate() {
        return refillRate;
    }

    @Override
    public Level level(long nowNanos) {
        return new Level("tokens", tokens(nowNanos));
    }

    @Override
    public void reset() {
        capacity = initialCapacity;
        refillRate = initialRate;
        tokens = initialTokens;
        stampNanos = 0;
        stamped = false;
    }

    /** A new size and speed from {@code nowNanos} on (what an adaptive limiter changes); tokens beyond the new capacity are lost. */
    void retune(long nowNanos, double newCapacity, double newRate) {
        refill(nowNanos);
        capacity = newCapacity;
        refillRate = newRate;
        tokens = Math.min(tokens, capacity);
    }

    private void refill(long nowNanos) {
        if (stamped) {
            long elapsed = nowNanos - stampNanos;
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed * refillRate / 1e9);
            }
        }
        stampNanos = nowNanos;
        stamped = true;
    }

    @Override
    public String toString() {
        return "token bucket (" + initialCapacity + " tokens, " + initialRate + "/s)";
    }
}
