package io.happysim.components.server;

import io.happysim.components.queueing.QueuePolicy;
import io.happysim.components.queueing.QueuedResource;
import io.happysim.core.Continuation;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Stats;
import io.happysim.instrumentation.TimeWeighted;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * A queued resource that serves up to {@code concurrency} requests at a time, each for a service
 * time, then answers the request's reply and forwards a {@code Response} downstream (the §6.1
 * Server, the §6.2 Node).
 *
 * <p>The reply is answered when service ends — not when the request is queued — so a client in
 * front of it measures queueing plus service. Three conditions a fault schedule (or a model) can
 * set: a {@link #pause} (a stop-the-world GC: no service starts, work in service is frozen, the
 * queue keeps filling), a {@link #setSlowdown slowdown} (service times × k for requests that start
 * meanwhile), an {@link #setErrorProbability error probability} (service ends with an error
 * reply instead of a good one) and a {@link #setCapacityFactor capacity factor} (exhausted
 * resources: fewer requests in service at once).
 */
public class Server extends QueuedResource {
    public static final String RESPONSE = "Response";
    /** The event that ends a pause, so waiting work starts again. */
    public static final String PAUSE_END = "pause_end";
    private static final Logger LOG = Logger.getLogger(Server.class.getName());

    private final int concurrency;
    private final Distribution serviceTime;
    private final Entity downstream;
    private final Continuation finishService = this::finishService;
    private SplittableRandom serviceRandom;
    private SplittableRandom errorRandom;
    private final TimeWeighted busy = new TimeWeighted();
    private int inFlight;
    private long completed;
    private long errors;
    private long servedLate;
    private double slowdown = 1.0;
    private double errorProbability;
    /** Concurrency in effect: lower than {@link #concurrency} while resources are exhausted. */
    private int effectiveConcurrency;
    /** Total length of the pauses begun so far, and when the latest ends: service owes a request the pauses begun while it was served. */
    private long pausedNanosTotal;
    private long frozenUntilNanos = Long.MIN_VALUE;

    public Server(String name, int concurrency, Distribution serviceTime, Entity downstream, QueuePolicy policy) {
        super(name, policy);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (serviceTime == null) {
            throw new IllegalArgumentException("a server needs a service time");
        }
        this.concurrency = concurrency;
        this.effectiveConcurrency = concurrency;
        this.serviceTime = serviceTime;
        this.downstream = downstream;
    }

    public Server(String name, int concurrency, Distribution serviceTime, Entity downstream) {
        this(name, concurrency, serviceTime, downstream, QueuePolicy.fifo());
    }

    @Override
    protected void handleQueued(Event request) {
        inFlight++;
        busy.set(nowNanos(), inFlight);
        long service = serviceTime.sampleNanos(serviceRandom);
        if (slowdown != 1.0) {
            service = Math.round(service * slowdown);
        }
        if (pausedNanosTotal > 0) {
            // a request handed over just as a pause began starts when it ends
            long stillFrozen = Math.max(0L, frozenUntilNanos - nowNanos());
            request.withAttachment(pausedNanosTotal - stillFrozen);
        }
        resumeAfter(request, service, finishService);
    }

    private void finishService(Event done) {
        if (pausedNanosTotal > 0) {
            long owed = pausedNanosTotal - (done.attachment() instanceof Long mark ? mark : 0L);
            if (owed > 0) {
                done.withAttachment(pausedNanosTotal);
                resumeAfter(done, owed, finishService);
                return;
            }
        }
        inFlight--;
        busy.set(nowNanos(), inFlight);
        completed++;
        if (done.expectsReply() && done.reply().isCancelled()) {
            servedLate++;
        }
        if (errorProbability > 0 && errorRandom.nextDouble() < errorProbability) {
            errors++;
            done.failReply(Failure.error(this, "error response"));
        } else {
            done.replyWith(this, null);
        }
        if (downstream != null) {
            forward(done, downstream, RESPONSE);
        }
    }

