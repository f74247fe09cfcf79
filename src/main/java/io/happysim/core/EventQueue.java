package io.happysim.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pending events: a binary min-heap on (time, sequence), hand-rolled over an array so the hot
 * path neither boxes keys nor allocates. Cancelled events are deleted lazily (skipped on pop) but
 * stop counting as "primary" at once, so they cannot keep an endless simulation alive.
 */
final class EventQueue {
    private Event[] heap = new Event[64];
    private int size;
    private int primaryCount;

    /** Pending events, cancelled ones included until they are popped. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Pending non-daemon, non-cancelled events: while there are none, an endless simulation is done. */
    int primaryCount() {
        return primaryCount;
    }

    void push(Event event) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        event.queue = this;
        if (!event.isDaemon() && !event.isCancelled()) {
            primaryCount++;
        }
        siftUp(size++, event);
    }

    /** The earliest live event without removing it, discarding cancelled events on the way; null if none. */
    Event peekLive() {
        while (size > 0) {
            Event top = heap[0];
            if (!top.isCancelled()) {
                return top;
            }
            removeTop();
        }
        return null;
    }

    /** Removes and returns the earliest event (which the caller has just peeked). */
    Event pop() {
        Event top = removeTop();
        if (!top.isDaemon() && !top.isCancelled()) {
            primaryCount--;
        }
        return top;
    }

    private Event removeTop() {
        Event top = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        top.queue = null;
        return top;
    }

    void onCancelled(Event event) {
        if (!event.isDaemon()) {
            primaryCount--;
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].queue = null;
            heap[i] = null;
        }
        size = 0;
        primaryCount = 0;
    }

    /**
     * The next {@code n} live events in the order they will be popped, without disturbing the heap:
     * a best-first walk of the heap tree from the root, so it costs O(n log n), not O(size).
     */
    List<Event> peek(int n) {
        List<Event> result = new ArrayList<>(Math.min(n, size));
        int[] frontier = new int[16];
        int frontierSize = 0;
        if (size > 0) {
            frontier[frontierSize++] = 0;
        }
        while (frontierSize > 0 && result.size() < n) {
            int best = 0;
            for (int i = 1; i < frontierSize; i++) {
                if (less(heap[frontier[i]], heap[frontier[best]])) {
                    best = i;
                }
            }
            int index = frontier[best];
            frontier[best] = frontier[--frontierSize];
            if (!heap[index].isCancelled()) {
                result.add(heap[index]);
            }
            for (int child = 2 * index + 1; child <= 2 * index + 2 && child < size; child++) {
                if (frontierSize == frontier.length) {
                    frontier = Arrays.copyOf(frontier, frontierSize * 2);
                }
                frontier[frontierSize++] = child;
            }
        }
        return result;
    }

    /** The live events matching {@code test}, in the order they would be popped (O(size): for rare actions such as a crash). */
    List<Event> liveWhere(java.util.function.Predicate<Event> test) {
        List<Event> matches = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Event event = heap[i];
            if (!event.isCancelled() && test.test(event)) {
                matches.add(event);
            }
        }
        matches.sort(EventQueue::compare);
        return matches;
    }

    private static int compare(Event a, Event b) {
        return less(a, b) ? -1 : less(b, a) ? 1 : 0;
    }

    private static boolean less(Event a, Event b) {
        return a.timeNanos < b.timeNanos || (a.timeNanos == b.timeNanos && a.sequence < b.sequence);
    }

    private void siftUp(int index, Event event) {
        Event[] h = heap;
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Event p = h[parent];
            if (!less(event, p)) {
                break;
            }
            h[index] = p;
            index = parent;
        }
        h[index] = event;
    }

    private void siftDown(int index, Event event) {
        Event[] h = heap;
        int n = size;
        int half = n >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            Event c = h[child];
            int right = child + 1;
            if (right < n && less(h[right], c)) {
                child = right;
                c = h[child];
            }
            if (!less(c, event)) {
                break;
            }
            h[index] = c;
            index = child;
        }
        h[index] = event;
    }
}
