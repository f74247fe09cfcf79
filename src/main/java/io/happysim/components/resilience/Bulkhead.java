package io.happysim.components.resilience;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Caps the calls in flight to a target, so one slow dependency cannot take every thread of the
 * caller (the reference's §3.2). Up to {@code maxConcurrent} requests are forwarded at once;
 * the next {@code maxWaitQueue} wait in line, first come first served, for at most
 * {@code maxWaitTime}; the rest are refused at once ({@code REJECTED}, "bulkhead full").
 *
 * <p>A waiter whose wait runs out fails {@code TIMEOUT}, not {@code REJECTED}: it was let into the line and
 * spent its time waiting, and a rejection tells the caller "refused at once" — a retry policy or
 * a chart should be able to tell the two apart. The wait ends in a {@value #WAIT_TIMEOUT} event at
 * exactly enqueue + max wait; a permit freed at that same instant comes too late (the engine's
 * same-instant rule: the timer was scheduled first).
 *
 * <p>A permit is held until the bulkhead learns the call's outcome — the reply, or a failure;
 * it has no deadline of its own, so a silent loss frees it at once, and a call that is never
 * answered holds it, as a stuck thread would.
 */
public final class Bulkhead extends Wrapper {
    /** The event in which a call's outcome comes back and frees its permit. */
    public static final String REPLY = "_bh_reply";
    /** The event that ends a waiter's wait. */
    public static final String WAIT_TIMEOUT = "_bh_wait_timeout";

    private final Entity target;
    private final int maxConcurrent;
    private final int maxWaitQueue;
    private final long maxWaitNanos;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int active;
    private long totalRequests;
    private long accepted;
    private long rejected;
    private long queued;
    private long timedOut;
    private int peakConcurrent;
    private int peakQueueDepth;

    /** A request waiting for a permit, with the event that ends its wait (null without a max wait). */
    private static final class Waiter {
        final Event request;
        Event deadline;

        Waiter(Event request) {
            this.request = request;
        }
    }

    private Bulkhead(Builder builder) {
        super(builder.name);
        this.target = builder.target;
        this.maxConcurrent = builder.maxConcurrent;
        this.maxWaitQueue = builder.maxWaitQueue;
        this.maxWaitNanos = builder.maxWaitNanos;
    }

    /** A bulkhead of {@code maxConcurrent} permits in front of {@code target}, with no waiting line unless told. */
    public static Builder builder(String name, Entity target, int maxConcurrent) {
        return new Builder(name, target, maxConcurrent);
    }

    @Override
    protected void handle(Event request) {
        totalRequests++;
        if (active < maxConcurrent) {
            admit(request);
        } else if (waiting.size() < maxWaitQueue) {
            enqueue(request);
        } else {
            rejected++;
            request.failReply(Failure.rejected(this, "bulkhead full"));
        }
    }

    private void admit(Event request) {
        active++;
        accepted++;
        peakConcurrent = Math.max(peakConcurrent, active);
        SimFuture<Response> callerReply = owe(request);
        SimFuture<Response> reply = send(request, target, null, true);
        Map<String, Object> context = contextOf(request);
        await(learn(reply, 0, null, null), REPLY, context, outcome -> {
            active--;
            answer(callerReply, outcome);
            admitWaiters();
        });
    }

    private void enqueue(Event request) {
        // the work goes on later, when a permit frees: the caller's hooks wait with it
        request.deferCompletion();
        Waiter waiter = new Waiter(request);
        waiting.addLast(waiter);
        queued++;
        peakQueueDepth = Math.max(peakQueueDepth, waiting.size());
        if (maxWaitNanos > 0) {
            waiter.deadline = after(maxWaitNanos, WAIT_TIMEOUT, contextOf(request), fired -> {
                if (waiting.remove(waiter)) {
                    timedOut++;
                    waiter.request.abandon(Failure.timeout(this, "no permit within " + Instant.format(maxWaitNanos)));
                }
            });
        }
    }

    private void admitWaiters() {
        while (active < maxConcurrent && !waiting.isEmpty()) {
            Waiter next = waiting.pollFirst();
            if (next.deadline != null) {
                next.deadline.cancel();
            }
            admit(next.request);
        }
    }

    public Entity target() {
        return target;
    }

    public int active() {
        return active;
    }

    public int queueDepth() {
        return waiting.size();
    }

    @Override
    protected void reset() {
        super.reset();
        waiting.clear();
        active = 0;
        totalRequests = 0;
        accepted = 0;
        rejected = 0;
        queued = 0;
        timedOut = 0;
        peakConcurrent = 0;
        peakQueueDepth = 0;
    }

    /** Calls in flight and waiters die with it: their callers' replies fail as lost. */
    @Override
    protected void onCrash() {
        super.onCrash();
        for (Waiter waiter : waiting) {
            waiter.request.abandon(Failure.lost(this, "crashed"));
        }
        waiting.clear();
        active = 0;
    }

    /**
     * {@code active, queue_depth, available_permits, accepted, rejected, timed_out,
     * peak_concurrent, peak_queue_depth}, then {@code queued} (ever waited) and {@code total_requests}.
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("active", active);
        metrics.put("queue_depth", waiting.size());
        metrics.put("available_permits", maxConcurrent - active);
        metrics.put("accepted", accepted);
        metrics.put("rejected", rejected);
        metrics.put("timed_out", timedOut);
        metrics.put("peak_concurrent", peakConcurrent);
        metrics.put("peak_queue_depth", peakQueueDepth);
        metrics.put("queued", queued);
        metrics.put("total_requests", totalRequests);
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "active" -> active;
            case "queue_depth" -> waiting.size();
            default -> metrics().get(metricName);
        };
    }

    @Override
    public List<Entity> downstream() {
        return List.of(target);
    }

    /** The reference's defaults: no waiting line, no max wait. */
    public static final class Builder {
        private final String name;
        private final Entity target;
        private final int maxConcurrent;
        private int maxWaitQueue;
        private long maxWaitNanos;

        private Builder(String name, Entity target, int maxConcurrent) {
            if (target == null) {
                throw new IllegalArgumentException("a bulkhead needs a target");
            }
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("max concurrent must be at least 1, got " + maxConcurrent);
            }
            this.name = name;
            this.target = target;
            this.maxConcurrent = maxConcurrent;
        }

        /** Places in the waiting line (0: refuse whatever finds every permit taken). */
        public Builder maxWaitQueue(int places) {
            if (places < 0) {
                throw new IllegalArgumentException("max wait queue must not be negative, got " + places);
            }
            this.maxWaitQueue = places;
            return this;
        }

        /** How long a request may wait for a permit before it fails TIMEOUT (unbounded unless set). */
        public Builder maxWaitSeconds(double seconds) {
            this.maxWaitNanos = positiveNanos("max wait time", seconds);
            return this;
        }

        public Bulkhead build() {
            return new Bulkhead(this);
        }
    }
}
