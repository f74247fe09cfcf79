package io.happysim.components.balancing;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Probes a balancer's backends and marks them down and up. Every interval it sends each backend
 * that has no probe outstanding a request of type {@code health_check} with a reply, and races
 * the reply against a timeout: a good answer passes, an error answer or the timeout fails (a lost
 * probe — a crashed backend — is silence, so it fails when the timeout fires). After
 * {@code unhealthyThreshold} consecutive failures a healthy backend is marked unhealthy; after
 * {@code healthyThreshold} consecutive passes an unhealthy one is marked healthy again, optionally
 * with a slow start (its weight ramps up over a warm-up period instead of all at once).
 *
 * <p>The reference's quirk is gone: a server answers when the probe's service ends, so an
 * overloaded or paused backend, whose queue holds the probe past the timeout, fails its checks.
 *
 * <p>Category {@link Category#OTHER}: no user traffic passes through it (a router colour would
 * suggest it does); it only talks to the backends and tells the balancer.
 */
public final class HealthChecker extends Entity {
    public static final String CYCLE = "health_check_cycle";
    public static final String TIMEOUT = "_health_check_timeout";
    public static final String RESULT = "_health_check_result";
    private static final Logger LOG = Logger.getLogger(HealthChecker.class.getName());

    private final LoadBalancer balancer;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final String checkEventType;
    private final long slowStartNanos;
    private final Map<Entity, BackendCheck> checks = new IdentityHashMap<>();
    private Event nextCycle;
    private boolean stopped;
    private long checkIds;
    private long checksPerformed;
    private long checksPassed;
    private long checksFailed;
    private long checksTimedOut;
    private long markedHealthy;
    private long markedUnhealthy;

    private HealthChecker(Builder builder) {
        super(builder.name);
        this.balancer = builder.balancer;
        this.intervalNanos = Instant.secondsToNanos(builder.intervalSeconds);
        this.timeoutNanos = Instant.secondsToNanos(builder.timeoutSeconds);
        this.healthyThreshold = builder.healthyThreshold;
        this.unhealthyThreshold = builder.unhealthyThreshold;
        this.checkEventType = builder.checkEventType;
        this.slowStartNanos = Instant.secondsToNanos(builder.slowStartSeconds);
    }

    /** Checks of {@code balancer}'s backends: every 10 s, timeout 5 s, healthy after 2 passes, unhealthy after 3 failures. */
    public static Builder builder(LoadBalancer balancer) {
        return new Builder(balancer);
    }

