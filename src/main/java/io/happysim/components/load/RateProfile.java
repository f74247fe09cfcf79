package io.happysim.components.load;

/**
 * Arrival rate (events per second) as a function of simulated time in seconds.
 *
 * <p>A source finds its next arrival as the time at which the rate, integrated from the previous
 * arrival, reaches a target area (1 for evenly spaced arrivals, an exponential draw for Poisson).
 * Any profile works through numeric integration; the built-in shapes answer in closed form.
 */
@FunctionalInterface
public interface RateProfile {
    /** Events per second at time {@code seconds}; never negative. */
    double rateAt(double seconds);

    /**
     * The time {@code t >= fromSeconds} at which the integral of the rate from {@code fromSeconds}
     * reaches {@code area}, or {@code +Infinity} if it never does.
     */
    default double timeToAccumulate(double fromSeconds, double area) {
        return RateIntegration.solve(this, fromSeconds, area);
    }

    /** A constant rate. */
    static RateProfile constant(double rate) {
        return new ConstantRateProfile(rate);
    }

    /** {@code highRate} for {@code highSeconds}, then {@code lowRate} for {@code lowSeconds}, repeating (§6.1's BurstProfile). */
    static PiecewiseProfile burst(double highRate, double highSeconds, double lowRate, double lowSeconds) {
        return PiecewiseProfile.builder().hold(highSeconds, highRate).hold(lowSeconds, lowRate).repeat();
    }

    /** From {@code startRate} to {@code endRate} linearly over {@code seconds}, then {@code endRate} for ever. */
    static PiecewiseProfile linearRamp(double seconds, double startRate, double endRate) {
        return PiecewiseProfile.builder().ramp(seconds, startRate, endRate).thenConstant(endRate);
    }

    /** {@code baseline} until {@code warmupSeconds}, {@code spikeRate} for {@code spikeSeconds}, then {@code baseline} again. */
    static PiecewiseProfile spike(double baseline, double spikeRate, double warmupSeconds, double spikeSeconds) {
        return PiecewiseProfile.builder().hold(warmupSeconds, baseline).hold(spikeSeconds, spikeRate).thenConstant(baseline);
    }

    /** Starts a piecewise-constant / piecewise-linear profile. */
    static PiecewiseProfile.Builder piecewise() {
        return PiecewiseProfile.builder();
    }
}
