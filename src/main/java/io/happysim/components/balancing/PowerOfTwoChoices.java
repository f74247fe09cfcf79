package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two distinct backends drawn at random; the one with fewer outstanding requests wins (the first
 * drawn on ties). Mitzenmacher's supermarket model: sampling just two queues instead of one cuts
 * the queue-length tail from geometric to doubly exponential.
 */
public final class PowerOfTwoChoices implements LoadBalancingStrategy {
    private LoadBalancer balancer;
    private SplittableRandom random;

    @Override
    public Entity select(List<Entity> backends, Event request) {
        int n = backends.size();
        if (n == 1) {
            return backends.get(0);
        }
        int first = random.nextInt(n);
        int second = random.nextInt(n - 1);
        if (second >= first) {
            second++;
        }
        Entity a = backends.get(first);
        Entity b = backends.get(second);
        return balancer.outstanding(b) < balancer.outstanding(a) ? b : a;
    }

    @Override
    public void reset(LoadBalancer balancer) {
        this.balancer = balancer;
        this.random = balancer.strategyRandom();
    }
}
