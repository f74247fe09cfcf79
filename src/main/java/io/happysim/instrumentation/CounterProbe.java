package io.happysim.instrumentation;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Samples how much a counting metric (a client's {@code attempts}, a hedge's {@code hedges_sent},
 * a server's {@code errors}) grew over each interval: per second, or per unit of other counters
 * of the same entity (timeouts per attempt, attempts per request, successes per finished request). A {@code Probe} samples a
 * metric's value, and a chart of a running total shows a ramp, not a rate; the story of a retry
 * storm is in the rates and the ratios.
 *
 * <p>Named {@code Rate_<target>_<counter>} or {@code Ratio_<target>_<counter>_per_<other>[+<other>…]};
 * one daemon event per interval (it never keeps an endless run alive). A per-second rate has a
 * sample in every interval, zeros included — an outage shows as a drop to zero, where a chart's
 * {@code rate} transform over a series of events draws nothing for windows without events. A
 * ratio interval in which the other counters did not move has no sample (0/0 is not a value).
 */
public final class CounterProbe extends Entity implements SeriesOwner, Measurement {
    public static final String TICK = "counter_probe_tick";
    private static final Logger LOG = Logger.getLogger(CounterProbe.class.getName());

    private final Entity target;
    private final String counter;
    /** The counters whose growth, summed, divides the counter's; empty for a per-second rate. */
    private final List<String> perCounters;
    private final long intervalNanos;
    private final Data data = new Data();
    private long startNanos;
    private long ticks;
    private double lastCount;
    private final double[] lastPer;
    private boolean warnedMissing;

    private CounterProbe(String name, Entity target, String counter, List<String> perCounters, double intervalSeconds) {
        super(name);
        if (!(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("probe interval must be positive and finite, got " + intervalSeconds);
        }
        this.target = target;
        this.counter = counter;
        this.perCounters = List.copyOf(perCounters);
        this.lastPer = new double[perCounters.size()];
        this.intervalNanos = Math.max(1L, Math.round(intervalSeconds * 1e9));
    }

    /** {@code target.counter}'s growth per second, averaged over each interval. */
    public static CounterProbe perSecond(Entity target, String counter, double intervalSeconds) {
        return new CounterProbe("Rate_" + target.name() + "_" + counter, target, counter, List.of(), intervalSeconds);
    }

    /**
     * Δ{@code counter} / (ΣΔ{@code perCounters}) of {@code target} over each interval, e.g.
     * {@code ratio(client, 1.0, "successes", "successes", "failures")}: the share of requests that
     * finished in the interval that succeeded.
     */
    public static CounterProbe ratio(Entity target, double intervalSeconds, String counter, String... perCounters) {
        if (perCounters.length == 0) {
            throw new IllegalArgumentException("a ratio needs at least one counter to divide by");
        }
        return new CounterProbe("Ratio_" + target.name() + "_" + counter + "_per_" + String.join("+", perCounters), target, counter,
                List.of(perCounters), intervalSeconds);
    }

    @Override
    public Data data() {
        return data;
    }

    @Override
    public Entity target() {
        return target;
    }

    @Override
    public String metric() {
        return counter + " per " + (perCounters.isEmpty() ? "second" : String.join(" + ", perCounters));
    }

    @Override
    protected void reset() {
        data.clear();
        ticks = 0;
        lastCount = 0;
        Arrays.fill(lastPer, 0);
        warnedMissing = false;
    }

    @Override
    protected void start() {
        startNanos = nowNanos();
        lastCount = read(counter);
        for (int i = 0; i < lastPer.length; i++) {
            lastPer[i] = read(perCounters.get(i));
        }
        schedule(new Event(startNanos + intervalNanos, TICK, this, true, null));
    }

    @Override
    protected void handle(Event event) {
        ticks++;
        double count = read(counter);
        double grew = count - lastCount;
        lastCount = count;
        if (perCounters.isEmpty()) {
            data.add(nowNanos(), grew * 1e9 / intervalNanos);
        } else {
            double base = 0;
            for (int i = 0; i < lastPer.length; i++) {
                double per = read(perCounters.get(i));
                base += per - lastPer[i];
                lastPer[i] = per;
            }
            if (base > 0) {
                data.add(nowNanos(), grew / base);
            }
        }
        schedule(new Event(startNanos + (ticks + 1) * intervalNanos, TICK, this, true, null));
    }

    private double read(String metric) {
        if (target.metric(metric) instanceof Number number) {
            return number.doubleValue();
        }
        if (!warnedMissing) {
            warnedMissing = true;
            LOG.warning(() -> "[" + name() + "] " + target.name() + " has no numeric metric '" + metric + "'; reading 0");
        }
        return 0.0;
    }

    /** {@code latest} (null before the first sample), {@code samples}, then what it watches. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("latest", data.isEmpty() ? null : data.latest());
        metrics.put("samples", data.totalAdded());
        metrics.put("target", target.name());
        metrics.put("counter", metric());
        return metrics;
    }

    @Override
    public Map<String, Data> series() {
        return Map.of(name(), data);
    }

    @Override
    public Category category() {
        return Category.PROBE;
    }
}
