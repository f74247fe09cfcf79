package io.happysim.components.resilience;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.RecentRate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Stops calling a target that keeps failing, so the caller fails fast instead of waiting, and the
 * target gets room to recover (the reference's §3.1, with resilience4j's failure-rate window as an
 * option).
 *
 * <p><b>States.</b> CLOSED forwards every request. OPEN rejects every request at once (the
 * caller's reply fails {@code REJECTED}, "circuit open"); when the open duration has passed — in
 * a {@value #HALF_OPEN_TIMER} event at opened_at + duration, visible in the history — it turns
 * HALF_OPEN. HALF_OPEN lets up to {@code halfOpenMaxProbes} requests through at a time as probes
 * and rejects the rest; {@code successThreshold} successful probes close it, one failed probe
 * opens it again (the open duration starts anew).
 *
 * <p><b>When it opens from CLOSED</b>, in one of two modes:
 * <ul>
 *   <li>consecutive (the default, the reference's): after {@code failureThreshold} failures in a
 *       row; a success starts the count again;</li>
 *   <li>sliding window ({@link Builder#slidingWindow}, in resilience4j's spirit): over the outcomes
 *       of the last N calls sent while closed, once at least {@code minimumCalls} are recorded, when
 *       the failure rate is at or above the threshold (a percentage). The window is cleared
 *       whenever the breaker closes. Half-open behaves as above in both modes.</li>
 * </ul>
 *
 * <p><b>Outcomes</b> are a failure when the failure predicate says so (default: the reply
 * failed — an error, a rejection further down, a loss, a timeout) and are judged by the state the
 * request was sent in, as the reference says. An outcome that comes back after the breaker has
 * changed state since the request was sent (a slow call sent while closed that ends while
 * half-open) is counted in the statistics but moves the state machine no more: stale news cannot
 * reopen a half-open breaker (the reference lets it). A silent loss is a failure the breaker
 * learns at its call timeout if it has one (the caller then hears {@code TIMEOUT}), else at once;
 * the call timeout is what keeps a probe that never comes back from holding its slot forever.
 * The caller hears the target's answer as it is.
 *
 * <p>(Over 400 lines because the state machine and its builder — each parameter documented
 * beside its default — read best together; the opening rules live in their own classes.)
 */
public final class CircuitBreaker extends Wrapper {
    /** The event that ends the open period. */
    public static final String HALF_OPEN_TIMER = "_cb_half_open";
    /** The event in which the breaker learns a call's outcome. */
    public static final String REPLY = "_cb_reply";
    /** The event in which a call's timeout fires. */
    public static final String CALL_TIMEOUT = "_cb_call_timeout";
    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class.getName());

    /** The breaker's state; {@code level} orders them by how closed the circuit is, for a chart. */
    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        private final int level;

        State(int level) {
            this.level = level;
        }

        /** 0 closed, 1 half-open, 2 open. */
        public int level() {
            return level;
        }

        /** {@code closed}, {@code half_open}, {@code open}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Entity target;
    private final int successThreshold;
    private final long openDurationNanos;
    private final int halfOpenMaxProbes;
    private final long callTimeoutNanos;
    private final Predicate<SimFuture<Response>> isFailure;
    private final BiConsumer<State, State> onStateChange;
    private final OpeningRule openingRule;
    private final RecentRate rejectedRate = new RecentRate();

    private State state = State.CLOSED;
    /** Counts transitions: an outcome of a call sent in an earlier period is stale. */
    private long period;
    private int successCount;
    private int probesInFlight;
    private long openedAtNanos;
    private Event halfOpenTimer;
    private long totalRequests;
    private long successfulRequests;
    private long failedRequests;
    private long rejectedRequests;
    private long stateChanges;
    private long timesOpened;
    private long timesClosed;

    private CircuitBreaker(Builder builder) {
        super(builder.name);
        this.target = builder.target;
        this.successThreshold = builder.successThreshold;
        this.openDurationNanos = builder.openDurationNanos;
        this.halfOpenMaxProbes = builder.halfOpenMaxProbes;
        this.callTimeoutNanos = builder.callTimeoutNanos;
        this.isFailure = builder.isFailure;
        this.onStateChange = builder.onStateChange;
        this.openingRule = builder.window != null ? builder.window.get() : new ConsecutiveFailures(builder.failureThreshold);
    }

    public static Builder builder(String name, Entity target) {
        return new Builder(name, target);
    }

    @Override
    protected void handle(Event request) {
        totalRequests++;
        if (state == State.OPEN) {
            reject(request, "circuit open");
            return;
        }
        if (state == State.HALF_OPEN) {
            if (probesInFlight >= halfOpenMaxProbes) {
                reject(request, "circuit half-open, probes busy");
                return;
            }
            probesInFlight++;
        }
        State sentIn = state;
        long sentInPeriod = period;
        SimFuture<Response> callerReply = owe(request);
        SimFuture<Response> reply = send(request, target, null, true);
        Map<String, Object> context = contextOf(request);
        await(learn(reply, callTimeoutNanos, CALL_TIMEOUT, context), REPLY, context,
                outcome -> judge(outcome, sentIn, sentInPeriod, callerReply));
    }

    private void reject(Event request, String reason) {
        rejectedRequests++;
        rejectedRate.mark(nowNanos());
        request.failReply(Failure.rejected(this, reason));
    }

    private void judge(SimFuture<Response> outcome, State sentIn, long sentInPeriod, SimFuture<Response> callerReply) {
        boolean failed = isFailure.test(outcome);
        if (failed) {
            failedRequests++;
        } else {
            successfulRequests++;
        }
        if (sentInPeriod == period) {
            if (sentIn == State.HALF_OPEN) {
                judgeProbe(failed);
            } else {
                judgeClosedCall(failed);
            }
        }
        answer(callerReply, outcome);
    }

    private void judgeProbe(boolean failed) {
        probesInFlight--;
        if (failed) {
            open("circuit opened again: a half-open probe failed");
        } else if (++successCount >= successThreshold) {
            close("circuit closed after " + successCount + " successful probe" + (successCount == 1 ? "" : "s"));
        }
    }

    private void judgeClosedCall(boolean failed) {
        String why = openingRule.record(failed);
        if (why != null) {
            open(why);
        }
    }

    private void open(String why) {
        transition(State.OPEN, why);
    }

    private void close(String why) {
        transition(State.CLOSED, why);
    }

    /** The reference's transitions: each resets what the new state starts from, then logs and tells the listener. */
    private void transition(State next, String why) {
        State previous = state;
        state = next;
        period++;
        stateChanges++;
        cancelHalfOpenTimer();
        switch (next) {
            case OPEN -> {
                successCount = 0;
                openedAtNanos = nowNanos();
                timesOpened++;
                armHalfOpenTimer(openDurationNanos);
            }
            case HALF_OPEN -> {
                successCount = 0;
                probesInFlight = 0;
            }
            case CLOSED -> {
                openingRule.clear();
                successCount = 0;
                timesClosed++;
            }
        }
        LOG.info(() -> "[" + name() + "] " + why);
        if (onStateChange != null) {
            onStateChange.accept(previous, next);
        }
    }

    private void armHalfOpenTimer(long delayNanos) {
        halfOpenTimer = after(delayNanos, HALF_OPEN_TIMER, null, fired -> {
            halfOpenTimer = null;
            transition(State.HALF_OPEN, "circuit half-open");
        });
    }

    private void cancelHalfOpenTimer() {
        if (halfOpenTimer != null) {
            halfOpenTimer.cancel();
            halfOpenTimer = null;
        }
    }

    /** Opens the circuit now (it turns half-open after the open duration, as after any opening). */
    public void forceOpen() {
        if (state != State.OPEN) {
            open("circuit opened (forced)");
        }
    }

    /** Closes the circuit now, clearing its counts. */
    public void forceClose() {
        if (state != State.CLOSED) {
            close("circuit closed (forced)");
        }
    }

    /**
     * Back to a fresh closed breaker — counts, window and the pending half-open timer cleared —
     * without counting a transition, as the reference's {@code reset()}; the statistics stay.
     * (Named so because {@link #reset()} is the simulation's reset, which clears everything.)
     */
    public void resetState() {
        cancelHalfOpenTimer();
        state = State.CLOSED;
        period++;
        openingRule.clear();
        successCount = 0;
        probesInFlight = 0;
        LOG.info(() -> "[" + name() + "] circuit reset (closed)");
    }

    public State state() {
        return state;
    }

    /** When the circuit last opened (meaningful while it is open or half-open). */
    public Instant openedAt() {
        return Instant.ofNanos(openedAtNanos);
    }

    public Entity target() {
        return target;
    }

    @Override
    protected void reset() {
        super.reset();
        state = State.CLOSED;
        period = 0;
        openingRule.clear();
        successCount = 0;
        probesInFlight = 0;
        openedAtNanos = 0;
        halfOpenTimer = null;
        rejectedRate.clear();
        totalRequests = 0;
        successfulRequests = 0;
        failedRequests = 0;
        rejectedRequests = 0;
        stateChanges = 0;
        timesOpened = 0;
        timesClosed = 0;
    }

    /** Calls in flight die with the breaker (their callers' replies fail as lost); the state survives. */
    @Override
    protected void onCrash() {
        super.onCrash();
        probesInFlight = 0;
        halfOpenTimer = null;
    }

    /** The crash cancelled the half-open timer: an open breaker re-arms it for what is left of its open period. */
    @Override
    protected void onRestart() {
        if (state == State.OPEN) {
            armHalfOpenTimer(Math.max(0L, openedAtNanos + openDurationNanos - nowNanos()));
        }
    }

    /**
     * {@code state} (closed/open/half_open), {@code state_level} (0/1/2, for a chart),
     * {@code rejected_per_s}, {@code failure_count} (consecutive failures, or the window's
     * failures), {@code success_count} (successful probes), then the totals; in window mode also
     * {@code failure_rate} (% of the window).
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("state", state.wireName());
        metrics.put("state_level", state.level());
        metrics.put("rejected_per_s", perSecondNow(rejectedRate));
        metrics.put("failure_count", openingRule.failureCount());
        metrics.put("success_count", successCount);
        metrics.put("total_requests", totalRequests);
        metrics.put("successful_requests", successfulRequests);
        metrics.put("failed_requests", failedRequests);
        metrics.put("rejected_requests", rejectedRequests);
        metrics.put("state_changes", stateChanges);
        metrics.put("times_opened", timesOpened);
        metrics.put("times_closed", timesClosed);
        if (openingRule instanceof FailureWindow window) {
            metrics.put("failure_rate", window.failureRatePercent());
        }
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "state" -> state.wireName();
            case "state_level" -> state.level();
            case "rejected_per_s" -> perSecondNow(rejectedRate);
            case "rejected_requests" -> rejectedRequests;
            default -> metrics().get(metricName);
        };
    }

    @Override
    public List<Entity> downstream() {
        return List.of(target);
    }

    /** Parameters with the reference's defaults: 5 failures, 2 probe successes, 30 s open, 1 probe at a time. */
    public static final class Builder {
        private final String name;
        private final Entity target;
        private int failureThreshold = 5;
        private int successThreshold = 2;
        private long openDurationNanos = Instant.secondsToNanos(30.0);
        private int halfOpenMaxProbes = 1;
        private long callTimeoutNanos;
        private Predicate<SimFuture<Response>> isFailure = SimFuture::isFailed;
        private BiConsumer<State, State> onStateChange;
        private Supplier<OpeningRule> window;

        private Builder(String name, Entity target) {
            if (target == null) {
                throw new IllegalArgumentException("a circuit breaker needs a target");
            }
            this.name = name;
            this.target = target;
        }

        /** Consecutive failures (sent while closed) that open the circuit; consecutive mode only. */
        public Builder failureThreshold(int failures) {
            this.failureThreshold = atLeastOne("failure threshold", failures);
            return this;
        }

        /** Successful half-open probes that close the circuit. */
        public Builder successThreshold(int successes) {
            this.successThreshold = atLeastOne("success threshold", successes);
            return this;
        }

        /** How long the circuit stays open before it lets probes through (the reference's {@code timeout}). */
        public Builder openDurationSeconds(double seconds) {
            this.openDurationNanos = positiveNanos("open duration", seconds);
            return this;
        }

        /** Probes allowed in flight at once while half-open. */
        public Builder halfOpenMaxProbes(int probes) {
            this.halfOpenMaxProbes = atLeastOne("half-open max probes", probes);
            return this;
        }

        /** A deadline for each call: no answer by then is a failure (caller hears TIMEOUT). None by default. */
        public Builder callTimeoutSeconds(double seconds) {
            this.callTimeoutNanos = positiveNanos("call timeout", seconds);
            return this;
        }

        /** Which outcomes count as failures (given the settled reply as the breaker saw it); default: any failed reply. */
        public Builder failureWhen(Predicate<SimFuture<Response>> predicate) {
            if (predicate == null) {
                throw new IllegalArgumentException("the failure predicate must not be null");
            }
            this.isFailure = predicate;
            return this;
        }

        /** Called with (old, new) on every transition, after the breaker has changed state. */
        public Builder onStateChange(BiConsumer<State, State> listener) {
            this.onStateChange = listener;
            return this;
        }

        /**
         * Opens on the failure rate over the last {@code size} calls instead of on consecutive
         * failures: when at least {@code minimumCalls} are recorded and {@code failureRatePercent}
         * (0 < % ≤ 100) or more of them failed.
         */
        public Builder slidingWindow(int size, double failureRatePercent, int minimumCalls) {
            new FailureWindow(size, failureRatePercent, minimumCalls); // checks the parameters now, not at build
            this.window = () -> new FailureWindow(size, failureRatePercent, minimumCalls);
            return this;
        }

        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }

        private static int atLeastOne(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
