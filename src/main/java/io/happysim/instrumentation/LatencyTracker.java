package io.happysim.instrumentation;

import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** A terminal entity that records each arriving event's latency since its {@code created_at}. */
public final class LatencyTracker extends RecordingSink {
    public LatencyTracker(String name) {
        super(name, "latency");
    }

    public LatencyTracker() {
        this("LatencyTracker");
    }

    @Override
    double sample(Event event, long nowNanos) {
        return Stats.latencySeconds(event, nowNanos);
    }

    public double meanLatency() {
        return data().mean();
    }

    public double p50() {
        return data().percentile(0.50);
    }

    public double p99() {
        return data().percentile(0.99);
    }

    /** Mean and percentiles per window of {@code windowSeconds}. */
    public BucketedData summary(double windowSeconds) {
        return data().bucket(windowSeconds);
    }

    /** {@code count, mean_latency, p50, p99}, rounded to 6 places as the original. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("count", count());
        metrics.put("mean_latency", Stats.round6(meanLatency()));
        metrics.put("p50", Stats.round6(p50()));
        metrics.put("p99", Stats.round6(p99()));
        return metrics;
    }
}
