package io.happysim.components.resilience;

/** The reference's opening rule: {@code threshold} failures in a row; a success starts the count again. */
final class ConsecutiveFailures implements OpeningRule {
    private final int threshold;
    private int failures;

    ConsecutiveFailures(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1, got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public String record(boolean failed) {
        if (!failed) {
            failures = 0;
            return null;
        }
        failures++;
        return failures >= threshold
                ? "circuit opened after " + failures + " consecutive failure" + (failures == 1 ? "" : "s")
                : null;
    }

    @Override
    public int failureCount() {
        return failures;
    }

    @Override
    public void clear() {
        failures = 0;
    }
}
