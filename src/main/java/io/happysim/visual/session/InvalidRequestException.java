package io.happysim.visual.session;

/** A request whose content is wrong (e.g. a breakpoint on a metric that does not exist); the API answers 400. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
