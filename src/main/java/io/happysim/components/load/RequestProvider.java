package io.happysim.components.load;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numbered requests to one target, as the original's SimpleEventProvider: context
 * {@code created_at} (an {@link Instant}), {@code request_id} (1, 2, …) and an empty
 * {@code metadata} map; the source adds {@code id} (the event's sequence). After
 * {@code stopAfter} ticks still happen but produce nothing.
 */
public final class RequestProvider implements EventProvider {
    private final Entity target;
    private final String eventType;
    private final long stopAfterNanos;
    private long generated;

    public RequestProvider(Entity target, String eventType, Instant stopAfter) {
        if (target == null) {
            throw new IllegalArgumentException("a request provider needs a target");
        }
        this.target = target;
        this.eventType = eventType == null ? "Request" : eventType;
        this.stopAfterNanos = stopAfter == null ? Instant.INFINITE_NANOS : stopAfter.nanos();
    }

    public RequestProvider(Entity target) {
        this(target, "Request", null);
    }

    @Override
    public Event next(Instant time) {
        if (time.nanos() > stopAfterNanos) {
            return null;
        }
        generated++;
        Map<String, Object> context = new LinkedHashMap<>(8);
        context.put("created_at", time);
        context.put("request_id", generated);
        context.put("metadata", new LinkedHashMap<String, Object>(4));
        return new Event(time.nanos(), eventType, target, false, context);
    }

    @Override
    public void reset(Source source) {
        generated = 0;
    }

    @Override
    public Entity target() {
        return target;
    }

    public long generated() {
        return generated;
    }
}
