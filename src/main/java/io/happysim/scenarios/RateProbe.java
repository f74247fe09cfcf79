package io.happysim.scenarios;

import io.happysim.core.ArrivalRate;
import io.happysim.core.Category;
import io.happysim.core.Duration;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.SeriesOwner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Samples a counter of an entity (a client's {@code successes}, a limiter's {@code rejected})
 * every interval and records how much it grew per second since the previous sample, into a
 * series named {@code Rate_<target>_<metric>}: "successes per second" exactly, and a sample in
 * every interval — zero included.
 *
 * <p>Why not the alternatives: a chart's {@code rate} transform over a series of events draws
 * only the windows that have samples, so an outage (no successes at all) shows no point and the
 * line jumps over it; the components' {@code *_per_s} gauges ({@code RecentRate}) count only the
 * last 0.9 s of their 1 s window when read at a slot boundary such as a whole second, so a probe
 * of them reads 10% low.
 */
public final class RateProbe extends Entity implements SeriesOwner, ArrivalRate {
    public static final String TICK = "rate_probe_tick";
    private static final Logger LOG = Logger.getLogger(RateProbe.class.getName());

    private final Entity target;
    private final String metric;
    private final long intervalNanos;
    private final Data data = new Data();
    private double previous;
    private boolean warnedMissing;

    private RateProbe(Entity target, String metric, long intervalNanos) {
        super("Rate_" + target.name() + "_" + metric);
        if (intervalNanos <= 0 || intervalNanos == Instant.INFINITE_NANOS) {
            throw new IllegalArgumentException("rate probe interval must be positive and finite, got " + intervalNanos + " ns");
        }
        this.target = target;
        this.metric = metric;
        this.intervalNanos = intervalNanos;
    }

    /** How fast {@code target}'s counter {@code metric} grows, per second, sampled every {@code intervalSeconds}. */
    public static RateProbe on(Entity target, String metric, double intervalSeconds) {
        return new RateProbe(target, metric, Duration.ofSeconds(intervalSeconds).nanos());
    }

    public Entity target() {
        return target;
    }

    public String metric() {
        return metric;
    }

    /** One sample per interval, at its end: the counter's growth over the interval divided by its length in seconds. */
    public Data data() {
        return data;
    }

    @Override
    protected void reset() {
        data.clear();
        previous = 0;
        warnedMissing = false;
    }

    @Override
    protected void start() {
        previous = read();
        schedule(new Event(nowNanos() + intervalNanos, TICK, this, true, null));
    }

    @Override
    protected void handle(Event tick) {
        if (!TICK.equals(tick.type())) {
            return;
        }
        double current = read();
        data.add(nowNanos(), (current - previous) * 1e9 / intervalNanos);
        previous = current;
        long next = nowNanos() + intervalNanos;
        if (next > nowNanos() && next != Instant.INFINITE_NANOS) {
            schedule(new Event(next, TICK, this, true, null));
        }
    }

    private double read() {
        Object value = target.metric(metric);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (!warnedMissing) {
            warnedMissing = true;
            LOG.warning(() -> "[" + name() + "] " + target.name() + " has no numeric metric '" + metric + "'; recording 0");
        }
        return previous;
    }

    /** {@code metric, target, samples, latest} as a probe's. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("metric", metric);
        metrics.put("target", target.name());
        metrics.put("samples", data.totalAdded());
        metrics.put("latest", data.isEmpty() ? null : data.latest());
        return metrics;
    }

    @Override
    public double rateAt(Instant time) {
        return 1e9 / intervalNanos;
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
