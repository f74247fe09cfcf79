package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.List;

/**
 * Picks the backend for one request among the healthy ones. Strategies that need the backends'
 * state (outstanding requests, weights) read it from the balancer handed to {@link #reset}.
 */
public interface LoadBalancingStrategy {
    /** The chosen backend, or null if none fits. {@code backends} is never empty. */
    Entity select(List<Entity> backends, Event request);

    /** Back to the initial state (counters, random streams from {@code balancer}'s seed). */
    default void reset(LoadBalancer balancer) {
    }

    /**
     * A backend answered a request this balancer sent it, {@code responseNanos} after it was sent,
     * well or with an error (silent losses are not reported: nothing was heard, so their time
     * says nothing). Called when the answer comes, in the answering entity's turn.
     */
    default void onResponse(Entity backend, long responseNanos) {
    }

    /** Shown as the balancer's {@code strategy} metric. */
    default String name() {
        return getClass().getSimpleName();
    }

    static LoadBalancingStrategy roundRobin() {
        return new RoundRobin();
    }

    /** Smooth weighted round robin over the balancer's weights (3:1 gives H H L H). */
    static LoadBalancingStrategy weightedRoundRobin() {
        return new WeightedRoundRobin();
    }

    static LoadBalancingStrategy random() {
        return new RandomChoice();
    }

    /** Fewest outstanding requests: the original's LeastConnections, with this balancer's requests as the connections. */
    static LoadBalancingStrategy leastOutstanding() {
        return new LeastOutstanding();
    }

    /** Fewest outstanding requests per unit of weight. */
    static LoadBalancingStrategy weightedLeastConnections() {
        return new WeightedLeastConnections();
    }

    /** Lowest moving average of response times (α = 0.3); backends not yet measured first. */
    static LoadBalancingStrategy leastResponseTime() {
        return new LeastResponseTime(LeastResponseTime.DEFAULT_ALPHA);
    }

    /** The fewer outstanding requests of two distinct backends drawn at random. */
    static LoadBalancingStrategy powerOfTwoChoices() {
        return new PowerOfTwoChoices();
    }

    /** MD5 of the client key (client_id, client_ip, session_id or user_id) mod the backend count: the original's IPHash. */
    static LoadBalancingStrategy keyHash() {
        return new KeyHash(null);
    }

    /** Consistent hashing with 150 virtual nodes per backend on MD5, as the original example. */
    static LoadBalancingStrategy consistentHash() {
        return new ConsistentHash(ConsistentHash.DEFAULT_VIRTUAL_NODES);
    }
}
