package io.happysim.components.ratelimit;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import java.util.ArrayDeque;

/**
 * The requests a limiter holds back until it may let them out, oldest first and at most
 * {@code capacity}: each keeps its reply open while it waits, and all are lost if the limiter
 * crashes. Counts what it held ({@code queued}) and what it lost.
 */
final class HeldRequests {
    private final ArrayDeque<Event> waiting = new ArrayDeque<>();
    private final int capacity;
    private long queued;
    private long lost;

    HeldRequests(int capacity) {
        this.capacity = capacity;
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    boolean isFull() {
        return waiting.size() >= capacity;
    }

    int size() {
        return waiting.size();
    }

    int capacity() {
        return capacity;
    }

    /** Puts {@code request} at the back; its completion waits until it is let out. */
    void hold(Event request) {
        queued++;
        request.deferCompletion();
        waiting.addLast(request);
    }

    /** The oldest; only when not empty. */
    Event release() {
        return waiting.removeFirst();
    }

    /** The crash of {@code holder}: every waiting request is lost (its caller hears {@code LOST}). */
    void loseAll(Entity holder) {
        Event request;
        while ((request = waiting.pollFirst()) != null) {
            lost++;
            request.abandon(Failure.lost(holder, "crashed"));
        }
    }

    long queued() {
        return queued;
    }

    long lost() {
        return lost;
    }

    void clear() {
        waiting.clear();
        queued = 0;
        lost = 0;
    }
}
