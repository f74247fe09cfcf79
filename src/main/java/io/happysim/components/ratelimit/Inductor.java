package io.happysim.components.ratelimit;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Smooths changes in a request rate, as an inductor smooths changes in a current: it has no fixed
 * limit, but lets requests out no faster than the rate it has estimated from the arrivals, and
 * that estimate follows a change of rate with time constant τ. A steady stream passes unchanged;
 * a step from r₀ to r₁ comes out as r₁ + (r₀ − r₁)·e^(−t/τ); a short burst is spread out.
 *
 * <p><b>Estimate.</b> The rate is an exponentially weighted average over time of the rate each
 * gap between arrivals shows (1/gap), with time constant τ: after a gap of {@code dt},
 * rate ← (1 − e^(−dt/τ))/dt + e^(−dt/τ)·rate (the first gap seeds it with 1/gap). For evenly
 * spaced arrivals it is exactly the arrival rate after a while. The original averaged the gaps
 * themselves; long gaps then weigh more (each counts for as long as it lasts), so under Poisson
 * arrivals at r its mean interval settled at (1/r)·(1 + 2x)/(1 + x), nearly 2/r for x = r·τ large,
 * and it let out about half the traffic. This average is off only by a factor
 * (1 + x)·ln(1 + 1/x), about 1 + 1/(2x), under Poisson arrivals.
 *
 * <p><b>Output.</b> A request goes out when the previous one left at least 1/rate ago (the
 * first ones, before there is an estimate, go at once); otherwise it waits in a FIFO of
 * {@code queueCapacity} (a full queue rejects it) that a poll serves at the moment the next may
 * leave. Arrivals never overtake waiting requests. There is no catch-up: while input continues,
 * requests leave at the estimated rate, which is at most the input rate, so a backlog built by a
 * step up stays (it settles at (r₁ − r₀)·τ for a steady step) until the input falls; and under
 * random arrivals at a steady rate the output only just keeps up, so the queue wanders as a
 * queue at full utilisation does.
 */
public final class Inductor extends Entity {
    /** The event that lets the next waiting request out. */
    public static final String POLL = "inductor_poll";
    private static final Logger LOG = Logger.getLogger(Inductor.class.getName());
    private static final double SPACING_SLACK = 1e-6;

    private final Entity downstream;
    private final double timeConstantSeconds;
    private final HeldRequests waiting;
    private final Rejections rejections = new Rejections(this, LOG);
    private boolean seenArrival;
    private long lastArrivalNanos;
    /** Requests per second; NaN until two arrivals with a gap between them. */
    private double estimatedRate;
    private boolean forwardedAny;
    private long lastOutputNanos;
    private Event pendingPoll;
    private long received;
    private long forwarded;

