package io.happysim.instrumentation;

import io.happysim.core.ArrivalRate;
import io.happysim.core.Category;
import io.happysim.core.Duration;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Samples one metric of one entity every interval into a {@link Data}, named
 * {@code Probe_<target>_<metric>}. Each tick ({@code source_event}) schedules a measurement
 * ({@code probe_event}) at the same time, as the original; both are daemon events, so a probe
 * never keeps an endless simulation alive (the original's ticks did). Tick k is at exactly
 * start + k * interval: no float drift.
 */
public final class Probe extends Entity implements SeriesOwner, ArrivalRate, Measurement {
    public static final String TICK = "source_event";
    public static final String MEASURE = "probe_event";
    private static final Logger LOG = Logger.getLogger(Probe.class.getName());

    private final Entity target;
    private final String metric;
    private final long intervalNanos;
    private final Data data = new Data();
    private long startNanos;
    private long ticks;
    private boolean warnedMissing;

    public Probe(Entity target, String metric, Duration interval) {
        super("Probe_" + target.name() + "_" + metric);
        if (interval.nanos() <= 0 || interval.isInfinite()) {
            throw new IllegalArgumentException("probe interval must be positive and finite, got " + interval);
        }
        this.target = target;
        this.metric = metric;
        this.intervalNanos = interval.nanos();
    }

    /** A probe on {@code target.metric} every {@code intervalSeconds}. */
    public static Probe on(Entity target, String metric, double intervalSeconds) {
        return new Probe(target, metric, Duration.ofSeconds(intervalSeconds));
    }

    @Override
    public Entity target() {
        return target;
    }

    @Override
    public String metric() {
        return metric;
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    @Override
    public Data data() {
        return data;
    }

    @Override
    protected void reset() {
        data.clear();
        ticks = 0;
        warnedMissing = false;
    }

    @Override
    protected void start() {
        startNanos = nowNanos();
        scheduleTick(1);
    }

    @Override
    protected void handle(Event event) {
        if (MEASURE.equals(event.type())) {
            data.add(nowNanos(), read());
            return;
        }
        if (!TICK.equals(event.type())) {
            return;
        }
        ticks++;
        schedule(new Event(nowNanos(), MEASURE, this, true, null));
        scheduleTick(ticks + 1);
    }

    private void scheduleTick(long k) {
        long at = startNanos + k * intervalNanos;
        if (at >= startNanos && at != Instant.INFINITE_NANOS) {
            schedule(new Event(at, TICK, this, true, null));
        }
    }

    private double read() {
        Object value = target.metric(metric);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean flag) {
            return flag ? 1.0 : 0.0;
        }
        if (!warnedMissing) {
            warnedMissing = true;
            LOG.warning(() -> "[" + name() + "] " + target.name() + " has no numeric metric '" + metric + "'; recording 0.0");
        }
        return 0.0;
    }

    /**
     * {@code latest, samples, metric, target}: the original's four, the measured value first so a
     * node's card shows it (latest is null before the first sample).
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("latest", data.isEmpty() ? null : data.latest());
        metrics.put("samples", data.totalAdded());
        metrics.put("metric", metric);
        metrics.put("target", target.name());
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
