package io.happysim.testing;

import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Simulation;
import java.util.ArrayList;
import java.util.List;

/** Records every processed event as one line: sequence, time (ns), type, target, source. */
public final class History implements EventListener {
    private final List<String> lines = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    public static History attach(Simulation simulation) {
        History history = new History();
        simulation.addEventListener(history);
        return history;
    }

    @Override
    public void onEvent(Event e) {
        events.add(e);
        lines.add(e.sequence() + "|" + e.timeNanos() + "|" + e.type() + "|" + e.target().name() + "|"
                + (e.source() == null ? "-" : e.source().name()));
    }

    public List<String> lines() {
        return lines;
    }

    public List<Event> events() {
        return events;
    }

    /** The whole history as one string, for byte-for-byte comparisons. */
    public String text() {
        return String.join("\n", lines);
    }

    public void clear() {
        lines.clear();
        events.clear();
    }
}
