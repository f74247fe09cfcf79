package io.happysim.components.ratelimit;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.SimFuture;
import io.happysim.distributions.Distribution;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A remote key-value store (a Redis, say) whose every operation takes a latency drawn from a
 * {@link Distribution}: shared state that several entities reach over the network. Ask it with
 * an event from {@link #get} or {@link #put}, schedule that, and await the event's reply; the
 * answer's body is the value (null for a missing key). An operation takes effect when its latency
 * is over, and nothing makes a read and a later write one step, so two clients can both read a
 * value before either writes it back.
 */
public final class KeyValueStore extends Entity {
    public static final String GET = "kv_get";
    public static final String PUT = "kv_put";

    private final Distribution latency;
    private final Map<String, Object> data = new HashMap<>();
    private SplittableRandom latencyRandom;
    private long reads;
    private long writes;
    private int inFlight;

    public KeyValueStore(String name, Distribution latency) {
        super(name);
        if (latency == null) {
            throw new IllegalArgumentException("a store needs a latency");
        }
        this.latency = latency;
    }

    /** A read of {@code key}, not yet scheduled, with a reply to await. Its context shows the key. */
    public Event get(String key) {
        Map<String, Object> context = new LinkedHashMap<>(2);
        context.put("key", key);
        return new Event(nowNanos(), GET, this, false, context).withReply(SimFuture.pending());
    }

    /** A write of {@code value} (a plain value: a number, a string) under {@code key}, not yet scheduled, with a reply to await. */
    public Event put(String key, Object value) {
        Map<String, Object> context = new LinkedHashMap<>(2);
        context.put("key", key);
        context.put("value", value);
        return new Event(nowNanos(), PUT, this, false, context).withReply(SimFuture.pending());
    }

    @Override
    protected void handle(Event operation) {
        if (!GET.equals(operation.type()) && !PUT.equals(operation.type())) {
            throw new IllegalArgumentException("a key-value store answers " + GET + " and " + PUT + ", not " + operation.type());
        }
        inFlight++;
        resumeAfter(operation, latency.sampleNanos(latencyRandom), this::finish);
    }

    private void finish(Event operation) {
        inFlight--;
        String key = String.valueOf(operation.contextView().get("key"));
        if (PUT.equals(operation.type())) {
            writes++;
            Object value = operation.contextView().get("value");
            data.put(key, value);
            operation.replyWith(this, value);
        } else {
            reads++;
            operation.replyWith(this, data.get(key));
        }
    }

    /** The value under {@code key} now, without latency (for tests and inspection). */
    public Object peek(String key) {
        return data.get(key);
    }

    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }

    public Distribution latency() {
        return latency;
    }

    /** Operations in progress are lost with a crash (the engine fails their replies); the data stays, as on a disk. */
    @Override
    protected void onCrash() {
        inFlight = 0;
    }

    @Override
    protected void reset() {
        data.clear();
        reads = 0;
        writes = 0;
        inFlight = 0;
        latencyRandom = random("latency");
    }

    /** {@code in_flight, reads, writes, keys}. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("in_flight", inFlight);
        metrics.put("reads", reads);
        metrics.put("writes", writes);
        metrics.put("keys", data.size());
        return metrics;
    }

    @Override
    public Category category() {
        return Category.RESOURCE;
    }
}
