package io.happysim.visual.session;

/** A name (entity, group, breakpoint, scenario, chart …) that does not exist here (the API answers 404). */
public class UnknownNameException extends RuntimeException {
    public UnknownNameException(String message) {
        super(message, null, false, false);
    }
}
