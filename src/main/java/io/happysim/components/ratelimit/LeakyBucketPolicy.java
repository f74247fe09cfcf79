package io.happysim.components.ratelimit;

/**
 * Admits requests no closer together than 1/{@code leakRate}: the first passes, each later one
 * only when that much time has gone by since the last admitted one. No burst, so the output is
 * as smooth as the rate (the original's leaky bucket, a spacing rule rather than a water level).
 *
 * <p>Under random overload a request is admitted only when one arrives after the spacing has
 * run out, so the admitted rate is 1/(1/rate + 1/λ) for Poisson arrivals at λ (a limiter that
 * queues the excess admits exactly {@code leakRate}).
 */
public final class LeakyBucketPolicy implements RateLimitPolicy {
    private final double leakRate;
    private final long spacingNanos;
    private boolean admittedAny;
    private long lastAdmittedNanos;

    public LeakyBucketPolicy(double leakRate) {
        Waits.requirePositiveRate("leak rate", leakRate);
        this.leakRate = leakRate;
        this.spacingNanos = Waits.ceilNanos(1 / leakRate);
    }

    @Override
    public boolean tryAcquire(long nowNanos) {
        if (nanosUntilAvailable(nowNanos) > 0) {
            return false;
        }
        admittedAny = true;
        lastAdmittedNanos = nowNanos;
        return true;
    }

    @Override
    public long nanosUntilAvailable(long nowNanos) {
        return admittedAny ? Math.max(0L, lastAdmittedNanos + spacingNanos - nowNanos) : 0L;
    }

    public double leakRate() {
        return leakRate;
    }

    @Override
    public void reset() {
        admittedAny = false;
        lastAdmittedNanos = 0;
    }

    @Override
    public String toString() {
        return "leaky bucket (" + leakRate + "/s)";
    }
}
