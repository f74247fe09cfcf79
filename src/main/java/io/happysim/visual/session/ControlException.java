package io.happysim.visual.session;

/** A control action that cannot run in the simulation's current state (the API answers 409). */
public class ControlException extends RuntimeException {
    public ControlException(String message) {
        super(message, null, false, false);
    }
}
