package io.happysim.components.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A rate made of segments that hold a value or ramp linearly between two, followed either by a
 * constant tail or by repeating from the start. Arrivals are solved in closed form (a quadratic
 * per ramp), so a bursty source costs no numeric integration.
 */
public final class PiecewiseProfile implements RateProfile {
    private final double[] starts;
    private final double[] ends;
    private final double[] startRates;
    private final double[] endRates;
    private final double period;
    private final double tailRate;
    private final double cycleArea;

    private PiecewiseProfile(List<double[]> segments, boolean repeat, double tailRate) {
        int n = segments.size();
        starts = new double[n];
        ends = new double[n];
        startRates = new double[n];
        endRates = new double[n];
        double t = 0;
        double area = 0;
        for (int i = 0; i < n; i++) {
            double[] s = segments.get(i);
            starts[i] = t;
            t += s[0];
            ends[i] = t;
            startRates[i] = s[1];
            endRates[i] = s[2];
            area += (s[1] + s[2]) / 2 * s[0];
        }
        this.period = repeat ? t : 0;
        this.tailRate = tailRate;
        this.cycleArea = area;
        if (repeat && !(t > 0)) {
            throw new IllegalArgumentException("a repeating profile needs a positive total duration");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double rateAt(double seconds) {
        double t = seconds < 0 ? 0 : seconds;
        if (period > 0) {
            t = t % period;
        } else if (starts.length == 0 || t >= ends[ends.length - 1]) {
            return tailRate;
        }
        for (int i = 0; i < starts.length; i++) {
            if (t < ends[i]) {
                return rateInside(i, t);
            }
        }
        return period > 0 ? rateInside(starts.length - 1, t) : tailRate;
    }

    private double rateInside(int i, double t) {
        double width = ends[i] - starts[i];
        if (startRates[i] == endRates[i] || width <= 0) {
            return startRates[i];
        }
        return startRates[i] + (endRates[i] - startRates[i]) * (t - starts[i]) / width;
    }

    @Override
    public double timeToAccumulate(double fromSeconds, double area) {
        if (area <= 0) {
            return fromSeconds;
        }
        double from = Math.max(0, fromSeconds);
        double base = 0;
        double position = from;
        if (period > 0) {
            if (cycleArea <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            double cycles = Math.floor(from / period);
            base = cycles * period;
            position = from - base;
            // Skip whole cycles, but leave at least one to walk so exact multiples land on a segment end.
            double wholeCycles = Math.floor(area / cycleArea) - 1;
            if (wholeCycles >= 1) {
                area -= wholeCycles * cycleArea;
                base += wholeCycles * period;
            }
        }
        double remaining = area;
        while (true) {
            for (int i = 0; i < starts.length; i++) {
                if (position >= ends[i]) {
                    continue;
                }
                double x = Math.max(position, starts[i]);
                double rx = rateInside(i, x);
                double span = ends[i] - x;
                double slope = span > 0 && ends[i] > starts[i] ? (endRates[i] - startRates[i]) / (ends[i] - starts[i]) : 0;
                double available = rx * span + slope / 2 * span * span;
                if (available >= remaining && available > 0) {
                    return base + x + solveInside(rx, slope, remaining, span);
                }
                remaining -= available;
                position = ends[i];
            }
            if (period <= 0) {
                double end = starts.length == 0 ? 0 : ends[ends.length - 1];
                double start = Math.max(position, end);
                return tailRate > 0 ? start + remaining / tailRate : Double.POSITIVE_INFINITY;
            }
            base += period;
            position = 0;
        }
    }

    /** Smallest d in [0, span] with rx*d + slope/2*d^2 = area (the stable root of the quadratic). */
    private static double solveInside(double rx, double slope, double area, double span) {
        double d;
        if (slope == 0) {
            d = area / rx;
        } else {
            double discriminant = Math.max(0, rx * rx + 2 * slope * area);
            d = 2 * area / (rx + Math.sqrt(discriminant));
        }
        return Math.min(Math.max(d, 0), span);
    }

    @Override
    public String toString() {
        return "PiecewiseProfile(" + starts.length + " segments" + (period > 0 ? ", repeating every " + period + " s" : "") + ")";
    }

    /** Segments in time order, starting at t = 0. */
    public static final class Builder {
        private final List<double[]> segments = new ArrayList<>();

        private Builder() {
        }

        /** {@code rate} for {@code seconds}. */
        public Builder hold(double seconds, double rate) {
            return ramp(seconds, rate, rate);
        }

        /** From {@code startRate} to {@code endRate} linearly over {@code seconds}. */
        public Builder ramp(double seconds, double startRate, double endRate) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("segment duration must be finite and non-negative, got " + seconds);
            }
            if (!(startRate >= 0) || !(endRate >= 0) || Double.isInfinite(startRate) || Double.isInfinite(endRate)) {
                throw new IllegalArgumentException("rates must be finite and non-negative");
            }
            segments.add(new double[] {seconds, startRate, endRate});
            return this;
        }

        /** After the last segment the rate stays at {@code rate} for ever. */
        public PiecewiseProfile thenConstant(double rate) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be finite and non-negative, got " + rate);
            }
            return new PiecewiseProfile(segments, false, rate);
        }

        /** After the last segment the profile starts again from the first. */
        public PiecewiseProfile repeat() {
            return new PiecewiseProfile(segments, true, 0);
        }
    }
}