    /**
     * A stop-the-world pause of {@code durationNanos}: no request starts service until it ends,
     * requests in service finish that much later, arrivals keep queueing. Overlapping pauses
     * extend each other. Logged at INFO.
     */
    @Override
    public void pause(long durationNanos) {
        if (durationNanos < 0) {
            throw new IllegalArgumentException("negative pause " + durationNanos + " ns");
        }
        long now = nowNanos();
        long end = now + durationNanos;
        if (end <= frozenUntilNanos) {
            return;
        }
        pausedNanosTotal += end - Math.max(now, frozenUntilNanos);
        frozenUntilNanos = end;
        LOG.info(() -> "[" + name() + "] paused for " + durationNanos / 1e9 + " s");
        after(durationNanos, PAUSE_END, null, e -> {
            if (nowNanos() >= frozenUntilNanos) {
                LOG.info(() -> "[" + name() + "] pause ended");
                wakeUp();
            }
        });
    }

    @Override
    public boolean isPaused() {
        return simulation() != null && frozenUntilNanos > nowNanos();
    }

    /** Service times × {@code factor} for requests that start service from now on (1 = normal). */
    public void setSlowdown(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("slowdown factor must be positive and finite, got " + factor);
        }
        this.slowdown = factor;
    }

    public double slowdown() {
        return slowdown;
    }

    /** The chance that a request, when its service ends, gets an error reply instead of a good one. */
    public void setErrorProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("error probability must be in [0, 1], got " + probability);
        }
        this.errorProbability = probability;
    }

    public double errorProbability() {
        return errorProbability;
    }

    /**
     * Resource exhaustion: only {@code factor} of the concurrency is usable (rounded down; 0 stops
     * new service). Work already in service goes on; back at 1.0, waiting work starts again.
     */
    public void setCapacityFactor(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("capacity factor must be in [0, 1], got " + factor);
        }
        int before = effectiveConcurrency;
        effectiveConcurrency = (int) Math.floor(concurrency * factor + 1e-9);
        if (effectiveConcurrency > before) {
            wakeUp();
        }
    }

    @Override
    public boolean hasCapacity() {
        return inFlight < effectiveConcurrency && (pausedNanosTotal == 0 || frozenUntilNanos <= nowNanos());
    }

    /** Work in service is lost with a crash: the engine fails its replies; nothing is in service afterwards. */
    @Override
    protected void onCrash() {
        super.onCrash();
        inFlight = 0;
        busy.set(nowNanos(), 0);
    }

    public int inFlight() {
        return inFlight;
    }

    public int concurrency() {
        return concurrency;
    }

    public Distribution serviceTime() {
        return serviceTime;
    }

    public long completed() {
        return completed;
    }

    /** ρ: the time-weighted mean fraction of the concurrency in use since the start (or the warm-up's end). */
    public double utilization() {
        return busy.mean(nowNanos()) / concurrency;
    }

    @Override
    protected void reset() {
        super.reset();
        inFlight = 0;
        completed = 0;
        errors = 0;
        servedLate = 0;
        slowdown = 1.0;
        errorProbability = 0;
        effectiveConcurrency = concurrency;
        pausedNanosTotal = 0;
        frozenUntilNanos = Long.MIN_VALUE;
        serviceRandom = random("service");
        busy.restart(nowNanos(), simulation().warmUpEndNanos());
        errorRandom = random("errors");
    }

    /**
     * After the queue's metrics: {@code service_time, concurrency, in_flight} as the original, then
     * {@code completed}, {@code errors} (error replies) and {@code served_late} (requests finished
     * after their caller had given up on them: the wasted work of a retry storm).
     */
    /** ρ beside the depth on the card: how busy it is and how much waits. */
    @Override
    protected void addKeyMetrics(Map<String, Object> metrics) {
        metrics.put("utilization", Stats.round6(utilization()));
    }

    @Override
    protected void addMetrics(Map<String, Object> metrics) {
        metrics.put("service_time", serviceTime.mean());
        metrics.put("concurrency", concurrency);
        metrics.put("in_flight", inFlight);
        metrics.put("completed", completed);
        metrics.put("errors", errors);
        metrics.put("served_late", servedLate);
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "in_flight" -> inFlight;
            case "completed" -> completed;
            case "utilization" -> Stats.round6(utilization());
            default -> super.metric(metricName);
        };
    }

    @Override
    public List<Entity> downstream() {
        return downstream == null ? List.of() : List.of(downstream);
    }
}
