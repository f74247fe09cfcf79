package io.happysim.components.client;

import io.happysim.components.network.Network;
import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.RecentRate;
import io.happysim.instrumentation.SeriesOwner;
import io.happysim.instrumentation.Stats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends each request it receives to a target and waits for the answer, trying again as its
 * {@link RetryPolicy} allows: the caller-side half of a request/response model (the §2.1 Client,
 * on explicit replies).
 *
 * <p>A request that reaches the client is one <em>logical request</em>; it is sent to the target
 * as <em>attempts</em>, each a new event carrying a copy of the request's context plus
 * {@code attempt} (1, 2, …) and a reply of its own. With a timeout the attempt races its reply
 * against a timer; whichever comes second is cancelled, and an answer that comes after its
 * attempt timed out is counted in {@code late_replies}, never delivered. A rejection or an error
 * is heard at once; a loss (silence) only when the attempt's timer fires, or at once if there is
 * none. After a failed attempt the retry policy, the {@link RetryBudget} and the request's
 * deadline decide whether another attempt follows; a retry that would start at or after the
 * deadline is not scheduled.
 *
 * <p>On success the client records the latency, completes the request's own reply if it has one
 * (so a client can sit inside a service) and forwards a {@code Response} event, with the target's
 * answer attached and {@code attempts} in its context, to its downstream; on giving up it fails the
 * request's reply with the last failure.
 *
 * <p>The file is long because the attempt's state machine (send, race, classify, retry or give up)
 * reads best in one place; the rest is metrics and accessors.
 */
public class Client extends Entity implements SeriesOwner {
    /** The event a successful request sends downstream. */
    public static final String RESPONSE = "Response";
    /** The timer event of an attempt with a timeout or a deadline. */
    public static final String TIMEOUT = "client_timeout";
    /** The event in which the client continues when an attempt's answer comes. */
    public static final String REPLY = "client_reply";
    /** The event that sends a retry after its backoff. */
    public static final String RETRY = "client_retry";
    private static final Logger LOG = Logger.getLogger(Client.class.getName());

    private final Entity target;
    private final Network network;
    /** Where attempts are sent: the target, or the network's link to it (found at reset, once every link exists). */
    private Entity route;
    private final long timeoutNanos;
    private final RetryPolicy retryPolicy;
    private final RetryBudget retryBudget;
    private final long deadlineNanos;
    private final Entity downstream;
    private final String attemptType;

    private final Data latency = new Data();
    private final Data attemptLatency = new Data();
    private final RecentRate retryRate = new RecentRate();
    private final RecentRate timeoutRate = new RecentRate();
    /** The logical requests in progress, so a crash can fail their replies. */
    private final Set<Call> active = Collections.newSetFromMap(new IdentityHashMap<>());
    private SplittableRandom retryRandom;
    private RetryTokens tokens;
    private boolean budgetDry;
    private long refusedWhileDry;
    private long sent;
    private long attempts;
    private long successes;
    private long failures;
    private long timeouts;
    private long retries;
    private long rejected;
    private long errors;
    private long lost;
    private long lateReplies;
    private long budgetExhausted;
    private double latencySum;

    Client(ClientSettings<?> settings, Entity target) {
        super(settings.name);
        if (target == null) {
            throw new IllegalArgumentException("client '" + settings.name + "' needs a target");
        }
        this.target = target;
        this.network = settings.network;
        this.route = target;
        this.timeoutNanos = settings.timeoutNanos;
        this.retryPolicy = settings.retryPolicy;
        this.retryBudget = settings.retryBudget;
        this.deadlineNanos = settings.deadlineNanos;
        this.downstream = settings.downstream;
        this.attemptType = settings.attemptType;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    protected void handle(Event request) {
        long now = nowNanos();
        sent++;
        Call call = new Call(request, now, plusSaturating(now, deadlineNanos), retryPolicy.newBackoff());
        active.add(call);
        beginAttempt(call);
    }

    /** Starts the next attempt of {@code call}; a pooled client first takes a connection. */
    void beginAttempt(Call call) {
        send(call, null);
    }

    /**
     * Sends the next attempt now and waits for its answer or its timer; null if the deadline has
     * already passed (the request then fails).
     */
    final Attempt send(Call call, Map<String, Object> extraContext) {
        long now = nowNanos();
        if (now >= call.deadlineNanos) {
            call.lastFailure = Failure.timeout(this, "deadline exceeded");
            giveUp(call);
            return null;
        }
        int number = ++call.attempts;
        attempts++;
        if (number > 1) {
            retries++;
            retryRate.mark(now);
        }
        Map<String, Object> context = new LinkedHashMap<>(call.request.contextView());
        context.put("attempt", number);
        if (extraContext != null) {
            context.putAll(extraContext);
        }
        Attempt attempt = new Attempt(call, number, now);
        attempt.reply.onLate(late -> {
            if (!late.isFailed() || !late.failure().isSilent()) {
                lateReplies++;   // an answer; a crash that loses the abandoned work later is not one
            }
        });
        schedule(new Event(now, attemptType, route, call.request.isDaemon(), context).withReply(attempt.reply));

        long untilDeadline = call.deadlineNanos == Instant.INFINITE_NANOS ? Instant.INFINITE_NANOS : call.deadlineNanos - now;
        long timerNanos = Math.min(timeoutNanos, untilDeadline);
        boolean timed = timerNanos != Instant.INFINITE_NANOS;
        attempt.byDeadline = timed && timerNanos < timeoutNanos;
        // what the client can know: a silent failure is not heard before the timer
        SimFuture<Response> heard = SimFuture.pending();
        attempt.reply.onSettle(reply -> {
            if (reply.isSucceeded()) {
                heard.complete(reply.value());
            } else if (reply.isFailed()) {
                if (timed && reply.failure().isSilent()) {
                    attempt.lostSilently = true;
                } else {
                    heard.fail(reply.failure());
                }
            }
        });
        heard.onSettle(h -> {
            if (h.isCancelled()) {
                attempt.reply.cancel();
            }
        });
        if (timed) {
            SimFuture<Void> timer = timer(timerNanos, TIMEOUT, context);
            await(SimFuture.anyOf(heard, timer), REPLY, context, first -> {
                if (first.value().index() == 0) {
                    answered(attempt, heard);
                } else {
                    timedOut(attempt, timerNanos);
                }
            });
        } else {
            await(heard, REPLY, context, h -> answered(attempt, h));
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] request " + call.id() + ": attempt " + number + " sent to " + target.name());
        }
        return attempt;
    }

