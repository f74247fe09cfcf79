package io.happysim.instrumentation;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.util.Map;

/**
 * A terminal entity that records one sample per arriving event in a {@link Data} series, exposed
 * as {@code <name>.<what>}: the trackers differ only in what a sample is.
 */
abstract class RecordingSink extends Entity implements SeriesOwner {
    private final Data data = new Data();
    private final String what;
    private long count;

    RecordingSink(String name, String what) {
        super(name);
        this.what = what;
    }

    /** The value {@code event} records, arriving at {@code nowNanos}. */
    abstract double sample(Event event, long nowNanos);

    @Override
    protected final void handle(Event event) {
        long now = nowNanos();
        data.add(now, sample(event, now));
        count++;
    }

    @Override
    protected void reset() {
        data.clear();
        count = 0;
    }

    public long count() {
        return count;
    }

    public Data data() {
        return data;
    }

    @Override
    public Map<String, Data> series() {
        return Map.of(name() + "." + what, data);
    }

    @Override
    public Category category() {
        return Category.SINK;
    }
}
