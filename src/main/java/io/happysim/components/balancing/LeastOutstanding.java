package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;

/**
 * The backend with the fewest requests sent and not yet finished (first one on ties): the
 * original's LeastConnections, with this balancer's outstanding requests as the connections. It
 * works because completion hooks fire when a backend finishes the request, not when it queues it.
 */
public final class LeastOutstanding implements LoadBalancingStrategy {
    private LoadBalancer balancer;

    @Override
    public Entity select(List<Entity> backends, Event request) {
        Entity best = null;
        long fewest = Long.MAX_VALUE;
        for (Entity backend : backends) {
            long outstanding = balancer.outstanding(backend);
            if (outstanding < fewest) {
                fewest = outstanding;
                best = backend;
            }
        }
        return best;
    }

    @Override
    public void reset(LoadBalancer balancer) {
        this.balancer = balancer;
    }
}
