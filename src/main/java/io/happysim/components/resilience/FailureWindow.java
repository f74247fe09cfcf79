package io.happysim.components.resilience;

import java.util.Arrays;
import java.util.Locale;

/**
 * resilience4j's count-based sliding window as an opening rule: the outcomes of the last
 * {@code size} calls in a ring with a running failure count (O(1) per call); once at least
 * {@code minimumCalls} are recorded, a failure rate at or above the threshold opens the breaker.
 */
final class FailureWindow implements OpeningRule {
    private final boolean[] failed;
    private final double thresholdPercent;
    private final int minimumCalls;
    private int next;
    private int recorded;
    private int failures;

    FailureWindow(int size, double thresholdPercent, int minimumCalls) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + size);
        }
        if (!(thresholdPercent > 0 && thresholdPercent <= 100)) {
            throw new IllegalArgumentException("failure rate threshold must be in (0, 100], got " + thresholdPercent);
        }
        if (minimumCalls < 1 || minimumCalls > size) {
            throw new IllegalArgumentException("minimum calls must be in [1, " + size + "], got " + minimumCalls);
        }
        this.failed = new boolean[size];
        this.thresholdPercent = thresholdPercent;
        this.minimumCalls = minimumCalls;
    }

    /** Records one call's outcome, evicting the oldest when the window is full. */
    @Override
    public String record(boolean failure) {
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
        return recorded >= minimumCalls && failureRatePercent() >= thresholdPercent
                ? String.format(Locale.ROOT, "circuit opened: %.1f%% of the last %d calls failed", failureRatePercent(), recorded)
                : null;
    }

    @Override
    public int failureCount() {
        return failures;
    }

    /** Failures as a percentage of the calls recorded (0 when none are). */
    double failureRatePercent() {
        return recorded == 0 ? 0.0 : 100.0 * failures / recorded;
    }

    @Override
    public void clear() {
        Arrays.fill(failed, false);
        next = 0;
        recorded = 0;
        failures = 0;
    }
}
