package io.happysim.components.ratelimit;

import io.happysim.core.Instant;

/** Conversions shared by the policies: waits round up so that they are never cut to zero. */
final class Waits {
    private Waits() {
    }

    /** {@code seconds} as nanoseconds rounded up: any positive wait is at least 1 ns. */
    static long ceilNanos(double seconds) {
        if (!(seconds > 0)) {
            return 0L;
        }
        double nanos = Math.ceil(seconds * 1e9);
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1L, (long) nanos);
    }

    /** A window length in whole nanoseconds (truncated, as times are), at least 1 ns. */
    static long windowNanos(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("window must be positive and finite, got " + seconds + " s");
        }
        return Math.max(1L, Instant.secondsToNanos(seconds));
    }

    static void requirePositiveRate(String what, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + rate);
        }
    }

    static void requireAtLeastOne(String what, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + count);
        }
    }
}
