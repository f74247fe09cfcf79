package io.happysim.core;

/**
 * The rest of a handler, run later in simulated time: the explicit replacement for the original's
 * generator {@code yield delay}. No thread waits; the engine just processes a resume event.
 */
@FunctionalInterface
public interface Continuation {
    /** Called with the resume event: same type, target and (shared) context as the one that waited. */
    void resume(Event resumed);
}
