package io.happysim.components.resilience;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts tail latency by asking twice (the reference's §3.5): it sends the request to the target,
 * and if no answer has come after {@code hedgeDelay} it sends a copy (metadata
 * {@code _hg_hedge} = 1, 2, …), up to {@code maxHedges} copies, one per delay. The first good
 * answer answers the caller; the other copies' replies are cancelled, and their answers, when they
 * come, are counted as {@code late_answers} (the target still does the work: that is the extra
 * load hedging costs).
 *
 * <p>A copy's failure does not fail the request while another copy is outstanding. When none is,
 * an error or a rejection is passed to the caller at once (and no further hedge is sent); a silent
 * loss looks like slowness to the hedge, so it waits for its next hedge if one is still to come —
 * the hedge delay is its deadline for the copy — and passes the loss on only when none is.
 * Only the first copy carries the caller's completion hooks.
 */
public final class Hedge extends Wrapper {
    /** The event in which the hedge delay passes and a copy is sent. */
    public static final String HEDGE = "_hg_hedge";
    /** The event in which a copy's outcome comes back. */
    public static final String REPLY = "_hg_reply";

    private final Entity target;
    private final long hedgeDelayNanos;
    private final int maxHedges;
    private long totalRequests;
    private long hedgesSent;
    private long hedgesCancelled;
    private long primaryWins;
    private long hedgeWins;
    private long lateAnswers;
    private long failedRequests;

    /** One caller's request and the copies sent for it. */
    private static final class Hedged {
        final Event request;
        final SimFuture<Response> callerReply;
        final List<SimFuture<Response>> copies = new ArrayList<>(2);
        Event nextHedge;
        boolean settled;

        Hedged(Event request, SimFuture<Response> callerReply) {
            this.request = request;
            this.callerReply = callerReply;
        }
    }

    public Hedge(String name, Entity target, double hedgeDelaySeconds, int maxHedges) {
        super(name);
        if (target == null) {
            throw new IllegalArgumentException("a hedge needs a target");
        }
        if (maxHedges < 1) {
            throw new IllegalArgumentException("max hedges must be at least 1, got " + maxHedges);
        }
        this.target = target;
        this.hedgeDelayNanos = positiveNanos("hedge delay", hedgeDelaySeconds);
        this.maxHedges = maxHedges;
    }

    /** One hedge after {@code hedgeDelaySeconds}, as the reference's default. */
    public Hedge(String name, Entity target, double hedgeDelaySeconds) {
        this(name, target, hedgeDelaySeconds, 1);
    }

    @Override
    protected void handle(Event request) {
        totalRequests++;
        Hedged hedged = new Hedged(request, owe(request));
        sendCopy(hedged);
        scheduleHedge(hedged);
    }

    private void sendCopy(Hedged hedged) {
        int copy = hedged.copies.size();
        Map<String, Object> context = copy == 0 ? null : markedContext(hedged.request, HEDGE, copy);
        SimFuture<Response> reply = send(hedged.request, target, context, copy == 0);
        reply.onLate(late -> {
            if (!(late.isFailed() && late.failure().isSilent())) {
                lateAnswers++;
            }
        });
        hedged.copies.add(reply);
        await(reply, REPLY, contextOf(hedged.request), outcome -> onCopy(hedged, copy, outcome));
    }

    private void scheduleHedge(Hedged hedged) {
        hedged.nextHedge = after(hedgeDelayNanos, HEDGE, contextOf(hedged.request), fired -> {
            hedged.nextHedge = null;
            hedgesSent++;
            sendCopy(hedged);
            if (hedged.copies.size() <= maxHedges) {
                scheduleHedge(hedged);
            }
        });
    }

    private void onCopy(Hedged hedged, int copy, SimFuture<Response> outcome) {
        if (hedged.settled || outcome.isCancelled()) {
            return;
        }
        if (outcome.isSucceeded()) {
            if (copy == 0) {
                primaryWins++;
            } else {
                hedgeWins++;
            }
            settle(hedged);
            answer(hedged.callerReply, outcome.value());
            return;
        }
        Failure failure = outcome.failure();
        if (hedged.copies.stream().anyMatch(SimFuture::isPending)) {
            return;
        }
        if (failure.isSilent() && hedged.nextHedge != null) {
            return;
        }
        failedRequests++;
        settle(hedged);
        fail(hedged.callerReply, failure);
    }

    /** The request is answered: no more hedges, and the copies still out are given up (their answers come late). */
    private void settle(Hedged hedged) {
        hedged.settled = true;
        if (hedged.nextHedge != null) {
            hedged.nextHedge.cancel();
            hedged.nextHedge = null;
            hedgesCancelled++;
        }
        for (SimFuture<Response> copy : hedged.copies) {
            copy.cancel();
        }
    }

    public Entity target() {
        return target;
    }

    @Override
    protected void reset() {
        super.reset();
        totalRequests = 0;
        hedgesSent = 0;
        hedgesCancelled = 0;
        primaryWins = 0;
        hedgeWins = 0;
        lateAnswers = 0;
        failedRequests = 0;
    }

    /**
     * {@code total_requests, hedges_sent}, {@code hedges_cancelled} (requests answered while a
     * hedge was still to be sent), {@code primary_wins, hedge_wins}, {@code late_answers} (copies
     * answered after another had won), {@code failed_requests}.
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("total_requests", totalRequests);
        metrics.put("hedges_sent", hedgesSent);
        metrics.put("hedges_cancelled", hedgesCancelled);
        metrics.put("primary_wins", primaryWins);
        metrics.put("hedge_wins", hedgeWins);
        metrics.put("late_answers", lateAnswers);
        metrics.put("failed_requests", failedRequests);
        return metrics;
    }

    @Override
    public List<Entity> downstream() {
        return List.of(target);
    }
}
