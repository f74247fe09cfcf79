package io.happysim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    private final Scripted target = new Scripted("T");
    private long sequence;

    private Event event(long timeNanos, boolean daemon) {
        Event e = new Event(timeNanos, "x", target, daemon, null);
        e.sequence = sequence++;
        return e;
    }

    @Test
    void popsByTimeThenSequence() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(7);
        List<Event> pushed = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Event e = event(random.nextLong(50), false);
            pushed.add(e);
            queue.push(e);
        }
        pushed.sort(Comparator.comparingLong(Event::timeNanos).thenComparingLong(Event::sequence));
        for (Event expected : pushed) {
            assertSame(expected, queue.peekLive());
            assertSame(expected, queue.pop());
        }
        assertNull(queue.peekLive());
    }

    @Test
    void cancelledEventsAreSkippedAndStopCountingAsPrimaryAtOnce() {
        EventQueue queue = new EventQueue();
        Event first = event(1, false);
        Event second = event(2, false);
        Event daemon = event(3, true);
        queue.push(first);
        queue.push(second);
        queue.push(daemon);
        assertEquals(2, queue.primaryCount());
        first.cancel();
        assertEquals(1, queue.primaryCount());
        assertEquals(3, queue.size(), "lazy deletion: still in the heap");
        assertSame(second, queue.peekLive());
        assertEquals(2, queue.size());
        queue.pop();
        assertEquals(0, queue.primaryCount());
        assertSame(daemon, queue.pop());
        assertEquals(0, queue.primaryCount());
    }

    @Test
    void peekListsTheNextEventsInPopOrderWithoutRemovingThem() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            queue.push(event(random.nextLong(1_000), false));
        }
        List<Event> peeked = queue.peek(10);
        assertEquals(200, queue.size());
        for (Event expected : peeked) {
            assertSame(expected, queue.pop());
        }
    }

    @Test
    void peekSkipsCancelledEvents() {
        EventQueue queue = new EventQueue();
        Event a = event(1, false);
        Event b = event(2, false);
        Event c = event(3, false);
        queue.push(a);
        queue.push(b);
        queue.push(c);
        b.cancel();
        assertEquals(List.of(a, c), queue.peek(5));
    }
}