    private void answered(Attempt attempt, SimFuture<Response> heard) {
        if (heard.isSucceeded()) {
            succeed(attempt, heard.value());
            return;
        }
        Failure failure = heard.failure();
        switch (failure.kind()) {
            case REJECTED -> rejected++;
            case LOST -> lost++;
            default -> errors++;
        }
        attemptFailed(attempt, failure);
    }

    private void timedOut(Attempt attempt, long waitedNanos) {
        timeouts++;
        timeoutRate.mark(nowNanos());
        if (attempt.lostSilently) {
            lost++;
        }
        attemptFailed(attempt, Failure.timeout(this, attempt.byDeadline
                ? "deadline exceeded" : "no answer within " + waitedNanos / 1e9 + " s"));
    }

    private void succeed(Attempt attempt, Response response) {
        long now = nowNanos();
        Call call = attempt.call;
        attemptLatency.add(now, (now - attempt.sentAtNanos) / 1e9);
        double seconds = (now - call.startNanos) / 1e9;
        latency.add(now, seconds);
        latencySum += seconds;
        successes++;
        finish(call);
        if (tokens != null) {
            tokens.earnForSuccess(now);
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] request " + call.id() + ": attempt " + attempt.number + " answered by "
                    + response.responder() + " after " + seconds + " s");
        }
        SimFuture<Response> reply = call.request.reply();
        if (reply != null) {
            reply.complete(response);
        }
        if (downstream != null) {
            Event out = forward(call.request, downstream, RESPONSE).withAttachment(response);
            out.context().put("attempts", call.attempts);
        }
    }

    private void attemptFailed(Attempt attempt, Failure failure) {
        Call call = attempt.call;
        call.lastFailure = failure;
        long now = nowNanos();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] request " + call.id() + ": attempt " + attempt.number + " failed: " + failure);
        }
        if (call.attempts >= retryPolicy.maxAttempts()) {
            giveUp(call);
            return;
        }
        long delay = call.backoff.nextDelayNanos(retryRandom);
        if (plusSaturating(now, delay) >= call.deadlineNanos) {
            giveUp(call);
            return;
        }
        if (tokens != null && !takeRetryToken(now)) {
            giveUp(call);
            return;
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] request " + call.id() + ": retry in " + delay / 1e9 + " s");
        }
        after(delay, RETRY, attempt.context(), e -> beginAttempt(call));
    }

    /**
     * Takes a token for a retry. The budget is reported dry at the first refusal and recovered
     * only once it is half full again, so a storm that lives on a trickle of tokens logs twice,
     * not twice per token.
     */
    private boolean takeRetryToken(long now) {
        if (budgetDry && tokens.available(now) >= Math.max(1.0, retryBudget.capacity() / 2)) {
            budgetDry = false;
            long refused = refusedWhileDry;
            LOG.info(() -> "[" + name() + "] retry budget recovered: retries are sent again ("
                    + refused + " not sent while it was short)");
        }
        if (tokens.tryTake(now)) {
            return true;
        }
        budgetExhausted++;
        if (!budgetDry) {
            budgetDry = true;
            refusedWhileDry = 0;
            LOG.info(() -> "[" + name() + "] retry budget exhausted: failed requests are not retried until it refills ("
                    + retryBudget.refillPerSecond() + " tokens/s)");
        }
        refusedWhileDry++;
        return false;
    }

    private static long plusSaturating(long nanos, long delta) {
        long sum = nanos + delta;
        return sum < nanos ? Instant.INFINITE_NANOS : sum;
    }

    /** Fails {@code call} with its last failure: no more attempts. */
    final void giveUp(Call call) {
        failures++;
        finish(call);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] request " + call.id() + ": failed after " + call.attempts + " attempt(s): " + call.lastFailure);
        }
        call.request.failReply(call.lastFailure);
    }

    private void finish(Call call) {
        active.remove(call);
    }

    /** The requests in progress are lost with the client: their replies fail as lost, their retries never come. */
    @Override
    protected void onCrash() {
        List<Call> inProgress = new ArrayList<>(active);
        active.clear();
        for (Call call : inProgress) {
            call.request.failReply(Failure.lost(this, "crashed"));
        }
    }

    @Override
    protected void reset() {
        route = network == null ? target : network.path(this, target);
        latency.clear();
        attemptLatency.clear();
        retryRate.clear();
        timeoutRate.clear();
        active.clear();
        retryRandom = random("retry");
        tokens = retryBudget == null ? null : new RetryTokens(retryBudget, nowNanos());
        budgetDry = false;
        refusedWhileDry = 0;
        sent = 0;
        attempts = 0;
        successes = 0;
        failures = 0;
        timeouts = 0;
        retries = 0;
        rejected = 0;
        errors = 0;
        lost = 0;
        lateReplies = 0;
        budgetExhausted = 0;
        latencySum = 0;
    }

    /**
     * {@code in_flight} (logical requests in progress) and {@code retries_per_s} first, for the
     * card; then {@code timeouts_per_s} and the counts: logical requests ({@code sent},
     * {@code successes}, {@code failures}), attempts ({@code attempts}, {@code retries}) and how
     * attempts failed: {@code timeouts} (the attempt's timer fired), {@code rejected},
     * {@code errors} (error answers, and timeouts reported by a wrapper further on), {@code lost} (silent failures, also counted as timeouts when
     * a timer noticed them), {@code late_replies} (answers after the timer) and
     * {@code budget_exhausted} (retries not sent for want of a token); {@code mean_latency} of
     * successful requests, end to end, in seconds.
     */
    @Override
    public Map<String, Object> metrics() {
        long now = nowNanos();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("in_flight", active.size());
        metrics.put("retries_per_s", retryRate.perSecond(now));
        metrics.put("timeouts_per_s", timeoutRate.perSecond(now));
        metrics.put("sent", sent);
        metrics.put("attempts", attempts);
        metrics.put("successes", successes);
        metrics.put("failures", failures);
        metrics.put("timeouts", timeouts);
        metrics.put("retries", retries);
        metrics.put("rejected", rejected);
        metrics.put("errors", errors);
        metrics.put("lost", lost);
        metrics.put("late_replies", lateReplies);
        metrics.put("budget_exhausted", budgetExhausted);
        metrics.put("mean_latency", Stats.round6(meanLatency()));
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "in_flight" -> active.size();
            case "retries_per_s" -> retryRate.perSecond(nowNanos());
            case "timeouts_per_s" -> timeoutRate.perSecond(nowNanos());
            case "attempts" -> attempts;
            case "retries" -> retries;
            case "timeouts" -> timeouts;
            default -> metrics().get(metricName);
        };
    }

    /** {@code <name>.latency}: end to end per successful request; {@code <name>.attempt_latency}: per attempt with a good answer. */
    @Override
    public Map<String, Data> series() {
        Map<String, Data> series = new LinkedHashMap<>();
        series.put(name() + ".latency", latency);
        series.put(name() + ".attempt_latency", attemptLatency);
        return series;
    }

    public double meanLatency() {
        return successes == 0 ? 0.0 : latencySum / successes;
    }

    public int inFlight() {
        return active.size();
    }

    public long sent() {
        return sent;
    }

    public long attempts() {
        return attempts;
    }

    public long successes() {
        return successes;
    }

    public long failures() {
        return failures;
    }

    public long timeouts() {
        return timeouts;
    }

    public long retries() {
        return retries;
    }

    public long rejected() {
        return rejected;
    }

    public long errors() {
        return errors;
    }

    public long lost() {
        return lost;
    }

    public long lateReplies() {
        return lateReplies;
    }

    public long budgetExhausted() {
        return budgetExhausted;
    }

    public Data latencies() {
        return latency;
    }

    public Data attemptLatencies() {
        return attemptLatency;
    }

    public Entity target() {
        return target;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public List<Entity> downstream() {
        return downstream == null ? List.of(route) : List.of(route, downstream);
    }

    @Override
    public Category category() {
        return Category.CLIENT;
    }

    /** Builds a {@link Client}: {@code Client.builder("Client").target(server).timeout(0.5).retry(...).build()}. */
    public static final class Builder extends ClientSettings<Builder> {
        private Entity target;

        Builder(String name) {
            super(name);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Where attempts go (required). */
        public Builder target(Entity entity) {
            target = entity;
            return this;
        }

        public Client build() {
            return new Client(this, target);
        }
    }
}
