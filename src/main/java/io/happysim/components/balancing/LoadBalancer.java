package io.happysim.components.balancing;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes each request to one healthy backend chosen by a strategy. The forwarded request is a new
 * event with a copied context whose metadata gains {@code _lb_request_id} and {@code _lb_name};
 * when the backend finishes it, a completion hook sends {@code _lb_response} back here to settle
 * the outstanding count. The caller's completion hooks and reply move to the forwarded request, so
 * the caller hears the backend's own answer; a request without a reply gets one, so that the
 * balancer still learns whether the backend succeeded. With no healthy backend the request is
 * refused: its reply fails as rejected.
 */
public class LoadBalancer extends Entity {
    public static final String LB_RESPONSE = "_lb_response";
    /** A warming-up backend starts at this fraction of its weight (Envoy's default slow-start minimum, 10%). */
    public static final double WARM_UP_START_FRACTION = 0.1;
    private static final Logger LOG = Logger.getLogger(LoadBalancer.class.getName());

    private final List<Entity> backends;
    private final LoadBalancingStrategy strategy;
    private final Map<Entity, BackendState> states = new IdentityHashMap<>();
    private List<Entity> healthy;
    private long requestsReceived;
    private long requestsForwarded;
    private long requestsFailed;
    private long noBackendAvailable;
    private long responsesReceived;
    private long markedUnhealthy;
    private long markedHealthy;
    /** Set once the "no backend" warning is logged, cleared when a backend is healthy again: one warning per outage. */
    private boolean outageLogged;

    public LoadBalancer(String name, List<? extends Entity> backends, LoadBalancingStrategy strategy) {
        super(name);
        this.backends = List.copyOf(backends);
        this.strategy = strategy == null ? new RoundRobin() : strategy;
        this.healthy = this.backends;
        for (Entity backend : this.backends) {
            states.put(backend, new BackendState(backend));
        }
    }

    /** A request sent to a backend: when, and whether its answer has been heard. */
    private final class Flight {
        final BackendState state;
        final long sentAtNanos;
        boolean heard;

        Flight(BackendState state, long sentAtNanos) {
            this.state = state;
            this.sentAtNanos = sentAtNanos;
        }

        /**
         * The backend's answer, once: a good reply is a success, anything else a failure. An
         * answer (good or bad, not a silent loss) is a response-time sample for the strategy.
         */
        void heard(SimFuture<?> outcome) {
            if (heard) {
                return;
            }
            heard = true;
            if (outcome.isSucceeded()) {
                state.succeeded();
            } else {
                state.failed();
                if (outcome.failure().isSilent()) {
                    return;
                }
            }
            strategy.onResponse(state.backend, nowNanos() - sentAtNanos);
        }
    }

    @Override
    protected void handle(Event event) {
        if (LB_RESPONSE.equals(event.type())) {
            settle(event);
        } else {
            route(event);
        }
    }

    private void route(Event request) {
        requestsReceived++;
        Entity backend = healthy.isEmpty() ? null : strategy.select(healthy, request);
        if (backend == null) {
            refuse(request);
            return;
        }
        BackendState state = stateOf(backend);
        requestsForwarded++;
        long requestId = requestsForwarded;
        Map<String, Object> context = new LinkedHashMap<>(request.contextView());
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (context.get("metadata") instanceof Map<?, ?> callerMetadata) {
            callerMetadata.forEach((k, v) -> metadata.put(String.valueOf(k), v));
        }
        metadata.put("_lb_request_id", requestId);
        metadata.put("_lb_name", name());
        context.put("metadata", metadata);
        Event forwarded = new Event(nowNanos(), request.type(), backend, request.isDaemon(), context);
        forwarded.addCompletionHook(finished -> schedule(responseEvent(requestId, backend)));
        forwarded.continueWork(request);
        if (!forwarded.expectsReply()) {
            forwarded.withReply(SimFuture.pending());
        }
        Flight flight = new Flight(state, nowNanos());
        SimFuture<Response> reply = forwarded.reply();
        // a caller that gave up cancels the reply; the backend's answer then arrives as a late result
        reply.onSettle(settled -> {
            if (!settled.isCancelled()) {
                flight.heard(settled);
            }
        });
        reply.onLate(flight::heard);
        state.outstanding++;
        state.totalRequests++;
        schedule(forwarded);
    }

