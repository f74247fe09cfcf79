package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smooth weighted round robin (nginx's): every pick adds each backend's weight to its running
 * score, takes the highest score (the first on ties) and takes the total weight off the winner.
 * Picks interleave instead of coming in runs: weights 3:1 give H H L H. Weights are read at every
 * pick, so a changed weight (a backend warming up after recovery) takes effect at once.
 */
public final class WeightedRoundRobin implements LoadBalancingStrategy {
    private final Map<Entity, double[]> scores = new IdentityHashMap<>();
    private LoadBalancer balancer;

    @Override
    public Entity select(List<Entity> backends, Event request) {
        double total = 0;
        Entity best = null;
        double[] bestScore = null;
        for (Entity backend : backends) {
            double weight = balancer.weight(backend);
            double[] score = scores.computeIfAbsent(backend, b -> new double[1]);
            score[0] += weight;
            total += weight;
            if (bestScore == null || score[0] > bestScore[0]) {
                best = backend;
                bestScore = score;
            }
        }
        bestScore[0] -= total;
        return best;
    }

    @Override
    public void reset(LoadBalancer balancer) {
        this.balancer = balancer;
        scores.clear();
    }
}
