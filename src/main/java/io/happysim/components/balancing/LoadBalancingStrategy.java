package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;

/** Picks the backend for one request among the healthy ones. */
public interface LoadBalancingStrategy {
    /** The chosen backend, or null if none fits. {@code backends} is never empty. */
    Entity select(List<Entity> backends, Event request);

    /** Back to the initial state (counters, random streams from {@code balancer}'s seed). */
    default void reset(LoadBalancer balancer) {
    }

    /** Shown as the balancer's {@code strategy} metric. */
    default String name() {
        return getClass().getSimpleName();
    }

    static LoadBalancingStrategy roundRobin() {
        return new RoundRobin();
    }

    static LoadBalancingStrategy random() {
        return new RandomChoice();
    }

    static LoadBalancingStrategy leastOutstanding() {
        return new LeastOutstanding();
    }

    /** Consistent hashing with 150 virtual nodes per backend on MD5, as the original example. */
    static LoadBalancingStrategy consistentHash() {
        return new ConsistentHash(ConsistentHash.DEFAULT_VIRTUAL_NODES);
    }
}
