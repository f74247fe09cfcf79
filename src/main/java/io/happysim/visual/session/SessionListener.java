package io.happysim.visual.session;

import java.util.List;
import java.util.Map;

/**
 * Told what happens to the shared session, so every connected client can follow it. Called on the
 * simulation thread: implementations must hand work off and return at once. Every method does
 * nothing unless overridden, so a listener names only what it follows.
 */
public interface SessionListener {
    /** A new state was published (after a control action, or periodically while playing). */
    default void onUpdate(SimState state) {
    }

    /** The run finished. */
    default void onComplete(SimState state) {
    }

    /** A user breakpoint stopped a debug run. */
    default void onBreakpointHit(Map<String, Object> breakpoint, SimState state) {
    }

    /** The run was reset or another scenario loaded: every recorded id starts again at 1. */
    default void onReset(SimState state) {
    }

    /**
     * The breakpoints changed (added, removed, a one-shot fired, another model loaded): every client shows the same list.
     * {@code dropped} lists, with a {@code reason} each, those a change of model left behind (empty otherwise).
     */
    default void onBreakpoints(List<Map<String, Object>> breakpoints, List<Map<String, Object>> dropped) {
    }

    /** The model failed (a handler threw); the run is paused. */
    default void onError(String message) {
    }
}
