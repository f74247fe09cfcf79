package io.happysim.components.sinks;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts what reaches it, in total and by event type (in the order types first arrived), and
 * answers any reply: the end of the line, when only the numbers matter (a {@link Sink} also keeps latencies).
 */
public class Counter extends Entity {
    private final Map<String, long[]> byType = new LinkedHashMap<>();
    private long total;

    public Counter(String name) {
        super(name);
    }

    public Counter() {
        this("Counter");
    }

    @Override
    protected void handle(Event event) {
        total++;
        byType.computeIfAbsent(event.type(), type -> new long[1])[0]++;
        event.replyWith(this, null);
    }

    public long total() {
        return total;
    }

    /** Events of {@code type} received so far. */
    public long count(String type) {
        long[] count = byType.get(type);
        return count == null ? 0 : count[0];
    }

    @Override
    protected void reset() {
        total = 0;
        byType.clear();
    }

    /** {@code total}, then {@code by_type}: type → count. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("total", total);
        Map<String, Object> counts = new LinkedHashMap<>();
        byType.forEach((type, count) -> counts.put(type, count[0]));
        metrics.put("by_type", counts);
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return "total".equals(metricName) ? total : metrics().get(metricName);
    }

    @Override
    public Category category() {
        return Category.SINK;
    }
}
