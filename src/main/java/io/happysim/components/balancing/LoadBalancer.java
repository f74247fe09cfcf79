package io.happysim.components.balancing;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Routes each request to one healthy backend chosen by a strategy. The forwarded request is a new
 * event with a copied context whose metadata gains {@code _lb_request_id} and {@code _lb_name};
 * when the backend finishes it, a completion hook sends {@code _lb_response} back here to settle
 * the outstanding count. The caller's own completion hooks move to the forwarded request.
 */
public class LoadBalancer extends Entity {
    public static final String LB_RESPONSE = "_lb_response";
    private static final Logger LOG = Logger.getLogger(LoadBalancer.class.getName());

    private final List<Entity> backends;
    private final LoadBalancingStrategy strategy;
    private final Set<Entity> unhealthy = new HashSet<>();
    private final Map<Entity, long[]> outstanding = new IdentityHashMap<>();
    private List<Entity> healthy;
    private long requestsReceived;
    private long requestsForwarded;
    private long requestsFailed;
    private long noBackendAvailable;
    private long responsesReceived;

    public LoadBalancer(String name, List<? extends Entity> backends, LoadBalancingStrategy strategy) {
        super(name);
        this.backends = List.copyOf(backends);
        this.strategy = strategy == null ? new RoundRobin() : strategy;
        this.healthy = this.backends;
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
            noBackendAvailable++;
            requestsFailed++;
            LOG.warning(() -> "[" + name() + "] no healthy backend available for " + request);
            return;
        }
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
        outstanding.computeIfAbsent(backend, b -> new long[1])[0]++;
        schedule(forwarded);
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
            long[] count = outstanding.get(backend);
            if (count != null && count[0] > 0) {
                count[0]--;
            }
        }
    }

    /** Requests sent to {@code backend} that it has not finished yet. */
    public long outstanding(Entity backend) {
        long[] count = outstanding.get(backend);
        return count == null ? 0 : count[0];
    }

    public void markUnhealthy(Entity backend) {
        if (backends.contains(backend) && unhealthy.add(backend)) {
            refreshHealthy();
            LOG.info(() -> "[" + name() + "] Marked backend unhealthy: " + backend.name());
        }
    }

    public void markHealthy(Entity backend) {
        if (unhealthy.remove(backend)) {
            refreshHealthy();
            LOG.info(() -> "[" + name() + "] Marked backend healthy: " + backend.name());
        }
    }

    private void refreshHealthy() {
        List<Entity> stillHealthy = new ArrayList<>();
        for (Entity backend : backends) {
            if (!unhealthy.contains(backend)) {
                stillHealthy.add(backend);
            }
        }
        healthy = List.copyOf(stillHealthy);
    }

    public List<Entity> backends() {
        return backends;
    }

    public List<Entity> healthyBackends() {
        return healthy;
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

    /** Health is run state: a reset makes every backend healthy again. */
    @Override
    protected void reset() {
        unhealthy.clear();
        healthy = backends;
        outstanding.clear();
        requestsReceived = 0;
        requestsForwarded = 0;
        requestsFailed = 0;
        noBackendAvailable = 0;
        responsesReceived = 0;
        strategy.reset(this);
    }

    /** Real counters instead of the original's {@code {"name": "Router"}}. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("requests_received", requestsReceived);
        metrics.put("requests_forwarded", requestsForwarded);
        metrics.put("requests_failed", requestsFailed);
        metrics.put("no_backend_available", noBackendAvailable);
        metrics.put("strategy", strategy.name());
        return metrics;
    }

    @Override
    public Object metric(String metricName) {
        return "requests_received".equals(metricName) ? requestsReceived : metrics().get(metricName);
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
