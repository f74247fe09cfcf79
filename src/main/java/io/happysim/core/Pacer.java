package io.happysim.core;

/**
 * Called on the simulation thread before each event is processed, with that event's time: lets a
 * driver pace the run against the wall clock (play at 1x, 10x …), publish progress, or act between
 * two events without stopping the loop. It may sleep and may call {@link Simulation#requestPause()},
 * which the loop honours before processing the event; it must not schedule or cancel events.
 */
@FunctionalInterface
public interface Pacer {
    void beforeEvent(long eventTimeNanos);
}