    /** One backend's record: consecutive results, the last check, the probe in flight. */
    private static final class BackendCheck {
        long consecutiveSuccesses;
        long consecutiveFailures;
        long lastCheckNanos = Long.MIN_VALUE;
        boolean lastCheckPassed;
        boolean checking;

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("consecutive_successes", consecutiveSuccesses);
            map.put("consecutive_failures", consecutiveFailures);
            if (lastCheckNanos != Long.MIN_VALUE) {
                map.put("last_check_time", lastCheckNanos / 1e9);
                map.put("last_check_passed", lastCheckPassed);
            }
            map.put("is_checking", checking);
            return map;
        }
    }

    @Override
    protected void start() {
        if (!stopped) {
            scheduleCycle(nowNanos());
        }
    }

    /** No more cycles from now on; probes already sent are still judged. */
    public void stop() {
        stopped = true;
        if (nextCycle != null) {
            nextCycle.cancel();
            nextCycle = null;
        }
        LOG.info(() -> "[" + name() + "] stopped");
    }

    public boolean isStopped() {
        return stopped;
    }

    private void scheduleCycle(long atNanos) {
        // a daemon: health checks alone do not keep an endless run going
        nextCycle = schedule(new Event(atNanos, CYCLE, this, true, null));
    }

    @Override
    protected void handle(Event event) {
        if (!CYCLE.equals(event.type()) || stopped) {
            return;
        }
        for (Entity backend : balancer.backends()) {
            BackendCheck check = checks.get(backend);
            if (!check.checking) {
                probe(backend, check);
            }
        }
        scheduleCycle(nowNanos() + intervalNanos);
    }

    private void probe(Entity backend, BackendCheck check) {
        check.checking = true;
        checksPerformed++;
        long checkId = ++checkIds;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("_health_check_id", checkId);
        metadata.put("_health_checker", name());
        metadata.put("_backend_name", backend.name());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("created_at", now());
        context.put("metadata", metadata);
        SimFuture<Response> reply = SimFuture.pending();
        schedule(new Event(nowNanos(), checkEventType, backend, true, context).withReply(reply));

        // a loss is silence: only an answer (good or error) can beat the timeout
        SimFuture<Response> answer = SimFuture.pending();
        reply.onSettle(settled -> {
            if (settled.isSucceeded()) {
                answer.complete(settled.value());
            } else if (settled.isFailed() && !settled.failure().isSilent()) {
                answer.fail(settled.failure());
            }
        });
        Map<String, Object> checkMetadata = new LinkedHashMap<>();
        checkMetadata.put("_health_check_id", checkId);
        checkMetadata.put("_backend_name", backend.name());
        Map<String, Object> checkContext = new LinkedHashMap<>();
        checkContext.put("metadata", checkMetadata);
        SimFuture<SimFuture.First> race = SimFuture.anyOf(answer, timer(timeoutNanos, TIMEOUT, checkContext));
        await(race, RESULT, checkContext, settled -> {
            SimFuture.First first = settled.value();
            boolean timedOut = first.index() == 1;
            if (timedOut) {
                reply.cancel();   // a late answer is stale: the server counts it as served late
            }
            judge(backend, check, !timedOut && first.future().isSucceeded(), timedOut);
        });
    }

    private void judge(Entity backend, BackendCheck check, boolean passed, boolean timedOut) {
        check.checking = false;
        check.lastCheckNanos = nowNanos();
        check.lastCheckPassed = passed;
        if (passed) {
            checksPassed++;
            check.consecutiveSuccesses++;
            check.consecutiveFailures = 0;
            if (!balancer.isHealthy(backend) && check.consecutiveSuccesses >= healthyThreshold) {
                markedHealthy++;
                LOG.info(() -> "[" + name() + "] " + backend.name() + " passed " + check.consecutiveSuccesses
                        + " checks in a row: healthy" + (slowStartNanos > 0 ? ", warming up for " + slowStartNanos / 1e9 + " s" : ""));
                balancer.markHealthy(backend);
                if (slowStartNanos > 0) {
                    balancer.warmUp(backend, slowStartNanos);
                }
            }
            return;
        }
        checksFailed++;
        if (timedOut) {
            checksTimedOut++;
        }
        check.consecutiveFailures++;
        check.consecutiveSuccesses = 0;
        if (balancer.isHealthy(backend) && check.consecutiveFailures >= unhealthyThreshold) {
            markedUnhealthy++;
            LOG.info(() -> "[" + name() + "] " + backend.name() + " failed " + check.consecutiveFailures
                    + " checks in a row (last: " + (timedOut ? "timed out" : "error") + "): unhealthy");
            balancer.markUnhealthy(backend);
        }
    }

    /** A crash forgets the probes in flight (their waits are forgotten too); cycles start again at the restart. */
    @Override
    protected void onCrash() {
        checks.values().forEach(check -> check.checking = false);
        nextCycle = null;
    }

    @Override
    protected void onRestart() {
        start();
    }

    @Override
    protected void reset() {
        checks.clear();
        for (Entity backend : balancer.backends()) {
            checks.put(backend, new BackendCheck());
        }
        nextCycle = null;
        stopped = false;
        checkIds = 0;
        checksPerformed = 0;
        checksPassed = 0;
        checksFailed = 0;
        checksTimedOut = 0;
        markedHealthy = 0;
        markedUnhealthy = 0;
    }

    public LoadBalancer balancer() {
        return balancer;
    }

    public long checksPerformed() {
        return checksPerformed;
    }

    /**
     * {@code healthy_backends} and {@code checks_failed} first (what a card should show), then the
     * original's counters — {@code checks_failed} counts every failed check, {@code checks_timed_out}
     * those among them that timed out — and per backend the original's check record.
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("healthy_backends", balancer.healthyBackends().size());
        metrics.put("checks_failed", checksFailed);
        metrics.put("checks_performed", checksPerformed);
        metrics.put("checks_passed", checksPassed);
        metrics.put("checks_timed_out", checksTimedOut);
        metrics.put("backends_marked_healthy", markedHealthy);
        metrics.put("backends_marked_unhealthy", markedUnhealthy);
        Map<String, Object> perBackend = new LinkedHashMap<>();
        for (Entity backend : balancer.backends()) {
            BackendCheck check = checks.get(backend);
            if (check != null) {
                perBackend.put(backend.name(), check.toMap());
            }
        }
        metrics.put("backends", perBackend);
        return metrics;
    }

    @Override
    public List<Entity> downstream() {
        return balancer.backends();
    }

    @Override
    public Category category() {
        return Category.OTHER;
    }

    /** Parameters as the original's, in seconds; the timeout must be shorter than the interval. */
    public static final class Builder {
        private final LoadBalancer balancer;
        private String name = "HealthChecker";
        private double intervalSeconds = 10;
        private double timeoutSeconds = 5;
        private int healthyThreshold = 2;
        private int unhealthyThreshold = 3;
        private String checkEventType = "health_check";
        private double slowStartSeconds;

        private Builder(LoadBalancer balancer) {
            if (balancer == null) {
                throw new IllegalArgumentException("a health checker needs a load balancer");
            }
            this.balancer = balancer;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder intervalSeconds(double seconds) {
            this.intervalSeconds = seconds;
            return this;
        }

        public Builder timeoutSeconds(double seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        /** Consecutive passes that bring an unhealthy backend back. */
        public Builder healthyThreshold(int passes) {
            this.healthyThreshold = passes;
            return this;
        }

        /** Consecutive failures that take a healthy backend out. */
        public Builder unhealthyThreshold(int failures) {
            this.unhealthyThreshold = failures;
            return this;
        }

        public Builder checkEventType(String type) {
            this.checkEventType = type;
            return this;
        }

        /** Ramp a recovered backend's weight up over this period (0: back at full weight at once). */
        public Builder slowStartSeconds(double seconds) {
            this.slowStartSeconds = seconds;
            return this;
        }

        public HealthChecker build() {
            if (!(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
                throw new IllegalArgumentException("the interval must be positive, got " + intervalSeconds);
            }
            if (!(timeoutSeconds > 0) || timeoutSeconds >= intervalSeconds) {
                throw new IllegalArgumentException("the timeout must be positive and shorter than the interval ("
                        + intervalSeconds + " s), got " + timeoutSeconds);
            }
            if (healthyThreshold < 1 || unhealthyThreshold < 1) {
                throw new IllegalArgumentException("thresholds must be at least 1");
            }
            if (!(slowStartSeconds >= 0) || Double.isInfinite(slowStartSeconds)) {
                throw new IllegalArgumentException("the slow start must be zero or positive, got " + slowStartSeconds);
            }
            if (checkEventType == null || checkEventType.isBlank()) {
                throw new IllegalArgumentException("the check event type must not be blank");
            }
            return new HealthChecker(this);
        }
    }
}
