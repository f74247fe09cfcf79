package io.happysim.testing;

import io.happysim.core.Continuation;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** A test entity whose handler is a lambda, with the protected emission methods opened up. */
public final class Scripted extends Entity {
    private final BiConsumer<Scripted, Event> handler;
    private final List<Event> received = new ArrayList<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private int resets;

    public Scripted(String name, BiConsumer<Scripted, Event> handler) {
        super(name);
        this.handler = handler;
    }

    /** An entity that only records what it receives. */
    public Scripted(String name) {
        this(name, (self, event) -> { });
    }

    @Override
    protected void handle(Event event) {
        received.add(event);
        handler.accept(this, event);
    }

    @Override
    protected void reset() {
        received.clear();
        resets++;
    }

    public Event send(Event event) {
        return schedule(event);
    }

    public Event pass(Event event, Entity target, String type) {
        return forward(event, target, type);
    }

    public Event later(Event event, long delayNanos, Continuation continuation) {
        return resumeAfter(event, delayNanos, continuation);
    }

    public List<Event> received() {
        return received;
    }

    public int resets() {
        return resets;
    }

    /** Sets a metric this entity reports. */
    public void metric(String name, Object value) {
        metrics.put(name, value);
    }

    @Override
    public Map<String, Object> metrics() {
        return new LinkedHashMap<>(metrics);
    }
}
