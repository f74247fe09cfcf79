package io.happysim.instrumentation;

/**
 * The time-weighted mean of a level that changes at instants — a queue's length, the busy servers
 * of a pool: ∫ level dt ÷ elapsed time. Queueing results (L, ρ, Little's law) are stated in these
 * terms, not as means of samples taken at arrivals. Time before {@code fromNanos} (a warm-up) is
 * not counted.
 */
public final class TimeWeighted {
    private long fromNanos;
    private long lastNanos;
    private double level;
    private double area;

    /** Starts over at {@code nowNanos} with level 0, counting from {@code fromNanos} (≥ now for a warm-up). */
    public void restart(long nowNanos, long fromNanos) {
        this.fromNanos = Math.max(nowNanos, fromNanos);
        this.lastNanos = nowNanos;
        this.level = 0;
        this.area = 0;
    }

    /** The level changes to {@code newLevel} at {@code nowNanos}. */
    public void set(long nowNanos, double newLevel) {
        accumulate(nowNanos);
        level = newLevel;
    }

    private void accumulate(long nowNanos) {
        long from = Math.max(lastNanos, fromNanos);
        if (nowNanos > from) {
            area += level * (double) (nowNanos - from);
        }
        lastNanos = Math.max(lastNanos, nowNanos);
    }

    /** The mean level over [max(start, warm-up end), now]; the current level if no time has been counted yet. */
    public double mean(long nowNanos) {
        accumulate(nowNanos);
        double elapsed = nowNanos - fromNanos;
        return elapsed > 0 ? area / elapsed : level;
    }

    public double level() {
        return level;
    }
}
