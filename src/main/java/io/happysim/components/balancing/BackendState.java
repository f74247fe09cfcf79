package io.happysim.components.balancing;

import io.happysim.core.Entity;

/** A balancer's running state for one backend; {@link BackendInfo} is its read-only view. */
final class BackendState {
    final Entity backend;
    /** Configured with the balancer; a reset comes back to it. */
    double initialWeight = 1.0;
    double weight;
    boolean healthy;
    long outstanding;
    long consecutiveSuccesses;
    long consecutiveFailures;
    long totalRequests;
    long totalFailures;
    private long warmUpStartNanos;
    private long warmUpEndNanos;
    private double warmUpStartFraction;

    BackendState(Entity backend) {
        this.backend = backend;
        reset();
    }

    void reset() {
        weight = initialWeight;
        healthy = true;
        outstanding = 0;
        consecutiveSuccesses = 0;
        consecutiveFailures = 0;
        totalRequests = 0;
        totalFailures = 0;
        warmUpEndNanos = Long.MIN_VALUE;
    }

    /** The weight, ramped linearly from {@code startFraction} of it to all of it over the warm-up. */
    double weightAt(long nowNanos) {
        if (nowNanos >= warmUpEndNanos) {
            return weight;
        }
        double progress = (double) (nowNanos - warmUpStartNanos) / (warmUpEndNanos - warmUpStartNanos);
        return weight * (warmUpStartFraction + (1 - warmUpStartFraction) * progress);
    }

    void warmUp(long fromNanos, long durationNanos, double startFraction) {
        warmUpStartNanos = fromNanos;
        warmUpEndNanos = fromNanos + durationNanos;
        warmUpStartFraction = startFraction;
    }

    boolean isWarmingUp(long nowNanos) {
        return nowNanos < warmUpEndNanos;
    }

    void succeeded() {
        consecutiveSuccesses++;
        consecutiveFailures = 0;
    }

    void failed() {
        totalFailures++;
        consecutiveFailures++;
        consecutiveSuccesses = 0;
    }

    BackendInfo info(long nowNanos) {
        return new BackendInfo(backend.name(), weightAt(nowNanos), healthy, outstanding, consecutiveSuccesses,
                consecutiveFailures, totalRequests, totalFailures);
    }
}
