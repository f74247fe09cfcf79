package io.happysim.core;

/** A span of simulated time in whole nanoseconds; {@link #INFINITY} means "never ends". */
public final class Duration implements Comparable<Duration> {
    public static final Duration ZERO = new Duration(0L);
    public static final Duration INFINITY = new Duration(Instant.INFINITE_NANOS);

    private final long nanos;

    private Duration(long nanos) {
        this.nanos = nanos;
    }

    public static Duration ofNanos(long nanos) {
        if (nanos == 0L) {
            return ZERO;
        }
        return nanos == Instant.INFINITE_NANOS ? INFINITY : new Duration(nanos);
    }

    /** Truncating conversion, as {@link Instant#ofSeconds(double)}. */
    public static Duration ofSeconds(double seconds) {
        if (seconds == Double.POSITIVE_INFINITY) {
            return INFINITY;
        }
        return ofNanos(Instant.secondsToNanos(seconds));
    }

    public static Duration ofMillis(long millis) {
        return ofNanos(Math.multiplyExact(millis, 1_000_000L));
    }

    public long nanos() {
        return nanos;
    }

    public double toSeconds() {
        return nanos == Instant.INFINITE_NANOS ? Double.POSITIVE_INFINITY : nanos / 1e9;
    }

    public boolean isInfinite() {
        return nanos == Instant.INFINITE_NANOS;
    }

    public Duration plus(Duration other) {
        return ofNanos(Instant.addSaturating(nanos, other.nanos));
    }

    @Override
    public int compareTo(Duration other) {
        return Long.compare(nanos, other.nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duration other && other.nanos == nanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanos);
    }

    @Override
    public String toString() {
        return nanos == Instant.INFINITE_NANOS ? "Duration.Infinity" : "D" + Instant.format(nanos).replaceFirst("T", "");
    }
}
