package io.happysim.components.balancing;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sends each event to one of its targets, uniformly at random from its seeded stream: the same
 * type and the same context object, with the reply and completion hooks moved along, so the
 * caller hears the target's answer. No health, no bookkeeping: for that, a {@link LoadBalancer}.
 */
public class RandomRouter extends Entity {
    private final List<Entity> targets;
    private final long[] counts;
    private SplittableRandom random;
    private long routed;

    public RandomRouter(String name, List<? extends Entity> targets) {
        super(name);
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("a random router needs at least one target");
        }
        this.targets = List.copyOf(targets);
        this.counts = new long[this.targets.size()];
    }

    @Override
    protected void handle(Event event) {
        int index = random.nextInt(targets.size());
        routed++;
        counts[index]++;
        Event routedEvent = new Event(nowNanos(), event.type(), targets.get(index), event.isDaemon(), event.context());
        schedule(routedEvent.continueWork(event));
    }

    public long routed() {
        return routed;
    }

    /** Events sent to {@code target} so far. */
    public long routedTo(Entity target) {
        int index = targets.indexOf(target);
        return index < 0 ? 0 : counts[index];
    }

    @Override
    protected void reset() {
        random = random("routing");
        routed = 0;
        java.util.Arrays.fill(counts, 0);
    }

    /** {@code routed} (the original's stats_routed) and {@code target_counts} by target name. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("routed", routed);
        Map<String, Object> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            byTarget.put(targets.get(i).name(), counts[i]);
        }
        metrics.put("target_counts", byTarget);
        return metrics;
    }

    @Override
    public List<Entity> downstream() {
        return targets;
    }

    @Override
    public Category category() {
        return Category.ROUTER;
    }
}
