package io.happysim.components.balancing;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends each event to the target of the first route whose predicate matches, else to the default
 * target, else drops it (its reply fails as rejected: nobody would ever answer it). The event goes
 * on with its type, context, reply and completion hooks.
 */
public class ConditionalRouter extends Entity {
    private static final Logger LOG = Logger.getLogger(ConditionalRouter.class.getName());

    /** One rule: events that match go to {@code target}. */
    public record Route(Predicate<Event> matches, Entity target) {
        public Route {
            if (matches == null || target == null) {
                throw new IllegalArgumentException("a route needs a predicate and a target");
            }
        }
    }

    private final List<Route> routes;
    private final Entity fallback;
    private final List<Entity> targets;
    private final Map<Entity, long[]> counts = new LinkedHashMap<>();
    private long totalRouted;
    private long dropped;

    private ConditionalRouter(String name, List<Route> routes, Entity fallback) {
        super(name);
        this.routes = List.copyOf(routes);
        this.fallback = fallback;
        LinkedHashSet<Entity> all = new LinkedHashSet<>();
        this.routes.forEach(route -> all.add(route.target()));
        if (fallback != null) {
            all.add(fallback);
        }
        this.targets = List.copyOf(all);
        this.targets.forEach(target -> counts.put(target, new long[1]));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Routes on one field: the event goes to {@code mapping.get(value)}, the value of {@code field}
     * in the context (or, if absent there, in its metadata) compared as a string; unmatched values
     * go to {@code fallback} (null: dropped).
     */
    public static ConditionalRouter byContextField(String name, String field, Map<String, ? extends Entity> mapping,
                                                   Entity fallback) {
        Builder builder = builder(name).otherwise(fallback);
        mapping.forEach((value, target) -> builder.route(event -> value.equals(fieldValue(event, field)), target));
        return builder.build();
    }

    private static String fieldValue(Event event, String field) {
        Object value = event.contextView().get(field);
        if (value == null && event.contextView().get("metadata") instanceof Map<?, ?> metadata) {
            value = metadata.get(field);
        }
        return value == null ? null : value.toString();
    }

    @Override
    protected void handle(Event event) {
        Entity target = fallback;
        for (Route route : routes) {
            if (route.matches().test(event)) {
                target = route.target();
                break;
            }
        }
        if (target == null) {
            dropped++;
            event.failReply(Failure.rejected(this, "no route"));
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("[" + name() + "] no route for " + event + ": dropped");
            }
            return;
        }
        totalRouted++;
        counts.get(target)[0]++;
        schedule(new Event(nowNanos(), event.type(), target, event.isDaemon(), event.context()).continueWork(event));
    }

    public long totalRouted() {
        return totalRouted;
    }

    public long dropped() {
        return dropped;
    }

    /** Events sent to {@code target} so far. */
    public long routedTo(Entity target) {
        long[] count = counts.get(target);
        return count == null ? 0 : count[0];
    }

    @Override
    protected void reset() {
        totalRouted = 0;
        dropped = 0;
        counts.values().forEach(count -> count[0] = 0);
    }

    /** {@code total_routed, dropped, routed_counts} by target name, as the original. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("total_routed", totalRouted);
        metrics.put("dropped", dropped);
        Map<String, Object> byTarget = new LinkedHashMap<>();
        counts.forEach((target, count) -> byTarget.put(target.name(), count[0]));
        metrics.put("routed_counts", byTarget);
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

    /** Routes in the order given; the first match wins. */
    public static final class Builder {
        private final String name;
        private final List<Route> routes = new ArrayList<>();
        private Entity fallback;

        private Builder(String name) {
            this.name = name;
        }

        public Builder route(Predicate<Event> matches, Entity target) {
            routes.add(new Route(matches, target));
            return this;
        }

        /** Where unmatched events go; without one they are dropped. */
        public Builder otherwise(Entity target) {
            this.fallback = target;
            return this;
        }

        public ConditionalRouter build() {
            return new ConditionalRouter(name, routes, fallback);
        }
    }
}
