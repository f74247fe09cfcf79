package io.happysim.components.load;

import io.happysim.core.ArrivalRate;
import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates load: ticks at arrival times drawn from a rate profile, and on each tick emits what its
 * {@link EventProvider} makes. The first arrival is at start + (time to accumulate one arrival),
 * i.e. start + 1/rate for a constant rate, as the original.
 */
public class Source extends Entity implements ArrivalRate {
    /** The type of a source's own tick events. */
    public static final String TICK = "source_event";

    private final RateProfile profile;
    private final boolean poisson;
    private final EventProvider provider;
    private SplittableRandom arrivalRandom;
    private long currentNanos;
    private long generated;

    public Source(String name, RateProfile profile, boolean poisson, EventProvider provider) {
        super(name);
        if (profile == null || provider == null) {
            throw new IllegalArgumentException("a source needs a rate profile and an event provider");
        }
        this.profile = profile;
        this.poisson = poisson;
        this.provider = provider;
    }

    /** Evenly spaced requests to {@code target}, named "Source". */
    public static Source constant(double rate, Entity target) {
        return new Source("Source", RateProfile.constant(rate), false, new RequestProvider(target));
    }

    /** Poisson requests to {@code target}, named "Source". */
    public static Source poisson(double rate, Entity target) {
        return new Source("Source", RateProfile.constant(rate), true, new RequestProvider(target));
    }

    /** Requests to {@code target} following {@code profile}, named "Source". */
    public static Source withProfile(RateProfile profile, Entity target, boolean poisson) {
        return new Source("Source", profile, poisson, new RequestProvider(target));
    }

    public RateProfile profile() {
        return profile;
    }

    public boolean isPoisson() {
        return poisson;
    }

    public EventProvider provider() {
        return provider;
    }

    /** Ticks so far (also those whose provider emitted nothing, as the original). */
    public long generated() {
        return generated;
    }

    @Override
    public double rateAt(Instant time) {
        return profile.rateAt(time.toSeconds());
    }

    @Override
    protected void reset() {
        generated = 0;
        arrivalRandom = random("arrivals");
        provider.reset(this);
    }

    @Override
    protected void start() {
        currentNanos = nowNanos();
        scheduleNextTick();
    }

    @Override
    protected void handle(Event tick) {
        if (!TICK.equals(tick.type())) {
            return;
        }
        generated++;
        Event payload = provider.next(now());
        if (payload != null) {
            Map<String, Object> context = payload.context();
            schedule(payload);
            context.putIfAbsent("id", Long.toString(payload.sequence()));
        }
        scheduleNextTick();
    }

    private void scheduleNextTick() {
        long next = nextArrivalNanos();
        if (next != Instant.INFINITE_NANOS) {
            schedule(new Event(next, TICK, this, false, null));
        }
    }

    /** Solves for the next arrival from the previous one; times truncate to whole nanoseconds as the original. */
    private long nextArrivalNanos() {
        double area = poisson ? -Math.log(1.0 - arrivalRandom.nextDouble()) : 1.0;
        double seconds = profile.timeToAccumulate(currentNanos / 1e9, area);
        if (Double.isInfinite(seconds) || Double.isNaN(seconds)) {
            return Instant.INFINITE_NANOS;
        }
        long next = Math.max(Instant.secondsToNanos(seconds), currentNanos);
        currentNanos = next;
        return next;
    }

    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("generated", generated);
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return "generated".equals(metricName) ? generated : null;
    }

    @Override
    public List<Entity> downstream() {
        Entity target = provider.target();
        return target == null ? List.of() : List.of(target);
    }

    @Override
    public Category category() {
        return Category.SOURCE;
    }
}
