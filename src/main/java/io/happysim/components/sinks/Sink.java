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
 * at the end of the line. With a warm-up ({@code Simulation.Builder.warmUpSeconds}) the statistics
 * — count, mean, percentiles — cover only requests finished after it; the series keeps them all. The average covers every request received; percentiles
 * cover the samples the series retains.
 */
public class Sink extends Entity implements SeriesOwner {
    private final Data latencies = new Data();
    /** The samples the statistics cover: the series itself, or only those after the warm-up. */
    private Data judged = latencies;
    private long warmUpEndNanos;
    private long eventsReceived;
    private long judgedCount;
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
        latencies.add(now, latency);
        if (now >= warmUpEndNanos) {
            judgedCount++;
            latencySum += latency;
            if (judged != latencies) {
                judged.add(now, latency);
            }
        }
        event.replyWith(this, null);
    }

    @Override
    protected void reset() {
        latencies.clear();
        warmUpEndNanos = simulation().warmUpEndNanos();
        judged = warmUpEndNanos > nowNanos() ? new Data() : latencies;
        eventsReceived = 0;
        judgedCount = 0;
        latencySum = 0;
    }

    public long eventsReceived() {
        return eventsReceived;
    }

    /** Mean latency of the requests the statistics cover (all, or those after the warm-up). */
    public double averageLatency() {
        return judgedCount == 0 ? 0.0 : latencySum / judgedCount;
    }

    public Data latencies() {
        return latencies;
    }

    /** {@code count, avg, min, max, p50, p99} in seconds (zeros when empty), as the original's latency_stats(). */
    public LatencyStats latencyStats() {
        return new LatencyStats(judgedCount, averageLatency(), judged.min(), judged.max(),
                judged.percentile(0.50), judged.percentile(0.99));
    }

    public record LatencyStats(long count, double avg, double min, double max, double p50, double p99) {
    }

    /** {@code events_received, avg_latency, p99_latency}, latencies rounded to 6 places as the original. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("events_received", eventsReceived);
        metrics.put("avg_latency", Stats.round6(averageLatency()));
        metrics.put("p99_latency", Stats.round6(judged.percentile(0.99)));
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
