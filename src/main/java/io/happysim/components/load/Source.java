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
 * i.e. start + 1/rate for a constant rate, as the original. A source may stop after a number of
 * requests or at a time ({@link Builder}); then it schedules nothing more, so a run without an
 * end time ends when the work it started is done.
 */
public class Source extends Entity implements ArrivalRate {
    /** The type of a source's own tick events. */
    public static final String TICK = "source_event";

    private final RateProfile profile;
    private final boolean poisson;
    private final EventProvider provider;
    private final long maxRequests;
    private final long stopAtNanos;
    private SplittableRandom arrivalRandom;
    private long currentNanos;
    private long generated;
    private long emitted;

    public Source(String name, RateProfile profile, boolean poisson, EventProvider provider) {
        this(name, profile, poisson, provider, Long.MAX_VALUE, Instant.INFINITE_NANOS);
    }

    private Source(String name, RateProfile profile, boolean poisson, EventProvider provider, long maxRequests, long stopAtNanos) {
        super(name);
        if (profile == null || provider == null) {
            throw new IllegalArgumentException("a source needs a rate profile and an event provider");
        }
        if (maxRequests < 0) {
            throw new IllegalArgumentException("a source cannot stop after a negative number of requests: " + maxRequests);
        }
        this.profile = profile;
        this.poisson = poisson;
        this.provider = provider;
        this.maxRequests = maxRequests;
        this.stopAtNanos = stopAtNanos;
    }

    /** A source named {@code name}: say its rate and target (or provider), and optionally when it stops. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Evenly spaced requests to {@code target}, named "Source" (use {@link #builder} to name it). */
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

    /** Requests emitted so far (ticks whose provider made something). */
    public long emitted() {
        return emitted;
    }

    @Override
    protected void reset() {
        generated = 0;
        emitted = 0;
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
            emitted++;
            Map<String, Object> context = payload.context();
            schedule(payload);
            context.putIfAbsent("id", Long.toString(payload.sequence()));
        }
        scheduleNextTick();
    }

    private void scheduleNextTick() {
        if (emitted >= maxRequests) {
            return;
        }
        long next = nextArrivalNanos();
        if (next != Instant.INFINITE_NANOS && next < stopAtNanos) {
            schedule(new Event(next, TICK, this, false, null));
        }
    }

    /** A crashed source lost its next tick; back up, it ticks again from now. */
    @Override
    protected void onRestart() {
        currentNanos = Math.max(currentNanos, nowNanos());
        scheduleNextTick();
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

    /** Builds a {@link Source}: a rate (constant or a profile), evenly spaced or Poisson, a target or a provider, and limits. */
    public static final class Builder {
        private final String name;
        private RateProfile profile;
        private boolean poisson;
        private EventProvider provider;
        private long maxRequests = Long.MAX_VALUE;
        private long stopAtNanos = Instant.INFINITE_NANOS;

        private Builder(String name) {
            this.name = name;
        }

        /** Evenly spaced at {@code perSecond} (unless {@link #poisson()}). */
        public Builder rate(double perSecond) {
            this.profile = RateProfile.constant(perSecond);
            return this;
        }

        public Builder profile(RateProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Exponential gaps (a Poisson process) instead of even spacing. */
        public Builder poisson() {
            this.poisson = true;
            return this;
        }

        /** Numbered requests ({@link RequestProvider}) to {@code target}. */
        public Builder to(Entity target) {
            this.provider = new RequestProvider(target);
            return this;
        }

        public Builder provider(EventProvider provider) {
            this.provider = provider;
            return this;
        }

        /** Stops after emitting {@code count} requests. */
        public Builder stopAfter(long count) {
            this.maxRequests = count;
            return this;
        }

        /** Emits nothing at or after {@code seconds} of simulated time. */
        public Builder stopAt(double seconds) {
            this.stopAtNanos = Instant.secondsToNanos(seconds);
            return this;
        }

        public Source build() {
            return new Source(name, profile, poisson, provider, maxRequests, stopAtNanos);
        }
    }
}
