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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers from a second source when the primary fails (the reference's §3.4): a degraded answer
 * beats none. Each request goes to the primary; when it fails (any failure, or one the switch
 * predicate picks) or does not answer within the optional primary timeout, the fallback answers
 * instead — another entity (sent a copy marked {@code _fb_is_fallback} in its metadata), or a
 * function that produces the answer on the spot (null: it has none). A primary failure the
 * predicate does not pick is passed to the caller as it is.
 *
 * <p>Fallback failures are counted too ({@code fallback_failures}; the reference never counts
 * them) and the caller hears them. A primary answer after its timeout is counted in
 * {@code late_primary_answers}. Without a primary timeout a silent loss switches at once; with
 * one, at the deadline.
 */
public final class Fallback extends Wrapper {
    /** The event in which the primary's outcome comes back. */
    public static final String PRIMARY_REPLY = "_fb_primary_reply";
    /** The event in which the primary's deadline passes. */
    public static final String PRIMARY_TIMEOUT = "_fb_timeout";
    /** The event in which the fallback entity's outcome comes back. */
    public static final String FALLBACK_REPLY = "_fb_fallback_reply";

    private final Entity primary;
    private final Entity fallbackEntity;
    private final Function<Event, Response> fallbackAnswer;
    private final Predicate<SimFuture<Response>> switchWhen;
    private final long primaryTimeoutNanos;
    private long totalRequests;
    private long primarySuccesses;
    private long primaryFailures;
    private long primaryTimeouts;
    private long fallbackInvocations;
    private long fallbackSuccesses;
    private long fallbackFailures;
    private long latePrimaryAnswers;

    private Fallback(Builder builder) {
        super(builder.name);
        this.primary = builder.primary;
        this.fallbackEntity = builder.fallbackEntity;
        this.fallbackAnswer = builder.fallbackAnswer;
        this.switchWhen = builder.switchWhen;
        this.primaryTimeoutNanos = builder.primaryTimeoutNanos;
    }

    public static Builder builder(String name, Entity primary) {
        return new Builder(name, primary);
    }

    @Override
    protected void handle(Event request) {
        totalRequests++;
        SimFuture<Response> callerReply = owe(request);
        SimFuture<Response> reply = send(request, primary, null, true);
        reply.onLate(late -> {
            if (!(late.isFailed() && late.failure().isSilent())) {
                latePrimaryAnswers++;
            }
        });
        Map<String, Object> context = contextOf(request);
        await(learn(reply, primaryTimeoutNanos, PRIMARY_TIMEOUT, context), PRIMARY_REPLY, context, outcome -> {
            boolean timedOut = isOwnTimeout(outcome);
            boolean switching = timedOut || switchWhen.test(outcome);
            if (outcome.isSucceeded() && !switching) {
                primarySuccesses++;
            } else {
                primaryFailures++;
            }
            if (timedOut) {
                primaryTimeouts++;
            }
            if (switching) {
                invokeFallback(request, callerReply);
            } else {
                answer(callerReply, outcome);
            }
        });
    }

    private void invokeFallback(Event request, SimFuture<Response> callerReply) {
        fallbackInvocations++;
        if (fallbackAnswer != null) {
            Response response = fallbackAnswer.apply(request);
            if (response != null) {
                fallbackSuccesses++;
                answer(callerReply, response);
            } else {
                fallbackFailures++;
                fail(callerReply, Failure.error(this, "no fallback answer"));
            }
            return;
        }
        SimFuture<Response> reply = send(request, fallbackEntity, markedContext(request, "_fb_is_fallback", true), false);
        await(learn(reply, 0, null, null), FALLBACK_REPLY, contextOf(request), outcome -> {
            if (outcome.isSucceeded()) {
                fallbackSuccesses++;
            } else {
                fallbackFailures++;
            }
            answer(callerReply, outcome);
        });
    }

    public Entity primary() {
        return primary;
    }

    @Override
    protected void reset() {
        super.reset();
        totalRequests = 0;
        primarySuccesses = 0;
        primaryFailures = 0;
        primaryTimeouts = 0;
        fallbackInvocations = 0;
        fallbackSuccesses = 0;
        fallbackFailures = 0;
        latePrimaryAnswers = 0;
    }

    /**
     * {@code primary_successes, fallback_invocations}, {@code primary_failures} (every primary
     * failure, timeouts and answers the predicate rejects included, whether it switched or not),
     * {@code primary_timeouts, fallback_successes, fallback_failures, total_requests,
     * late_primary_answers}.
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("primary_successes", primarySuccesses);
        metrics.put("fallback_invocations", fallbackInvocations);
        metrics.put("primary_failures", primaryFailures);
        metrics.put("primary_timeouts", primaryTimeouts);
        metrics.put("fallback_successes", fallbackSuccesses);
        metrics.put("fallback_failures", fallbackFailures);
        metrics.put("total_requests", totalRequests);
        metrics.put("late_primary_answers", latePrimaryAnswers);
        return metrics;
    }

    /** The primary, and the fallback when it is an entity. */
    @Override
    public List<Entity> downstream() {
        List<Entity> targets = new ArrayList<>(2);
        targets.add(primary);
        if (fallbackEntity != null) {
            targets.add(fallbackEntity);
        }
        return targets;
    }

    /** A primary and exactly one fallback (an entity or a function); switches on any failure unless told. */
    public static final class Builder {
        private final String name;
        private final Entity primary;
        private Entity fallbackEntity;
        private Function<Event, Response> fallbackAnswer;
        private Predicate<SimFuture<Response>> switchWhen = SimFuture::isFailed;
        private long primaryTimeoutNanos;

        private Builder(String name, Entity primary) {
            if (primary == null) {
                throw new IllegalArgumentException("a fallback needs a primary");
            }
            this.name = name;
            this.primary = primary;
        }

        /** The entity that answers instead of a failed primary. */
        public Builder fallback(Entity fallback) {
            if (fallback == null) {
                throw new IllegalArgumentException("the fallback entity must not be null");
            }
            this.fallbackEntity = fallback;
            this.fallbackAnswer = null;
            return this;
        }

        /** A function that answers instead of a failed primary (a cached or default value); null means it has no answer. */
        public Builder fallbackAnswer(Function<Event, Response> answer) {
            if (answer == null) {
                throw new IllegalArgumentException("the fallback function must not be null");
            }
            this.fallbackAnswer = answer;
            this.fallbackEntity = null;
            return this;
        }

        /**
         * Which primary outcomes switch to the fallback (given the settled reply), e.g.
         * {@code r -> r.isFailed() && r.failure().kind() == Failure.Kind.ERROR}; a primary timeout
         * always switches. Default: any failure.
         */
        public Builder switchWhen(Predicate<SimFuture<Response>> predicate) {
            if (predicate == null) {
                throw new IllegalArgumentException("the switch predicate must not be null");
            }
            this.switchWhen = predicate;
            return this;
        }

        /** How long the primary may take before the fallback answers instead (no limit unless set). */
        public Builder primaryTimeoutSeconds(double seconds) {
            this.primaryTimeoutNanos = positiveNanos("primary timeout", seconds);
            return this;
        }

        public Fallback build() {
            if (fallbackEntity == null && fallbackAnswer == null) {
                throw new IllegalStateException("a fallback needs a fallback entity or function");
            }
            return new Fallback(this);
        }
    }
}
