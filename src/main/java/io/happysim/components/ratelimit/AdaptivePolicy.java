package io.happysim.components.ratelimit;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Additive increase, multiplicative decrease: a token bucket holding {@code rate·window} tokens
 * and refilling at {@code rate}, where every success raises the rate by a step (up to a maximum)
 * and every failure multiplies it by a factor below one (down to a minimum). The rate seeks the
 * highest level the protected service can take, as TCP's congestion window does.
 *
 * <p>Successes and failures come from whoever sees the outcomes: a {@link RateLimitedEntity}
 * reports the replies of the requests it admitted, or a model calls {@link #recordSuccess} and
 * {@link #recordFailure} itself.
 */
public final class AdaptivePolicy implements RateLimitPolicy, OutcomeFeedback {
    /** How many rate changes the history keeps (a long run changes the rate on almost every reply). */
    public static final int HISTORY_LIMIT = 10_000;

    /** One change of rate: when, the new rate, and why ({@code null} reason = an increase after a success). */
    public record RateChange(long timeNanos, double rate, Reason reason) {
    }

    private final double initialRate;
    private final double minRate;
    private final double maxRate;
    private final double increaseStep;
    private final double decreaseFactor;
    private final double windowSeconds;
    private final TokenBucketPolicy bucket;
    private final ArrayDeque<RateChange> history = new ArrayDeque<>();
    private double rate;
    private long successes;
    private long failures;
    private long timeouts;
    private long rateIncreases;
    private long rateDecreases;

    private AdaptivePolicy(Builder b) {
        Waits.requirePositiveRate("minimum rate", b.minRate);
        if (!(b.maxRate >= b.minRate) || Double.isInfinite(b.maxRate)) {
            throw new IllegalArgumentException("need minimum <= maximum rate < infinity, got [" + b.minRate + ", " + b.maxRate + "]");
        }
        if (!(b.initialRate >= b.minRate && b.initialRate <= b.maxRate)) {
            throw new IllegalArgumentException("initial rate " + b.initialRate + " is outside [" + b.minRate + ", " + b.maxRate + "]");
        }
        double step = Double.isNaN(b.increaseStep) ? 0.1 * b.initialRate : b.increaseStep;
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("increase step must be non-negative and finite, got " + step);
        }
        if (!(b.decreaseFactor > 0 && b.decreaseFactor < 1)) {
            throw new IllegalArgumentException("decrease factor must be in (0, 1), got " + b.decreaseFactor);
        }
        Waits.windowNanos(b.windowSeconds);
        this.initialRate = b.initialRate;
        this.minRate = b.minRate;
        this.maxRate = b.maxRate;
        this.increaseStep = step;
        this.decreaseFactor = b.decreaseFactor;
        this.windowSeconds = b.windowSeconds;
        this.bucket = new TokenBucketPolicy(capacityFor(initialRate), initialRate);
        reset();
    }

    /** Defaults as the original: initial 100/s, range [1, 10000], step 10% of the initial rate, factor 0.5, window 1 s. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean tryAcquire(long nowNanos) {
        return bucket.tryAcquire(nowNanos);
    }

    @Override
    public long nanosUntilAvailable(long nowNanos) {
        return bucket.nanosUntilAvailable(nowNanos);
    }

    @Override
    public void recordSuccess(long nowNanos) {
        successes++;
        double raised = Math.min(maxRate, rate + increaseStep);
        if (raised != rate) {
            rateIncreases++;
            change(nowNanos, raised, null);
        }
    }

    @Override
    public void recordFailure(long nowNanos, Reason reason) {
        failures++;
        if (reason == Reason.TIMEOUT) {
            timeouts++;
        }
        double lowered = Math.max(minRate, rate * decreaseFactor);
        if (lowered != rate) {
            rateDecreases++;
            change(nowNanos, lowered, reason);
        }
    }

    private void change(long nowNanos, double newRate, Reason reason) {
        rate = newRate;
        bucket.retune(nowNanos, capacityFor(newRate), newRate);
        if (history.size() == HISTORY_LIMIT) {
            history.removeFirst();
        }
        history.addLast(new RateChange(nowNanos, newRate, reason));
    }

    /** A window's worth of tokens, but at least one, or a low rate with a short window would admit nothing. */
    private double capacityFor(double r) {
        return Math.max(1.0, r * windowSeconds);
    }

    public double currentRate() {
        return rate;
    }

    public double tokens(long nowNanos) {
        return bucket.tokens(nowNanos);
    }

    public long successes() {
        return successes;
    }

    /** Every reported failure, timeouts included. */
    public long failures() {
        return failures;
    }

    public long timeouts() {
        return timeouts;
    }

    public long rateIncreases() {
        return rateIncreases;
    }

    public long rateDecreases() {
        return rateDecreases;
    }

    /** The newest {@link #HISTORY_LIMIT} rate changes, oldest first. */
    public List<RateChange> rateHistory() {
        return List.copyOf(history);
    }

    @Override
    public Level level(long nowNanos) {
        return new Level("current_rate", rate);
    }

    @Override
    public void reset() {
        rate = initialRate;
        bucket.reset();
        history.clear();
        successes = 0;
        failures = 0;
        timeouts = 0;
        rateIncreases = 0;
        rateDecreases = 0;
    }

    @Override
    public String toString() {
        return "adaptive AIMD (" + initialRate + "/s in [" + minRate + ", " + maxRate + "], +" + increaseStep + ", ×" + decreaseFactor + ")";
    }

    public static final class Builder {
        private double initialRate = 100;
        private double minRate = 1;
        private double maxRate = 10_000;
        private double increaseStep = Double.NaN;
        private double decreaseFactor = 0.5;
        private double windowSeconds = 1.0;

        private Builder() {
        }

        public Builder initialRate(double perSecond) {
            this.initialRate = perSecond;
            return this;
        }

        public Builder minRate(double perSecond) {
            this.minRate = perSecond;
            return this;
        }

        public Builder maxRate(double perSecond) {
            this.maxRate = perSecond;
            return this;
        }

        /** Added to the rate on every success; default 10% of the initial rate. */
        public Builder increaseStep(double perSecond) {
            this.increaseStep = perSecond;
            return this;
        }

        /** The rate is multiplied by this on every failure, in (0, 1). */
        public Builder decreaseFactor(double factor) {
            this.decreaseFactor = factor;
            return this;
        }

        /** The bucket holds rate × window tokens (the burst it allows). */
        public Builder windowSeconds(double seconds) {
            this.windowSeconds = seconds;
            return this;
        }

        public AdaptivePolicy build() {
            return new AdaptivePolicy(this);
        }
    }
}
