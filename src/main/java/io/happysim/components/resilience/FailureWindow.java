package io.happysim.components.resilience;

/**
 * The outcomes of the last {@code size} calls (a count-based sliding window, as resilience4j's):
 * a ring of flags with a running failure count, so recording and asking the rate cost O(1).
 */
final class FailureWindow {
    private final boolean[] failed;
    private int next;
    private int recorded;
    private int failures;

    FailureWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + size);
        }
        this.failed = new boolean[size];
    }

    /** Records one call's outcome, evicting the oldest when the window is full. */
    void record(boolean failure) {
        if (recorded == failed.length) {
            if (failed[next]) {
                failures--;
            }
        } else {
            recorded++;
        }
        failed[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % failed.length;
    }

    int size() {
        return failed.length;
    }

    int recorded() {
        return recorded;
    }

    int failures() {
        return failures;
    }

    /** Failures as a percentage of the calls recorded (0 when none are). */
    double failureRatePercent() {
        return recorded == 0 ? 0.0 : 100.0 * failures / recorded;
    }

    void clear() {
        java.util.Arrays.fill(failed, false);
        next = 0;
        recorded = 0;
        failures = 0;
    }
}
