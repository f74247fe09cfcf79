package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;
import java.util.SplittableRandom;

/** A uniformly random backend, from the balancer's own seeded stream. */
public final class RandomChoice implements LoadBalancingStrategy {
    private SplittableRandom random;

    @Override
    public Entity select(List<Entity> backends, Event request) {
        return backends.get(random.nextInt(backends.size()));
    }

    @Override
    public void reset(LoadBalancer balancer) {
        random = balancer.strategyRandom();
    }

    @Override
    public String name() {
        return "Random";
    }
}
