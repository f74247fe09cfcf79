package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeWeightedTest {
    private static final long S = 1_000_000_000L;

    @Test
    void weighsEachLevelByHowLongItLasted() {
        TimeWeighted queue = new TimeWeighted();
        queue.restart(0, 0);
        queue.set(0, 2);        // 2 for 1 s
        queue.set(S, 0);        // 0 for 2 s
        queue.set(3 * S, 5);    // 5 for 1 s
        assertEquals((2 + 0 + 5) / 4.0, queue.mean(4 * S), 1e-12);
        assertEquals(5, queue.level());
    }

    @Test
    void aWarmUpIsLeftOut() {
        TimeWeighted busy = new TimeWeighted();
        busy.restart(0, 2 * S);
        busy.set(0, 10);        // during the warm-up: not counted
        busy.set(3 * S, 1);     // 10 for [2, 3), 1 for [3, 4)
        assertEquals((10 + 1) / 2.0, busy.mean(4 * S), 1e-12);
        TimeWeighted early = new TimeWeighted();
        early.restart(0, 5 * S);
        early.set(0, 10);
        assertEquals(10, early.mean(S), "nothing counted yet: the level");
    }
}
