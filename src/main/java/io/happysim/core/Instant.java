package io.happysim.core;

/**
 * A point in simulated time, in whole nanoseconds since the epoch of the simulation.
 *
 * <p>Long nanoseconds keep event ordering exact (no float ties drifting apart); {@link #INFINITY}
 * stands for "never" and absorbs arithmetic, so an endless simulation needs no special case.
 */
public final class Instant implements Comparable<Instant> {
    /** Nanosecond value reserved for {@link #INFINITY}. */
    public static final long INFINITE_NANOS = Long.MAX_VALUE;
    public static final Instant EPOCH = new Instant(0L);
    public static final Instant INFINITY = new Instant(INFINITE_NANOS);

    private final long nanos;

    private Instant(long nanos) {
        this.nanos = nanos;
    }

    public static Instant ofNanos(long nanos) {
        if (nanos == 0L) {
            return EPOCH;
        }
        return nanos == INFINITE_NANOS ? INFINITY : new Instant(nanos);
    }

    /** Seconds to nanoseconds by truncation, as the original does ({@code int(s * 1e9)}). */
    public static Instant ofSeconds(double seconds) {
        return ofNanos(secondsToNanos(seconds));
    }

    /** The truncating seconds-to-nanoseconds conversion used everywhere a float time becomes exact. */
    public static long secondsToNanos(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("time is NaN");
        }
        if (seconds >= 9.2e9) {
            return INFINITE_NANOS;
        }
        return (long) (seconds * 1e9);
    }

    public long nanos() {
        return nanos;
    }

    public double toSeconds() {
        return nanos == INFINITE_NANOS ? Double.POSITIVE_INFINITY : nanos / 1e9;
    }

    public boolean isInfinite() {
        return nanos == INFINITE_NANOS;
    }

    public Instant plus(Duration duration) {
        return ofNanos(addSaturating(nanos, duration.nanos()));
    }

    public Instant plusSeconds(double seconds) {
        return plus(Duration.ofSeconds(seconds));
    }

    /** The duration from {@code earlier} to this instant; infinite if either side is. */
    public Duration minus(Instant earlier) {
        if (nanos == INFINITE_NANOS || earlier.nanos == INFINITE_NANOS) {
            return Duration.INFINITY;
        }
        return Duration.ofNanos(nanos - earlier.nanos);
    }

    public boolean isBefore(Instant other) {
        return nanos < other.nanos;
    }

    public boolean isAfter(Instant other) {
        return nanos > other.nanos;
    }

    static long addSaturating(long a, long b) {
        if (a == INFINITE_NANOS || b == INFINITE_NANOS) {
            return INFINITE_NANOS;
        }
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b > 0 ? INFINITE_NANOS : Long.MIN_VALUE;
        }
        return sum;
    }

    @Override
    public int compareTo(Instant other) {
        return Long.compare(nanos, other.nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instant other && other.nanos == nanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanos);
    }

    /** {@code T00:00:00.050000} (hours, minutes, seconds, microseconds), as the original's repr. */
    @Override
    public String toString() {
        return format(nanos);
    }

    public static String format(long nanos) {
        if (nanos == INFINITE_NANOS) {
            return "Instant.Infinity";
        }
        String sign = nanos < 0 ? "-" : "";
        long abs = Math.abs(nanos);
        long micros = (abs / 1_000L) % 1_000_000L;
        long totalSeconds = abs / 1_000_000_000L;
        long hours = totalSeconds / 3600;
        long minutes = (totalSeconds / 60) % 60;
        long seconds = totalSeconds % 60;
        return String.format("%sT%02d:%02d:%02d.%06d", sign, hours, minutes, seconds, micros);
    }
}
