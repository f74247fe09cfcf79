package io.happysim.visual.session;

import io.happysim.core.Breakpoint;
import io.happysim.core.Entity;
import io.happysim.core.Simulation;
import io.happysim.visual.bridge.SimulationBridge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breakpoints across a change of model: the ones that still mean something in the new model are added to it (a time,
 * an event count, an event type, a metric of an entity that exists there and has that metric); the others are dropped
 * and listed with the reason, so the user hears which and why instead of finding them gone.
 */
final class BreakpointCarry {
    private BreakpointCarry() {
    }

    /** Adds the breakpoints of {@code previous} that fit to {@code next}; answers the dropped ones' views with a {@code reason}. */
    static List<Map<String, Object>> carry(Map<String, Breakpoint> previous, Simulation next) {
        List<Map<String, Object>> dropped = new ArrayList<>();
        previous.forEach((id, breakpoint) -> {
            String why = whyNot(breakpoint, next);
            if (why == null) {
                next.addBreakpoint(breakpoint);
            } else {
                Map<String, Object> view = new LinkedHashMap<>(BreakpointRequest.view(id, breakpoint));
                view.put("reason", why);
                dropped.add(view);
            }
        });
        return dropped;
    }

    /** Why a breakpoint means nothing in {@code model}, or null when it fits. */
    static String whyNot(Breakpoint breakpoint, Simulation model) {
        if (breakpoint instanceof Breakpoint.OnMetric m) {
            Entity entity = model.entity(m.entity());
            if (entity == null) {
                return "this model has no entity '" + m.entity() + "'";
            }
            if (SimulationBridge.numeric(entity.metrics().get(m.metric())) == null) {
                return "'" + m.entity() + "' has no metric '" + m.metric() + "' in this model";
            }
            return null;
        }
        if (breakpoint instanceof Breakpoint.OnCondition) {
            return "a condition written for the previous model";
        }
        return null;
    }
}
