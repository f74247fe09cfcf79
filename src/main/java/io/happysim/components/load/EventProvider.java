package io.happysim.components.load;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;

/** What a {@link Source} emits on each tick (the original's event provider). */
public interface EventProvider {
    /** The event for a tick at {@code time}, or null to emit nothing this tick. Runs on the simulation thread. */
    Event next(Instant time);

    /** Back to the initial state: counters to zero, random streams re-derived (use {@code source.simulation().random(...)}). */
    default void reset(Source source) {
    }

    /** Where the events go, for the topology; null if it varies or is unknown. */
    default Entity target() {
        return null;
    }
}
