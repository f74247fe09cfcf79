package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The backend with the lowest exponential moving average of response times
 * ({@code ema ← α·rt + (1−α)·ema}, the first sample taken as is). Backends without a sample come
 * first, at random among them, so every backend gets measured before the averages decide.
 */
public final class LeastResponseTime implements LoadBalancingStrategy {
    public static final double DEFAULT_ALPHA = 0.3;

    private final double alpha;
    private final Map<Entity, double[]> averages = new IdentityHashMap<>();
    private final List<Entity> unsampled = new ArrayList<>();
    private SplittableRandom random;

    public LeastResponseTime(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public Entity select(List<Entity> backends, Event request) {
        unsampled.clear();
        Entity best = null;
        double lowest = Double.POSITIVE_INFINITY;
        for (Entity backend : backends) {
            double[] average = averages.get(backend);
            if (average == null) {
                unsampled.add(backend);
            } else if (average[0] < lowest) {
                lowest = average[0];
                best = backend;
            }
        }
        return unsampled.isEmpty() ? best : unsampled.get(random.nextInt(unsampled.size()));
    }

    @Override
    public void onResponse(Entity backend, long responseNanos) {
        double seconds = responseNanos / 1e9;
        double[] average = averages.get(backend);
        if (average == null) {
            averages.put(backend, new double[] {seconds});
        } else {
            average[0] = alpha * seconds + (1 - alpha) * average[0];
        }
    }

    /** The moving average for {@code backend} in seconds, or NaN before its first response. */
    public double average(Entity backend) {
        double[] average = averages.get(backend);
        return average == null ? Double.NaN : average[0];
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public void reset(LoadBalancer balancer) {
        averages.clear();
        random = balancer.strategyRandom();
    }
}
