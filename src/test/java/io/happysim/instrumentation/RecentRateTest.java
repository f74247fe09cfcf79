package io.happysim.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecentRateTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsTheMarksOfTheLastWindowPerSecond() {
        RecentRate rate = new RecentRate(1.0);
        for (int i = 0; i < 50; i++) {
            rate.mark(i * 20 * MS);           // 50/s for the first second
        }
        assertEquals(50.0, rate.perSecond(999 * MS), 1e-9);
        assertEquals(0.0, rate.perSecond(2_000 * MS), 1e-9, "a second later nothing is recent");
        rate.mark(2_500 * MS, 3);
        assertEquals(3.0, rate.perSecond(2_600 * MS), 1e-9);
    }

    @Test
    void aSteadyRateReadsTheSameAtASlotBoundaryAsMidSlot() {
        RecentRate rate = new RecentRate(1.0);
        for (int i = 0; i < 400; i++) {
            rate.mark(i * 10 * MS + 5 * MS);      // 100/s, one every 10 ms
        }
        assertEquals(100.0, rate.perSecond(4_000 * MS), 1e-9, "at a whole second (a first version read 90)");
        for (int i = 400; i < 406; i++) {
            rate.mark(i * 10 * MS + 5 * MS);
        }
        assertEquals(100.0, rate.perSecond(4_055 * MS), 0.5 + 1e-9, "mid-slot, the oldest slot pro-rated");
    }

    @Test
    void aLongerWindowAverages() {
        RecentRate rate = new RecentRate(10.0);
        for (int i = 0; i < 100; i++) {
            rate.mark(i * 100 * MS);          // 10/s for 10 s
        }
        assertEquals(10.0, rate.perSecond(9_999 * MS), 1e-9);
        rate.clear();
        assertEquals(0.0, rate.perSecond(9_999 * MS), 1e-9);
    }
}
