package io.happysim.components.load;

/** A constant rate: the next arrival is simply {@code from + area / rate}. */
public final class ConstantRateProfile implements RateProfile {
    private final double rate;

    public ConstantRateProfile(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be finite and non-negative, got " + rate);
        }
        this.rate = rate;
    }

    public double rate() {
        return rate;
    }

    @Override
    public double rateAt(double seconds) {
        return rate;
    }

    @Override
    public double timeToAccumulate(double fromSeconds, double area) {
        return rate > 0 ? fromSeconds + area / rate : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "ConstantRateProfile(" + rate + "/s)";
    }
}
