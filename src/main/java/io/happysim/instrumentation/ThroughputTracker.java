package io.happysim.instrumentation;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** A terminal entity that records one sample (value 1) per arriving event, for throughput charts. */
public final class ThroughputTracker extends Entity implements SeriesOwner {
    private final Data data = new Data();
    private long count;

    public ThroughputTracker(String name) {
        super(name);
    }

    public ThroughputTracker() {
        this("ThroughputTracker");
    }

    @Override
    protected void handle(Event event) {
        data.add(nowNanos(), 1.0);
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

    /** Events per second in each window. */
    public TimeSeries throughput(double windowSeconds) {
        return data.rate(windowSeconds);
    }

    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("count", count);
        return metrics;
    }

    @Override
    public Map<String, Data> series() {
        return Map.of(name() + ".throughput", data);
    }

    @Override
    public Category category() {
        return Category.SINK;
    }
}
