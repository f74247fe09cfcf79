package io.happysim.components.queueing;

import io.happysim.core.Event;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A queue context for testing a policy on its own: a clock the test sets, a seeded stream, and a record of drops. */
final class ManualContext implements QueueContext {
    private static final Scripted TARGET = new Scripted("Server");

    long nowNanos;
    final List<Event> dropped = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    final List<Long> droppedAt = new ArrayList<>();
    private final long seed;

    ManualContext(long seed) {
        this.seed = seed;
    }

    ManualContext() {
        this(1);
    }

    @Override
    public String name() {
        return "Server";
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public SplittableRandom random() {
        return new SplittableRandom(seed);
    }

    @Override
    public void dropped(Event event, String reason) {
        dropped.add(event);
        reasons.add(reason);
        droppedAt.add(nowNanos);
    }

    /** A request numbered {@code id}, with any extra context entries given as key, value pairs. */
    static Event request(long id, Object... keysAndValues) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request_id", id);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            context.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Event(0L, "Request", TARGET, false, context);
    }

    static long id(Event event) {
        return (Long) event.contextView().get("request_id");
    }
}
