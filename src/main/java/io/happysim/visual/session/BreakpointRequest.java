package io.happysim.visual.session;

import io.happysim.core.Breakpoint;
import io.happysim.core.Entity;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.visual.bridge.SimulationBridge;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A breakpoint as a client asks for it ({@code POST /api/breakpoints}), checked against the loaded
 * model before it becomes an engine {@link Breakpoint}.
 *
 * @param oneShot null takes the kind's default (time and event count: one-shot; type and metric: persistent)
 */
public record BreakpointRequest(String kind, Double timeS, Double count, String eventType, String entity, String metric,
                                String operator, Double threshold, Boolean oneShot) {

    Breakpoint toBreakpoint(Simulation simulation) {
        if (kind == null) {
            throw new InvalidRequestException("kind is required: time, event_count, event_type or metric");
        }
        return switch (kind) {
            case "time" -> {
                double t = require("time_s", timeS);
                if (!Double.isFinite(t) || t < 0) {
                    throw new InvalidRequestException("time_s must be a non-negative number of seconds");
                }
                yield new Breakpoint.AtTime(Instant.ofSeconds(t), oneShot == null || oneShot);
            }
            case "event_count" -> {
                double n = require("count", count);
                if (n < 1 || n != Math.rint(n) || n > Long.MAX_VALUE) {
                    throw new InvalidRequestException("count must be a whole number of at least 1, got " + count);
                }
                yield new Breakpoint.AtEventCount((long) n, oneShot == null || oneShot);
            }
            case "event_type" -> {
                if (eventType == null || eventType.isBlank()) {
                    throw new InvalidRequestException("event_type is required for an event_type breakpoint");
                }
                yield new Breakpoint.OnEventType(eventType, oneShot != null && oneShot);
            }
            case "metric" -> metricBreakpoint(simulation);
            default -> throw new InvalidRequestException("kind must be time, event_count, event_type or metric; got '" + kind + "'");
        };
    }

    private Breakpoint metricBreakpoint(Simulation simulation) {
        if (entity == null || entity.isBlank()) {
            throw new InvalidRequestException("entity is required for a metric breakpoint");
        }
        if (metric == null || metric.isBlank()) {
            throw new InvalidRequestException("metric is required for a metric breakpoint");
        }
        Entity target = simulation.entity(entity);
        if (target == null) {
            throw new InvalidRequestException("entity '" + entity + "' is not in this model");
        }
        Map<String, Object> metrics = target.metrics();
        if (SimulationBridge.numeric(metrics.get(metric)) == null) {
            throw new InvalidRequestException("'" + entity + "' has no numeric metric '" + metric + "'; it has " + metrics.keySet());
        }
        Breakpoint.Comparison comparison;
        try {
            comparison = Breakpoint.Comparison.fromWireName(operator);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("operator must be one of gt, ge, lt, le, eq, ne; got '" + operator + "'");
        }
        double limit = require("threshold", threshold);
        if (!Double.isFinite(limit)) {
            throw new InvalidRequestException("threshold must be a finite number");
        }
        return new Breakpoint.OnMetric(entity, metric, comparison, limit, oneShot != null && oneShot);
    }

    private static <T> T require(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field + " is required for this kind of breakpoint");
        }
        return value;
    }

    /** How a breakpoint shows on the wire: {@code {id, kind, ...its fields, one_shot}}. */
    static Map<String, Object> view(String id, Breakpoint breakpoint) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("kind", breakpoint.kind());
        if (breakpoint instanceof Breakpoint.AtTime t) {
            view.put("time_s", t.time().toSeconds());
        } else if (breakpoint instanceof Breakpoint.AtEventCount c) {
            view.put("count", c.count());
        } else if (breakpoint instanceof Breakpoint.OnEventType e) {
            view.put("event_type", e.eventType());
        } else if (breakpoint instanceof Breakpoint.OnMetric m) {
            view.put("entity", m.entity());
            view.put("metric", m.metric());
            view.put("operator", m.operator().wireName());
            view.put("threshold", m.threshold());
        } else if (breakpoint instanceof Breakpoint.OnCondition c) {
            view.put("description", c.description());
        }
        view.put("one_shot", breakpoint.oneShot());
        return view;
    }
}
