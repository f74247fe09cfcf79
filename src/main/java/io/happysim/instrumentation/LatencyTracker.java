package io.happysim.instrumentation;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** A terminal entity that records each arriving event's latency since its {@code created_at}. */
public final class LatencyTracker extends Entity implements SeriesOwner {
    private final Data data = new Data();
    private long count;

    public LatencyTracker(String name) {
        super(name);
    }

    public LatencyTracker() {
        this("LatencyTracker");
    }

    @Override
    protected void handle(Event event) {
        long now = nowNanos();
        data.add(now, Stats.latencySeconds(event, now));
        count++;
    }

    @Override
    protected void reset() {
        data.clear();
        count = 0;
    }

    public long count() {
        return count;
    }

    public Data data() {
        return data;
    }

    public double meanLatency() {
        return data.mean();
    }

    public double p50() {
        return data.percentile(0.50);
    }

    public double p99() {
        return data.percentile(0.99);
    }

    /** Mean and percentiles per window of {@code windowSeconds}. */
    public BucketedData summary(double windowSeconds) {
        return data.bucket(windowSeconds);
    }

    /** {@code count, mean_latency, p50, p99}, rounded to 6 places as the original. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("count", count);
        metrics.put("mean_latency", Stats.round6(meanLatency()));
        metrics.put("p50", Stats.round6(p50()));
        metrics.put("p99", Stats.round6(p99()));
        return metrics;
    }

    @Override
    public Map<String, Data> series() {
        return Map.of(name() + ".latency", data);
    }

    @Override
    public Category category() {
        return Category.SINK;
    }
}