    private Inductor(Builder b) {
        super(b.name);
        if (b.downstream == null) {
            throw new IllegalArgumentException("an inductor needs a downstream");
        }
        if (!(b.timeConstantSeconds > 0) || Double.isInfinite(b.timeConstantSeconds)) {
            throw new IllegalArgumentException("time constant must be positive and finite, got " + b.timeConstantSeconds);
        }
        if (b.queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + b.queueCapacity);
        }
        this.downstream = b.downstream;
        this.timeConstantSeconds = b.timeConstantSeconds;
        this.waiting = new HeldRequests(b.queueCapacity);
    }

    /** Room for 10000 waiting requests unless told otherwise, as the original. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    protected void handle(Event request) {
        if (rejections.handles(request)) {
            return;
        }
        received++;
        long now = nowNanos();
        observeArrival(now);
        if (waiting.isEmpty() && mayLeave(now)) {
            send(request);
        } else if (waiting.isFull()) {
            rejections.reject(request, "queue full");
        } else {
            waiting.hold(request);
            armPoll();
        }
    }

    private void observeArrival(long now) {
        if (!seenArrival) {
            seenArrival = true;
            lastArrivalNanos = now;
            return;
        }
        long gapNanos = now - lastArrivalNanos;
        lastArrivalNanos = now;
        if (Double.isNaN(estimatedRate)) {
            if (gapNanos > 0) {
                estimatedRate = 1e9 / gapNanos;
            }
            return;
        }
        double dt = gapNanos / 1e9;
        double decay = Math.exp(-dt / timeConstantSeconds);
        // (1 − e^(−dt/τ))/dt, which tends to 1/τ for arrivals at the same instant
        double weightedRate = gapNanos > 0 ? -Math.expm1(-dt / timeConstantSeconds) / dt : 1 / timeConstantSeconds;
        estimatedRate = weightedRate + decay * estimatedRate;
    }

    private boolean mayLeave(long now) {
        return !forwardedAny || Double.isNaN(estimatedRate) || now - lastOutputNanos >= spacingNanos();
    }

    /**
     * 1/rate, less one part in a million: arrival times are whole nanoseconds, so an evenly spaced
     * stream arrives a nanosecond early now and then, and must not wait for that nanosecond each time.
     */
    private long spacingNanos() {
        return Double.isNaN(estimatedRate) ? 0L : Waits.ceilNanos((1 - SPACING_SLACK) / estimatedRate);
    }

    private void send(Event request) {
        forwarded++;
        forwardedAny = true;
        lastOutputNanos = nowNanos();
        forward(request, downstream, request.type()).continueWork(request);
    }

    private void poll(Event poll) {
        pendingPoll = null;
        long now = nowNanos();
        if (!waiting.isEmpty() && mayLeave(now)) {
            send(waiting.release());
        }
        if (!waiting.isEmpty()) {
            armPoll();
        }
    }

    /** A poll at the moment the next may leave; an earlier pending one stays (it re-arms if the estimate fell meanwhile). */
    private void armPoll() {
        long now = nowNanos();
        long due = Math.max(now, mayLeave(now) ? now : lastOutputNanos + spacingNanos());
        if (pendingPoll != null) {
            if (pendingPoll.timeNanos() <= due) {
                return;
            }
            pendingPoll.cancel();
        }
        pendingPoll = after(due - now, POLL, null, this::poll);
    }

    /** The waiting requests are lost with the crash; the estimate is kept (it describes the input, not the inductor). */
    @Override
    protected void onCrash() {
        waiting.loseAll(this);
        pendingPoll = null;
        rejections.forgetSpell();
    }

    @Override
    protected void reset() {
        waiting.clear();
        rejections.clear();
        pendingPoll = null;
        seenArrival = false;
        lastArrivalNanos = 0;
        estimatedRate = Double.NaN;
        forwardedAny = false;
        lastOutputNanos = 0;
        received = 0;
        forwarded = 0;
    }

    /** Requests per second it estimates from the arrivals; 0 until it has one. */
    public double estimatedRate() {
        return Double.isNaN(estimatedRate) ? 0.0 : estimatedRate;
    }

    public double timeConstantSeconds() {
        return timeConstantSeconds;
    }

    public int queueDepth() {
        return waiting.size();
    }

    public long received() {
        return received;
    }

    public long forwarded() {
        return forwarded;
    }

    public long queued() {
        return waiting.queued();
    }

    public long rejected() {
        return rejections.count();
    }

    public long lost() {
        return waiting.lost();
    }

    /**
     * {@code estimated_rate, queue_depth} (the card's two), then {@code received, forwarded,
     * queued, rejected} and, after a crash, {@code lost}: received = forwarded + queue_depth +
     * rejected (+ lost).
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("estimated_rate", estimatedRate());
        metrics.put("queue_depth", waiting.size());
        metrics.put("received", received);
        metrics.put("forwarded", forwarded);
        metrics.put("queued", waiting.queued());
        metrics.put("rejected", rejections.count());
        if (waiting.lost() > 0) {
            metrics.put("lost", waiting.lost());
        }
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "estimated_rate" -> estimatedRate();
            case "queue_depth" -> waiting.size();
            default -> metrics().get(metricName);
        };
    }

    @Override
    public List<Entity> downstream() {
        return List.of(downstream);
    }

    @Override
    public Category category() {
        return Category.RATE_LIMITER;
    }

    public static final class Builder {
        private final String name;
        private Entity downstream;
        private double timeConstantSeconds = Double.NaN;
        private int queueCapacity = 10_000;

        private Builder(String name) {
            this.name = name;
        }

        public Builder downstream(Entity target) {
            this.downstream = target;
            return this;
        }

        /** τ: how quickly the estimate (and so the output) follows a change of input rate. */
        public Builder timeConstantSeconds(double tau) {
            this.timeConstantSeconds = tau;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Inductor build() {
            return new Inductor(this);
        }
    }
}
