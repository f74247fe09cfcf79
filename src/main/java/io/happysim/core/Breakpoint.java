package io.happysim.core;

import java.util.function.Predicate;

/**
 * A condition checked after every processed event. Conditions on the state (time, count, a metric,
 * a predicate) are edge-triggered, as a debugger's watchpoints are: they fire when the condition
 * becomes true — once per crossing — so continuing after a stop runs to the next crossing instead
 * of stopping again on the very next event. An event-type breakpoint fires on every event of its
 * type. One-shot breakpoints remove themselves when they fire; persistent ones stay until removed.
 */
public sealed interface Breakpoint
        permits Breakpoint.AtTime, Breakpoint.AtEventCount, Breakpoint.OnEventType, Breakpoint.OnMetric, Breakpoint.OnCondition {

    /** Whether to pause, given the simulation just after {@code processed}. */
    boolean shouldPause(Simulation simulation, Event processed);

    boolean oneShot();

    /** True (the default) if it fires when its condition becomes true, not on every event while it holds. */
    default boolean edgeTriggered() {
        return true;
    }

    /** The wire name of this kind: {@code time}, {@code event_count}, {@code event_type}, {@code metric}, {@code condition}. */
    String kind();

    /** A one-line description for logs, e.g. {@code TimeBreakpoint(time=T00:00:30.000000, one_shot=true)}. */
    String describe();

    /** One-shot, as the original's TimeBreakpoint. */
    static AtTime atTime(Instant time) {
        return new AtTime(time, true);
    }

    /** One-shot, as the original's EventCountBreakpoint. */
    static AtEventCount atEventCount(long count) {
        return new AtEventCount(count, true);
    }

    /** Persistent, as the original's EventTypeBreakpoint. */
    static OnEventType onEventType(String eventType) {
        return new OnEventType(eventType, false);
    }

    /** Persistent, as the original's MetricBreakpoint. */
    static OnMetric onMetric(String entity, String metric, Comparison operator, double threshold) {
        return new OnMetric(entity, metric, operator, threshold, false);
    }

    /** Persistent, as the original's ConditionBreakpoint. */
    static OnCondition onCondition(Predicate<Simulation> condition, String description) {
        return new OnCondition(condition, description, false);
    }

    /** Pauses once the clock reaches {@code time}. */
    record AtTime(Instant time, boolean oneShot) implements Breakpoint {
        public AtTime {
            if (time == null) {
                throw new IllegalArgumentException("time is required");
            }
        }

        @Override
        public boolean shouldPause(Simulation simulation, Event processed) {
            return simulation.nowNanos() >= time.nanos();
        }

        @Override
        public String kind() {
            return "time";
        }

        @Override
        public String describe() {
            return "TimeBreakpoint(time=" + time + ", one_shot=" + oneShot + ")";
        }
    }

    /** Pauses once {@code count} events have been processed. */
    record AtEventCount(long count, boolean oneShot) implements Breakpoint {
        @Override
        public boolean shouldPause(Simulation simulation, Event processed) {
            return simulation.eventsProcessed() >= count;
        }

        @Override
        public String kind() {
            return "event_count";
        }

        @Override
        public String describe() {
            return "EventCountBreakpoint(count=" + count + ", one_shot=" + oneShot + ")";
        }
    }

    /** Pauses after an event of this type is processed. */
    record OnEventType(String eventType, boolean oneShot) implements Breakpoint {
        public OnEventType {
            if (eventType == null) {
                throw new IllegalArgumentException("event type is required");
            }
        }

        @Override
        public boolean shouldPause(Simulation simulation, Event processed) {
            return eventType.equals(processed.type());
        }

        /** Each event of the type is an occurrence of its own, even back to back. */
        @Override
        public boolean edgeTriggered() {
            return false;
        }

        @Override
        public String kind() {
            return "event_type";
        }

        @Override
        public String describe() {
            return "EventTypeBreakpoint(event_type=" + eventType + ", one_shot=" + oneShot + ")";
        }
    }

    /**
     * Pauses when {@code entity.metrics().get(metric) <operator> threshold}. The entity is found by
     * name among every registered entity (sources and probes too); a missing entity, a missing
     * metric or a non-numeric value never fires.
     */
    record OnMetric(String entity, String metric, Comparison operator, double threshold, boolean oneShot) implements Breakpoint {
        public OnMetric {
            if (entity == null || metric == null || operator == null) {
                throw new IllegalArgumentException("entity, metric and operator are required");
            }
        }

        @Override
        public boolean shouldPause(Simulation simulation, Event processed) {
            Entity found = simulation.entity(entity);
            if (found == null) {
                return false;
            }
            Object value = found.metric(metric);
            if (!(value instanceof Number number)) {
                return false;
            }
            return operator.test(number.doubleValue(), threshold);
        }

        @Override
        public String kind() {
            return "metric";
        }

        @Override
        public String describe() {
            return "MetricBreakpoint(" + entity + "." + metric + " " + operator.wireName() + " " + threshold
                    + ", one_shot=" + oneShot + ")";
        }
    }

    /** Pauses when a custom predicate on the simulation holds. */
    record OnCondition(Predicate<Simulation> condition, String description, boolean oneShot) implements Breakpoint {
        public OnCondition {
            if (condition == null) {
                throw new IllegalArgumentException("condition is required");
            }
            description = description == null ? "custom condition" : description;
        }

        @Override
        public boolean shouldPause(Simulation simulation, Event processed) {
            return condition.test(simulation);
        }

        @Override
        public String kind() {
            return "condition";
        }

        @Override
        public String describe() {
            return "ConditionBreakpoint(" + description + ", one_shot=" + oneShot + ")";
        }
    }

    /** The comparison of a metric breakpoint, by its wire name. */
    enum Comparison {
        GT("gt"), GE("ge"), LT("lt"), LE("le"), EQ("eq"), NE("ne");

        private final String wireName;

        Comparison(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean test(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case EQ -> value == threshold;
                case NE -> value != threshold;
            };
        }

        /** Parses {@code gt|ge|lt|le|eq|ne}; anything else is an IllegalArgumentException naming the choices. */
        public static Comparison fromWireName(String name) {
            for (Comparison c : values()) {
                if (c.wireName.equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("operator must be one of gt, ge, lt, le, eq, ne; got '" + name + "'");
        }
    }
}
