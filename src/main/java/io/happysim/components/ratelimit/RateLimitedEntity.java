package io.happysim.components.ratelimit;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.RecentRate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A rate limiter in front of any target: each request asks the {@link RateLimitPolicy}; an
 * admitted one goes on to the downstream at once, carrying its reply, so the caller hears from
 * whoever finally serves it. The excess is either refused at once (mode {@link Mode#REJECT}: the
 * reply fails {@code REJECTED}) or waits in a bounded FIFO (mode {@link Mode#QUEUE}) that a poll
 * serves in order whenever the policy next has room; a full queue refuses.
 *
 * <p>Unlike the original, a request that arrives while others wait joins the back of the queue
 * instead of asking the policy first, so nobody overtakes. A policy that learns from outcomes
 * ({@link OutcomeFeedback}, e.g. {@link AdaptivePolicy}) hears how each admitted request's reply
 * settled. Counts satisfy received = admitted + queue_depth + rejected (+ lost, after a crash).
 */
public final class RateLimitedEntity extends Entity {
    /** What happens to a request the policy does not admit at once. */
    public enum Mode {
        /** Refused at once: its reply fails {@code REJECTED}. */
        REJECT,
        /** Waits, in order, for the policy to have room; refused when the queue is full. */
        QUEUE
    }

    /** The event that serves the queue when the policy next has room. */
    public static final String POLL = "rate_limit_poll";
    private static final Logger LOG = Logger.getLogger(RateLimitedEntity.class.getName());

    private final Entity downstream;
    private final RateLimitPolicy policy;
    private final Mode mode;
    private final OutcomeFeedback feedback;
    private final HeldRequests waiting;
    private final RecentRate admittedRate = new RecentRate();
    private final Rejections rejections = new Rejections(this, LOG);
    private Event pendingPoll;
    private long received;
    private long admitted;

    private RateLimitedEntity(Builder b) {
        super(b.name);
        if (b.downstream == null || b.policy == null) {
            throw new IllegalArgumentException("a rate limiter needs a downstream and a policy");
        }
        if (b.mode == Mode.QUEUE && b.queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + b.queueCapacity);
        }
        this.downstream = b.downstream;
        this.policy = b.policy;
        this.mode = b.mode;
        this.waiting = new HeldRequests(b.mode == Mode.QUEUE ? b.queueCapacity : 0);
        this.feedback = b.policy instanceof OutcomeFeedback learning ? learning : null;
    }

    /** Mode {@link Mode#QUEUE} with room for 1000 unless told otherwise, as the original. */
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
        if (waiting.isEmpty() && policy.tryAcquire(now)) {
            admit(request);
        } else if (mode == Mode.REJECT) {
            reject(request, "rate limited");
        } else if (waiting.isFull()) {
            reject(request, "queue full");
        } else {
            waiting.hold(request);
            if (pendingPoll == null) {
                armPoll();
            }
        }
    }

    private void poll(Event poll) {
        pendingPoll = null;
        long now = nowNanos();
        while (!waiting.isEmpty() && policy.tryAcquire(now)) {
            admit(waiting.release());
        }
        if (!waiting.isEmpty()) {
            armPoll();
        }
    }

    /** At least 1 ns ahead: a policy that broke its contract must not spin at one instant. */
    private void armPoll() {
        long wait = Math.max(1L, policy.nanosUntilAvailable(nowNanos()));
        pendingPoll = after(wait, POLL, null, this::poll);
    }

    private void admit(Event request) {
        admitted++;
        admittedRate.mark(nowNanos());
        SimFuture<Response> reply = request.reply();
        if (feedback != null && reply != null) {
            reply.onSettle(settled -> feedback.record(nowNanos(), settled));
        }
        forward(request, downstream, request.type()).continueWork(request);
    }

    private void reject(Event request, String reason) {
        rejections.reject(request, reason);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] " + reason + ": " + request);
        }
    }

    /** The waiting requests are lost with the crash. */
    @Override
    protected void onCrash() {
        waiting.loseAll(this);
        pendingPoll = null;
        rejections.forgetSpell();
    }

    @Override
    protected void reset() {
        policy.reset();
        waiting.clear();
        pendingPoll = null;
        admittedRate.clear();
        rejections.clear();
        received = 0;
        admitted = 0;
    }

    /**
     * {@code admitted_per_s, rejected_per_s} (over the last second, for the card), the policy's
     * level when it has one ({@code tokens}, {@code window_count} …), then {@code queue_depth,
     * received, admitted, rejected, queued} and, after a crash, {@code lost}.
     */
    @Override
    public Map<String, Object> metrics() {
        long now = clock();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("admitted_per_s", admittedRate.perSecond(now));
        metrics.put("rejected_per_s", rejections.perSecond(now));
        RateLimitPolicy.Level level = policy.level(now);
        if (level != null) {
            metrics.put(level.name(), level.value());
        }
        metrics.put("queue_depth", waiting.size());
        metrics.put("received", received);
        metrics.put("admitted", admitted);
        metrics.put("rejected", rejections.count());
        metrics.put("queued", waiting.queued());
        if (waiting.lost() > 0) {
            metrics.put("lost", waiting.lost());
        }
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "admitted_per_s" -> admittedRate.perSecond(clock());
            case "rejected_per_s" -> rejections.perSecond(clock());
            case "queue_depth" -> waiting.size();
            case "received" -> received;
            case "admitted" -> admitted;
            case "rejected" -> rejections.count();
            default -> metrics().get(metricName);
        };
    }

    /** The simulation's time, or 0 before the limiter joins one (metrics can be read at any time). */
    private long clock() {
        return simulation() == null ? 0L : nowNanos();
    }

    public RateLimitPolicy policy() {
        return policy;
    }

    public Mode mode() {
        return mode;
    }

    public int queueCapacity() {
        return waiting.capacity();
    }

    public int queueDepth() {
        return waiting.size();
    }

    public long received() {
        return received;
    }

    public long admitted() {
        return admitted;
    }

    public long rejected() {
        return rejections.count();
    }

    public long queued() {
        return waiting.queued();
    }

    /** Requests that were waiting when the limiter crashed. */
    public long lost() {
        return waiting.lost();
    }

    /** Whether it is in a spell of rejections (one began and a quiet second has not passed yet). */
    public boolean isRejecting() {
        return rejections.isRejecting();
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
        private RateLimitPolicy policy;
        private Mode mode = Mode.QUEUE;
        private int queueCapacity = 1000;

        private Builder(String name) {
            this.name = name;
        }

        public Builder downstream(Entity target) {
            this.downstream = target;
            return this;
        }

        public Builder policy(RateLimitPolicy rule) {
            this.policy = rule;
            return this;
        }

        /** Refuse the excess at once. */
        public Builder rejectExcess() {
            this.mode = Mode.REJECT;
            return this;
        }

        /** Queue the excess, up to {@code capacity} requests, and refuse beyond that. */
        public Builder queueExcess(int capacity) {
            this.mode = Mode.QUEUE;
            this.queueCapacity = capacity;
            return this;
        }

        public Builder mode(Mode excess) {
            this.mode = excess;
            return this;
        }

        public RateLimitedEntity build() {
            return new RateLimitedEntity(this);
        }
    }
}
