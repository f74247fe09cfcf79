package io.happysim.components.resilience;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.RecentRate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every resilience wrapper does with a request: it sends the work on to a target with a reply
 * of its own, learns the outcome, and answers the caller from it — so the wrapper, not the target,
 * decides what the caller hears, and no request vanishes.
 *
 * <p>Two rules are shared. A silent failure ({@code LOST}) is known to the wrapper only at its own
 * deadline when it has one (at that moment it is a timeout, like any other silence), else at once.
 * The caller's completion hooks travel with the work to the target (the work is done when the
 * target finishes it); a copy sent on the side (a hedge, a fallback) carries none.
 *
 * <p>If the wrapper crashes, the requests it still owes an answer are lost: their callers' replies
 * fail {@code LOST}, as a crashed server's do.
 */
abstract class Wrapper extends Entity {
    /** Futures compare by identity; a linked set keeps crash-time failures in arrival order (deterministic). */
    private final Set<SimFuture<Response>> owed = new LinkedHashSet<>();

    Wrapper(String name) {
        super(name);
    }

    /** The caller's reply of {@code request} (null for fire-and-forget), now owed an answer by this wrapper. */
    final SimFuture<Response> owe(Event request) {
        SimFuture<Response> callerReply = request.reply();
        if (callerReply != null) {
            owed.add(callerReply);
        }
        return callerReply;
    }

    /** Answers the caller with what the wrapper learned: the response, or the failure. */
    final void answer(SimFuture<Response> callerReply, SimFuture<Response> outcome) {
        if (outcome.isSucceeded()) {
            answer(callerReply, outcome.value());
        } else if (outcome.isFailed()) {
            fail(callerReply, outcome.failure());
        }
    }

    final void answer(SimFuture<Response> callerReply, Response response) {
        if (callerReply != null) {
            owed.remove(callerReply);
            callerReply.complete(response);
        }
    }

    final void fail(SimFuture<Response> callerReply, Failure failure) {
        if (callerReply != null) {
            owed.remove(callerReply);
            callerReply.fail(failure);
        }
    }

    /**
     * Sends {@code request}'s work to {@code target} now, under a reply of this wrapper's own, and
     * returns that reply. {@code context} is the forwarded event's context (null: share the
     * request's); with {@code carryWork} the caller's completion hooks go with it.
     */
    final SimFuture<Response> send(Event request, Entity target, Map<String, Object> context, boolean carryWork) {
        SimFuture<Response> reply = SimFuture.pending();
        Map<String, Object> forwardedContext = context != null ? context : request.hasContext() ? request.context() : null;
        Event forwarded = new Event(nowNanos(), request.type(), target, request.isDaemon(), forwardedContext);
        if (carryWork) {
            SimFuture<Response> callerReply = request.reply();
            forwarded.continueWork(request);
            request.withReply(callerReply);
        }
        schedule(forwarded.withReply(reply));
        return reply;
    }

    /**
     * What this wrapper learns of {@code reply}, and when: a response or an audible failure at
     * once; silence ({@code LOST}) at once without a deadline, else at the deadline; no answer by
     * the deadline ({@code deadlineNanos > 0}) fails {@code TIMEOUT} in a {@code timeoutType}
     * event, and the reply is cancelled (its answer, if it comes, is late). Cancelling the
     * returned future gives up on the reply and its timer.
     */
    final SimFuture<Response> learn(SimFuture<Response> reply, long deadlineNanos, String timeoutType,
                                    Map<String, Object> timerContext) {
        SimFuture<Response> learned = SimFuture.pending();
        if (deadlineNanos <= 0) {
            reply.onSettle(settled -> settleFrom(learned, settled));
            learned.onSettle(l -> reply.cancel());
            return learned;
        }
        SimFuture<Void> deadline = timer(deadlineNanos, timeoutType, timerContext);
        reply.onSettle(settled -> {
            if (settled.isFailed() && settled.failure().isSilent()) {
                return; // the wrapper cannot tell silence from slowness before its deadline
            }
            settleFrom(learned, settled);
        });
        deadline.onSettle(fired -> {
            if (fired.isSucceeded()) {
                learned.fail(Failure.timeout(this, "no answer within " + Instant.format(deadlineNanos)));
            }
        });
        learned.onSettle(l -> {
            reply.cancel();
            deadline.cancel();
        });
        return learned;
    }

    private static void settleFrom(SimFuture<Response> learned, SimFuture<Response> settled) {
        switch (settled.state()) {
            case SUCCEEDED -> learned.complete(settled.value());
            case FAILED -> learned.fail(settled.failure());
            default -> learned.cancel();
        }
    }

    /** Whether {@code outcome} is this wrapper's own deadline passing (not a timeout reported from further down). */
    final boolean isOwnTimeout(SimFuture<Response> outcome) {
        return outcome.isFailed() && outcome.failure().kind() == Failure.Kind.TIMEOUT
                && outcome.failure().where().equals(name());
    }

    /** The request's context for events about it (reply and timer events), so the history can find them; null if it has none. */
    static Map<String, Object> contextOf(Event request) {
        return request.hasContext() ? request.context() : null;
    }

    /** A copy of the request's context whose metadata also holds {@code key = value}: a marker on a side copy. */
    static Map<String, Object> markedContext(Event request, String key, Object value) {
        Map<String, Object> context = new LinkedHashMap<>(request.contextView());
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (context.get("metadata") instanceof Map<?, ?> callerMetadata) {
            callerMetadata.forEach((k, v) -> metadata.put(String.valueOf(k), v));
        }
        metadata.put(key, value);
        context.put("metadata", metadata);
        return context;
    }

    /** {@code rate} per second now; 0 for an entity not yet part of a simulation (metrics may be read before). */
    final double perSecondNow(RecentRate rate) {
        return simulation() == null ? 0.0 : rate.perSecond(nowNanos());
    }

    static long positiveNanos(String what, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + seconds);
        }
        return Math.max(1L, Instant.secondsToNanos(seconds));
    }

    @Override
    protected void reset() {
        owed.clear();
    }

    /** The answers it owed are lost with it; subclasses forget their in-flight bookkeeping after this. */
    @Override
    protected void onCrash() {
        List<SimFuture<Response>> lost = List.copyOf(owed);
        owed.clear();
        for (SimFuture<Response> callerReply : lost) {
            callerReply.fail(Failure.lost(this, "crashed"));
        }
    }

    @Override
    public Category category() {
        return Category.RESILIENCE;
    }
}
