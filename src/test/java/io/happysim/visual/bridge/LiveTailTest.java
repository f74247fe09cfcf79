package io.happysim.visual.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveTailTest {

    @Test
    void aWatcherGetsWhatCameAfterItsLastRecord() {
        LiveTail<String> tail = new LiveTail<>(10);
        tail.add("a");
        tail.add("b");
        tail.add("c");
        LiveTail.Slice<String> slice = tail.since(1, 500);
        assertEquals(List.of("b", "c"), slice.items());
        assertEquals(0, slice.dropped());
        assertEquals(3, slice.lastId());
        assertEquals(List.of(), tail.since(3, 500).items());
    }

    @Test
    void onlyTheNewestMaxAreSentAndTheRestAreCountedAsDropped() {
        LiveTail<Integer> tail = new LiveTail<>(1000);
        for (int i = 1; i <= 800; i++) {
            tail.add(i);
        }
        LiveTail.Slice<Integer> slice = tail.since(100, 500);
        assertEquals(500, slice.items().size());
        assertEquals(301, slice.items().get(0));
        assertEquals(800, slice.items().get(499));
        assertEquals(200, slice.dropped());
    }

    @Test
    void aWatcherBehindTheCapacityIsToldHowManyItMissed() {
        LiveTail<Integer> tail = new LiveTail<>(5);
        for (int i = 1; i <= 12; i++) {
            tail.add(i);
        }
        LiveTail.Slice<Integer> slice = tail.since(0, 500);
        assertEquals(List.of(8, 9, 10, 11, 12), slice.items());
        assertEquals(7, slice.dropped());
        assertEquals(List.of(11, 12), tail.newest(2).items());
    }

    @Test
    void clearStartsNumberingAgain() {
        LiveTail<String> tail = new LiveTail<>(3);
        tail.add("x");
        tail.clear();
        assertEquals(0, tail.lastId());
        tail.add("y");
        assertEquals(List.of("y"), tail.since(0, 10).items());
    }
}
