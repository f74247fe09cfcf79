package io.happysim.components.client;

import io.happysim.core.Event;
import io.happysim.core.Failure;

/** One logical request: the event that brought it and how its attempts went. */
final class Call {
    final Event request;
    final long startNanos;
    final long deadlineNanos;
    final Backoff backoff;
    int attempts;
    Failure lastFailure;

    Call(Event request, long startNanos, long deadlineNanos, Backoff backoff) {
        this.request = request;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.backoff = backoff;
    }

    /** The request's id for the log: its {@code request_id} if it has one, else its event's sequence. */
    Object id() {
        Object id = request.contextView().get("request_id");
        return id != null ? id : "#" + request.sequence();
    }
}
