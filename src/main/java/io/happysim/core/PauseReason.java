package io.happysim.core;

/**
 * Why a control call returned: the debugger reports it, and only {@link Kind#BREAKPOINT} means
 * "a user breakpoint fired" (batch ends are not breakpoints; the original confused the two).
 */
public record PauseReason(Kind kind, String breakpointId) {
    public enum Kind {
        /** {@code step(n)} processed its n events. */
        STEP_DONE,
        /** {@code runUntil(time)} or {@code runUntilEvent(n)} reached its target. */
        RUN_TO_REACHED,
        /** A user breakpoint fired; {@link #breakpointId()} says which. */
        BREAKPOINT,
        /** {@link Simulation#requestPause()} was honoured. */
        PAUSE_REQUESTED,
        /** Nothing left to process before the end time: the simulation is complete. */
        COMPLETE
    }

    public static final PauseReason STEP_DONE = new PauseReason(Kind.STEP_DONE, null);
    public static final PauseReason RUN_TO_REACHED = new PauseReason(Kind.RUN_TO_REACHED, null);
    public static final PauseReason PAUSE_REQUESTED = new PauseReason(Kind.PAUSE_REQUESTED, null);
    public static final PauseReason COMPLETE = new PauseReason(Kind.COMPLETE, null);

    public static PauseReason breakpoint(String id) {
        return new PauseReason(Kind.BREAKPOINT, id);
    }

    /** How the original's log line names it: {@code requested}, {@code breakpoint <id>}, {@code step done}, {@code run-to reached}. */
    public String describe() {
        return switch (kind) {
            case STEP_DONE -> "step done";
            case RUN_TO_REACHED -> "run-to reached";
            case BREAKPOINT -> "breakpoint " + breakpointId;
            case PAUSE_REQUESTED -> "requested";
            case COMPLETE -> "complete";
        };
    }
}
