package io.happysim.components.queueing;

import static io.happysim.components.queueing.ManualContext.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RED's drop rule: no early drops below min, all at max, and between them pa = pb/(1 − count·pb). */
class RedQueueTest {
    /** Weight 1: the average is the length before each arrival, so the tests set it exactly. */
    private static RedQueue red(long seed) {
        RedQueue red = RedQueue.builder(2, 6).maxProbability(0.5).weight(1).capacity(10).build();
        red.attach(new ManualContext(seed));
        return red;
    }

    @Test
    void belowTheMinimumNothingIsRefused() {
        RedQueue red = red(1);
        for (int i = 0; i < 1000; i++) {
            assertTrue(red.offer(request(i)), "average " + red.averageLength());
            if (red.size() == 2) {
                red.poll();
            }
        }
        assertEquals(0L, red.stats().get("dropped"));
    }

    @Test
    void atTheMaximumEveryArrivalIsRefusedAsForced() {
        RedQueue red = red(1);
        for (int i = 0; i < 6; i++) {
            red.offer(request(i));   // lengths 0..5 before these arrivals: a few may be refused early
        }
        while (red.size() < 6) {
            red.offer(request(99));
        }
        long earlyBefore = (Long) red.stats().get("dropped_probabilistic");
        for (int i = 0; i < 100; i++) {
            assertFalse(red.offer(request(100 + i)));
            assertEquals("dropped early by RED", red.refusalReason());
        }
        assertEquals(100L, red.stats().get("dropped_forced"));
        assertEquals(earlyBefore, red.stats().get("dropped_probabilistic"));
    }

    /**
     * At average 4 between min 2 and max 6 with max probability 0.5, pb = (4−2)/(6−2)·0.5 = 0.25.
     * With pa = pb/(1 − count·pb) the gap between refusals (arrivals, the refused one included) is
     * uniform on 1..4, so its mean is 2.5 and the refused fraction 1/2.5 = 0.4.
     */
    @Test
    void betweenTheThresholdsRefusalsAreSpreadUniformly() {
        double pb = 0.25;
        long[] gapCounts = new long[6];
        long offers = 0;
        long refusals = 0;
        for (long seed = 1; seed <= 3; seed++) {
            RedQueue red = red(seed);
            while (red.size() < 4) {
                red.offer(request(0));   // below the minimum until 2, then possibly refused: retry
            }
            int gap = 0;
            boolean afterFirstRefusal = false;
            for (int i = 0; i < 100_000; i++) {
                offers++;
                gap++;
                if (red.offer(request(i))) {
                    red.poll();          // back to length 4 before the next arrival
                } else {
                    refusals++;
                    if (afterFirstRefusal) {
                        gapCounts[Math.min(gap, 5)]++;
                    }
                    afterFirstRefusal = true;
                    gap = 0;
                }
            }
        }
        assertEquals(0, gapCounts[5], "a gap never exceeds 1/pb = 4");
        long gaps = gapCounts[1] + gapCounts[2] + gapCounts[3] + gapCounts[4];
        for (int k = 1; k <= 4; k++) {
            assertEquals(pb, gapCounts[k] / (double) gaps, 0.03 * pb, "P(gap = " + k + ")");
        }
        assertEquals(1 / 2.5, refusals / (double) offers, 0.03 * 0.4, "refused fraction");
    }

    @Test
    void theAverageFollowsTheLengthWithTheGivenWeight() {
        RedQueue red = RedQueue.builder(50, 100).weight(0.5).build();
        red.attach(new ManualContext());
        red.offer(request(1));   // avg = 0.5·0 + 0.5·0 = 0
        red.offer(request(2));   // avg = 0.5·0 + 0.5·1 = 0.5
        red.offer(request(3));   // avg = 0.5·0.5 + 0.5·2 = 1.25
        assertEquals(1.25, red.averageLength(), 1e-12);
        assertEquals(200, red.capacity(), "capacity defaults to twice the max threshold");
    }

    @Test
    void aFullQueueRefusesAsFullNotAsEarly() {
        RedQueue red = RedQueue.builder(50, 100).capacity(100).build();
        red.attach(new ManualContext());
        for (int i = 0; i < 100; i++) {
            assertTrue(red.offer(request(i)), "the slow average stays below the minimum");
        }
        assertFalse(red.offer(request(100)));
        assertEquals("queue full", red.refusalReason());
        assertEquals(1L, red.stats().get("capacity_rejected"));
        assertEquals(0L, red.stats().get("dropped"));
    }
}
