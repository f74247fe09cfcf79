package io.happysim.core;

/**
 * A handler failed. Names the event it failed on; the simulation stays paused after that event
 * (counted as processed), so a debugger can show the failure and the user can decide what next.
 */
public final class EventHandlingException extends RuntimeException {
    private final transient Event event;

    EventHandlingException(Event event, RuntimeException cause) {
        super(event.target().name() + " failed on " + event + " (#" + event.sequence() + "): " + cause.getMessage(), cause);
        this.event = event;
    }

    public Event event() {
        return event;
    }
}
