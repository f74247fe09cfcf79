package io.happysim.visual.store.internal.schema;

/**
 * Times arrive in seconds and are stored in nanoseconds: the exact nanosecond bounds of an inclusive range in
 * seconds, so that a stored time {@code t} passes exactly when {@code t / 1e9} does (the wire shows {@code t / 1e9}).
 */
public final class TimeBounds {
    private TimeBounds() {
    }

    /** The least nanosecond count whose time in seconds is at or after {@code seconds}. */
    public static long ceilNs(double seconds) {
        double x = Math.ceil(seconds * 1e9);
        if (x >= 9.2e18) {
            return Long.MAX_VALUE;
        }
        if (x <= -9.2e18) {
            return Long.MIN_VALUE + 1;
        }
        long c = (long) x;
        while (c / 1e9 < seconds) {
            c++;
        }
        while ((c - 1) / 1e9 >= seconds) {
            c--;
        }
        return c;
    }

    /** The greatest nanosecond count whose time in seconds is at or before {@code seconds}. */
    public static long floorNs(double seconds) {
        double x = Math.floor(seconds * 1e9);
        if (x >= 9.2e18) {
            return Long.MAX_VALUE - 1;
        }
        if (x <= -9.2e18) {
            return Long.MIN_VALUE + 1;
        }
        long c = (long) x;
        while (c / 1e9 > seconds) {
            c--;
        }
        while ((c + 1) / 1e9 <= seconds) {
            c++;
        }
        return c;
    }
}
