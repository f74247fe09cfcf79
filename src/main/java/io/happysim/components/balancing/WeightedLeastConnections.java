package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;

/** The backend with the fewest outstanding requests per unit of weight (the first on ties). */
public final class WeightedLeastConnections implements LoadBalancingStrategy {
    private LoadBalancer balancer;

    @Override
    public Entity select(List<Entity> backends, Event request) {
        Entity best = null;
        double lowest = Double.POSITIVE_INFINITY;
        for (Entity backend : backends) {
            double load = balancer.outstanding(backend) / balancer.weight(backend);
            if (load < lowest) {
                lowest = load;
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
