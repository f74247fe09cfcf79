package io.happysim.instrumentation;

import io.happysim.core.Entity;

/**
 * An entity that measures one metric of another into a series — a {@link Probe} (the value), a
 * {@link CounterProbe} (how fast a counter grows). The debugger draws it beside what it measures
 * and offers its series for charts, whatever its class.
 */
public interface Measurement {
    /** The entity measured. */
    Entity target();

    /** What is measured, in words a chart legend can use (e.g. {@code depth}, {@code successes per second}). */
    String metric();

    /** The samples. */
    Data data();
}
