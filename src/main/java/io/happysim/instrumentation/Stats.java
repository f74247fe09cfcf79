package io.happysim.instrumentation;

import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Small numeric helpers shared by the instrumentation and the components' metrics. */
public final class Stats {
    private Stats() {
    }

    /**
     * Linear-interpolated percentile of sorted values, as the original's {@code _percentile_sorted}:
     * empty gives 0, p <= 0 the minimum, p >= 1 the maximum.
     */
    public static double percentileSorted(double[] sorted, int count, double p) {
        if (count == 0) {
            return 0.0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        if (p >= 1) {
            return sorted[count - 1];
        }
        double position = p * (count - 1);
        int lo = (int) position;
        int hi = Math.min(lo + 1, count - 1);
        double fraction = position - lo;
        return sorted[lo] * (1 - fraction) + sorted[hi] * fraction;
    }

    /** Rounds like Python's {@code round(x, 6)}: half-even on the exact binary value. */
    public static double round6(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * Seconds from the event's {@code created_at} context entry (an {@link Instant} or a number of
     * seconds) to {@code nowNanos}; 0 when there is none, as the original.
     */
    public static double latencySeconds(Event event, long nowNanos) {
        Object created = event.contextView().get("created_at");
        if (created instanceof Instant instant) {
            return (nowNanos - instant.nanos()) / 1e9;
        }
        if (created instanceof Number seconds) {
            return nowNanos / 1e9 - seconds.doubleValue();
        }
        return 0.0;
    }
}
