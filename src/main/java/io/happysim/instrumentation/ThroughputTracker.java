package io.happysim.instrumentation;

import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** A terminal entity that records one sample (value 1) per arriving event, for throughput charts. */
public final class ThroughputTracker extends RecordingSink {
    public ThroughputTracker(String name) {
        super(name, "throughput");
    }

    public ThroughputTracker() {
        this("ThroughputTracker");
    }

    @Override
    double sample(Event event, long nowNanos) {
        return 1.0;
    }

    /** Events per second in each window. */
    public TimeSeries throughput(double windowSeconds) {
        return data().rate(windowSeconds);
    }

    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("count", count());
        return metrics;
    }
}
