package io.happysim.components.sinks;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.SeriesOwner;
import io.happysim.instrumentation.Stats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where finished requests end: counts them and records each one's latency (now − created_at)
 * into the series {@code <name>.latency}; a request that still waits for a reply gets it here,
 * at the end of the line. The average covers every request received; percentiles
 * cover the samples the series retains.
 */
public class Sink extends Entity implements SeriesOwner {
    private final Data latencies = new Data();
    private long eventsReceived;
    private double latencySum;

    public Sink(String name) {
        super(name);
    }

    public Sink() {
        this("Sink");
    }

    @Override
    protected void handle(Event event) {
        long now = nowNanos();
        double latency = Stats.latencySeconds(event, now);
        eventsReceived++;
        latencySum += latency;
        latencies.add(now, latency);
        event.replyWith(this, null);
    }

    @Override
    protected void reset() {
        latencies.clear();
        eventsReceived = 0;
        latencySum = 0;
    }

    public long eventsReceived() {
        return eventsReceived;
    }

    public double averageLatency() {
        return eventsReceived == 0 ? 0.0 : latencySum / eventsReceived;
    }

    public Data latencies() {
        return latencies;
    }

    /** {@code count, avg, min, max, p50, p99} in seconds (zeros when empty), as the original's latency_stats(). */
    public LatencyStats latencyStats() {
        return new LatencyStats(eventsReceived, averageLatency(), latencies.min(), latencies.max(),
                latencies.percentile(0.50), latencies.percentile(0.99));
    }

    public record LatencyStats(long count, double avg, double min, double max, double p50, double p99) {
    }

    /** {@code events_received, avg_latency, p99_latency}, latencies rounded to 6 places as the original. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("events_received", eventsReceived);
        metrics.put("avg_latency", Stats.round6(averageLatency()));
        metrics.put("p99_latency", Stats.round6(latencies.percentile(0.99)));
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "events_received" -> eventsReceived;
            case "avg_latency" -> Stats.round6(averageLatency());
            default -> metrics().get(metricName);
        };
    }

    @Override
    public Map<String, Data> series() {
        return Map.of(name() + ".latency", latencies);
    }

    @Override
    public Category category() {
        return Category.SINK;
    }
}
