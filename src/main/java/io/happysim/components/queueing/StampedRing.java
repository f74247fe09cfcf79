package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.Arrays;

/** A FIFO of events, each with the time it joined, in two parallel arrays: no allocation per event once grown. */
final class StampedRing {
    private Event[] events = new Event[16];
    private long[] stamps = new long[16];
    private int head;
    private int size;

    void addLast(Event event, long stampNanos) {
        if (size == events.length) {
            grow();
        }
        int tail = (head + size) & (events.length - 1);
        events[tail] = event;
        stamps[tail] = stampNanos;
        size++;
    }

    /** The oldest event's stamp; only when not empty. */
    long firstStamp() {
        return stamps[head];
    }

    Event peekFirst() {
        return size == 0 ? null : events[head];
    }

    Event pollFirst() {
        if (size == 0) {
            return null;
        }
        Event first = events[head];
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        size--;
        return first;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(events, null);
        head = 0;
        size = 0;
    }

    private void grow() {
        int length = events.length;
        Event[] grownEvents = new Event[length * 2];
        long[] grownStamps = new long[length * 2];
        int firstPart = length - head;
        System.arraycopy(events, head, grownEvents, 0, firstPart);
        System.arraycopy(events, 0, grownEvents, firstPart, head);
        System.arraycopy(stamps, head, grownStamps, 0, firstPart);
        System.arraycopy(stamps, 0, grownStamps, firstPart, head);
        events = grownEvents;
        stamps = grownStamps;
        head = 0;
    }
}
