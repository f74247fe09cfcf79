package io.happysim.components.resilience;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.RecentRate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a caller an answer within a deadline whatever the target does (the reference's §3.3): it
 * forwards each request and races the target's reply against a timer; the first answers the
 * caller. When the timer wins, the caller's reply fails {@code TIMEOUT} (in the
 * {@value #TIMEOUT} event, at exactly send + timeout — a reply at that same instant is late,
 * as the engine's same-instant rule says). The target's work is not cancelled: its answer, when
 * it comes, is counted in {@code late_completions}. A silent loss is noticed at the deadline,
 * like any silence; an error or a rejection is passed on at once.
 */
public final class TimeoutWrapper extends Wrapper {
    /** The event in which the deadline passes. */
    public static final String TIMEOUT = "_tw_timeout";
    /** The event in which the target's answer comes back in time. */
    public static final String REPLY = "_tw_reply";

    private final Entity target;
    private final long timeoutNanos;
    private final RecentRate timeoutRate = new RecentRate();
    private int inFlight;
    private long totalRequests;
    private long successfulRequests;
    private long failedRequests;
    private long timedOutRequests;
    private long lateCompletions;

    public TimeoutWrapper(String name, Entity target, double timeoutSeconds) {
        super(name);
        if (target == null) {
            throw new IllegalArgumentException("a timeout wrapper needs a target");
        }
        this.target = target;
        this.timeoutNanos = positiveNanos("timeout", timeoutSeconds);
    }

    @Override
    protected void handle(Event request) {
        totalRequests++;
        inFlight++;
        SimFuture<Response> callerReply = owe(request);
        SimFuture<Response> reply = send(request, target, null, true);
        reply.onLate(late -> {
            if (!(late.isFailed() && late.failure().isSilent())) {
                lateCompletions++;
            }
        });
        Map<String, Object> context = contextOf(request);
        await(learn(reply, timeoutNanos, TIMEOUT, context), REPLY, context, outcome -> {
            inFlight--;
            if (outcome.isSucceeded()) {
                successfulRequests++;
            } else if (isOwnTimeout(outcome)) {
                timedOutRequests++;
                timeoutRate.mark(nowNanos());
            } else {
                failedRequests++;
            }
            answer(callerReply, outcome);
        });
    }

    public Entity target() {
        return target;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    @Override
    protected void reset() {
        super.reset();
        timeoutRate.clear();
        inFlight = 0;
        totalRequests = 0;
        successfulRequests = 0;
        failedRequests = 0;
        timedOutRequests = 0;
        lateCompletions = 0;
    }

    @Override
    protected void onCrash() {
        super.onCrash();
        inFlight = 0;
    }

    /**
     * {@code in_flight, timeouts_per_s, total_requests, successful_requests, failed_requests}
     * (an error or rejection from the target in time), {@code timed_out_requests},
     * {@code late_completions} (target answers after the deadline: wasted work).
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("in_flight", inFlight);
        metrics.put("timeouts_per_s", perSecondNow(timeoutRate));
        metrics.put("total_requests", totalRequests);
        metrics.put("successful_requests", successfulRequests);
        metrics.put("failed_requests", failedRequests);
        metrics.put("timed_out_requests", timedOutRequests);
        metrics.put("late_completions", lateCompletions);
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "in_flight" -> inFlight;
            case "timeouts_per_s" -> perSecondNow(timeoutRate);
            default -> metrics().get(metricName);
        };
    }

    @Override
    public List<Entity> downstream() {
        return List.of(target);
    }
}
