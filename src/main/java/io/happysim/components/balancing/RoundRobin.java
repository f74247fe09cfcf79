package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;

/** Each backend in turn. */
public final class RoundRobin implements LoadBalancingStrategy {
    private long next;

    @Override
    public Entity select(List<Entity> backends, Event request) {
        return backends.get((int) (next++ % backends.size()));
    }

    @Override
    public void reset(LoadBalancer balancer) {
        next = 0;
    }
}