    private void refuse(Event request) {
        noBackendAvailable++;
        requestsFailed++;
        request.failReply(Failure.rejected(this, "no healthy backend"));
        if (!outageLogged) {
            outageLogged = true;
            LOG.warning(() -> "[" + name() + "] no healthy backend available for " + request);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + name() + "] no healthy backend available for " + request);
        }
    }

    private Event responseEvent(long requestId, Entity backend) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("request_id", requestId);
        metadata.put("backend_name", backend.name());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("metadata", metadata);
        return new Event(nowNanos(), LB_RESPONSE, this, false, context).withAttachment(backend);
    }

    private void settle(Event response) {
        responsesReceived++;
        if (response.attachment() instanceof Entity backend) {
            BackendState state = states.get(backend);
            if (state != null && state.outstanding > 0) {
                state.outstanding--;
            }
        }
    }

    private BackendState stateOf(Entity backend) {
        BackendState state = states.get(backend);
        if (state == null) {
            throw new IllegalArgumentException("'" + backend + "' is not a backend of " + name());
        }
        return state;
    }

    /** Requests sent to {@code backend} that it has not finished yet. */
    public long outstanding(Entity backend) {
        BackendState state = states.get(backend);
        return state == null ? 0 : state.outstanding;
    }

    /** The weight the strategies use for {@code backend} now (lower than set while it warms up). */
    public double weight(Entity backend) {
        BackendState state = stateOf(backend);
        return simulation() == null ? state.weight : state.weightAt(nowNanos());
    }

    /** Configures {@code backend}'s weight (default 1), kept across resets; for weighted strategies. */
    public LoadBalancer withWeight(Entity backend, double weight) {
        BackendState state = stateOf(backend);
        state.initialWeight = requireWeight(weight);
        state.weight = weight;
        return this;
    }

    /** Changes {@code backend}'s weight from now on (run state: a reset restores the configured weight). */
    public void setWeight(Entity backend, double weight) {
        stateOf(backend).weight = requireWeight(weight);
    }

    private static double requireWeight(double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a weight must be positive and finite, got " + weight);
        }
        return weight;
    }

    /**
     * Slow start: {@code backend}'s weight ramps linearly from {@value #WARM_UP_START_FRACTION} of
     * it to all of it over {@code durationNanos} from now, so a recovered backend is not flooded
     * at once. Only strategies that read weights shift traffic this way.
     */
    public void warmUp(Entity backend, long durationNanos) {
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("a warm-up needs a positive duration, got " + durationNanos + " ns");
        }
        stateOf(backend).warmUp(nowNanos(), durationNanos, WARM_UP_START_FRACTION);
    }

    public boolean isWarmingUp(Entity backend) {
        return simulation() != null && stateOf(backend).isWarmingUp(nowNanos());
    }

    public boolean isHealthy(Entity backend) {
        return stateOf(backend).healthy;
    }

    public void markUnhealthy(Entity backend) {
        BackendState state = states.get(backend);
        if (state != null && state.healthy) {
            state.healthy = false;
            markedUnhealthy++;
            refreshHealthy();
            LOG.info(() -> "[" + name() + "] Marked backend unhealthy: " + backend.name());
        }
    }

    public void markHealthy(Entity backend) {
        BackendState state = states.get(backend);
        if (state != null && !state.healthy) {
            state.healthy = true;
            markedHealthy++;
            refreshHealthy();
            LOG.info(() -> "[" + name() + "] Marked backend healthy: " + backend.name());
        }
    }

    private void refreshHealthy() {
        List<Entity> stillHealthy = new ArrayList<>();
        for (Entity backend : backends) {
            if (states.get(backend).healthy) {
                stillHealthy.add(backend);
            }
        }
        healthy = stillHealthy.size() == backends.size() ? backends : List.copyOf(stillHealthy);
        if (!healthy.isEmpty()) {
            outageLogged = false;
        }
    }

    /** The strategy's random stream, derived from the seed and this balancer's name. */
    SplittableRandom strategyRandom() {
        return random("strategy");
    }

    public List<Entity> backends() {
        return backends;
    }

    public List<Entity> healthyBackends() {
        return healthy;
    }

    public BackendInfo backendInfo(Entity backend) {
        BackendState state = stateOf(backend);
        return simulation() == null ? state.info(Long.MIN_VALUE) : state.info(nowNanos());
    }

    public LoadBalancingStrategy strategy() {
        return strategy;
    }

    public long requestsReceived() {
        return requestsReceived;
    }

    public long requestsForwarded() {
        return requestsForwarded;
    }

    public long responsesReceived() {
        return responsesReceived;
    }

    /** Health, weights set while running and counters are run state: a reset makes every backend healthy again. */
    @Override
    protected void reset() {
        for (BackendState state : states.values()) {
            state.reset();
        }
        healthy = backends;
        requestsReceived = 0;
        requestsForwarded = 0;
        requestsFailed = 0;
        noBackendAvailable = 0;
        responsesReceived = 0;
        markedUnhealthy = 0;
        markedHealthy = 0;
        outageLogged = false;
        strategy.reset(this);
    }

    /**
     * Real counters instead of the original's {@code {"name": "Router"}}, then the health picture
     * ({@code healthy_backends}, marks each way) and {@code backends}: each backend's {@link BackendInfo}.
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("requests_received", requestsReceived);
        metrics.put("requests_forwarded", requestsForwarded);
        metrics.put("requests_failed", requestsFailed);
        metrics.put("no_backend_available", noBackendAvailable);
        metrics.put("strategy", strategy.name());
        metrics.put("healthy_backends", healthy.size());
        metrics.put("backends_marked_unhealthy", markedUnhealthy);
        metrics.put("backends_marked_healthy", markedHealthy);
        Map<String, Object> perBackend = new LinkedHashMap<>();
        for (Entity backend : backends) {
            perBackend.put(backend.name(), backendInfo(backend).toMap());
        }
        metrics.put("backends", perBackend);
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return switch (metricName) {
            case "requests_received" -> requestsReceived;
            case "requests_forwarded" -> requestsForwarded;
            case "healthy_backends" -> healthy.size();
            default -> metrics().get(metricName);
        };
    }

    @Override
    public List<Entity> downstream() {
        return backends;
    }

    @Override
    public Category category() {
        return Category.ROUTER;
    }
}
