package io.happysim.components.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateProfileTest {
    private static final double EXACT = 1e-9;

    @Test
    void constantRateAccumulatesLinearly() {
        RateProfile constant = RateProfile.constant(20);
        assertEquals(0.05, constant.timeToAccumulate(0, 1), EXACT);
        assertEquals(3.1, constant.timeToAccumulate(3, 2), EXACT);
        assertEquals(Double.POSITIVE_INFINITY, RateProfile.constant(0).timeToAccumulate(0, 1));
    }

    @Test
    void burstAlternatesHighAndLowAndRepeats() {
        PiecewiseProfile burst = RateProfile.burst(20, 2, 5, 3);
        assertEquals(20, burst.rateAt(0));
        assertEquals(20, burst.rateAt(1.999));
        assertEquals(5, burst.rateAt(2.0));
        assertEquals(20, burst.rateAt(5.0));
        assertEquals(5, burst.rateAt(59.5));
        assertEquals(2.0, burst.timeToAccumulate(0, 40), EXACT);
        assertEquals(2.2, burst.timeToAccumulate(0, 41), EXACT);
        assertEquals(5.0, burst.timeToAccumulate(0, 55), EXACT);
        assertEquals(5.05, burst.timeToAccumulate(0, 56), EXACT);
        assertEquals(60.0, burst.timeToAccumulate(0, 660), 1e-9, "12 cycles of 55 arrivals");
        assertEquals(50.05, burst.timeToAccumulate(0, 551), 1e-9);
        assertEquals(7.0, burst.timeToAccumulate(4.8, 41), 1e-9, "1 left in the low phase, then 40 in the high one");
    }

    @Test
    void linearRampSolvesTheQuadraticThenHoldsTheEndRate() {
        PiecewiseProfile ramp = RateProfile.linearRamp(10, 0, 10);
        assertEquals(5, ramp.rateAt(5), EXACT);
        assertEquals(10, ramp.rateAt(50), EXACT);
        assertEquals(2, ramp.timeToAccumulate(0, 2), EXACT, "t²/2 = 2");
        assertEquals(10, ramp.timeToAccumulate(0, 50), EXACT);
        assertEquals(11, ramp.timeToAccumulate(0, 60), EXACT);
        PiecewiseProfile falling = RateProfile.linearRamp(10, 10, 0);
        assertEquals(10 - Math.sqrt(50), falling.timeToAccumulate(0, 25), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, falling.timeToAccumulate(0, 51));
    }

    @Test
    void spikeRaisesTheRateForItsDuration() {
        PiecewiseProfile spike = RateProfile.spike(10, 150, 10, 15);
        assertEquals(10, spike.rateAt(9.9));
        assertEquals(150, spike.rateAt(10));
        assertEquals(150, spike.rateAt(24.9));
        assertEquals(10, spike.rateAt(25));
        assertEquals(10 + 1.0 / 150, spike.timeToAccumulate(10, 1), EXACT);
    }

    @Test
    void numericIntegrationOfAnyProfileAgreesWithTheClosedForm() {
        PiecewiseProfile closedForm = RateProfile.piecewise().ramp(15, 5, 30).hold(30, 30).hold(15, 80).ramp(15, 80, 20)
                .thenConstant(20);
        RateProfile numeric = closedForm::rateAt;
        double exact = 0;
        double approximate = 0;
        for (int arrival = 0; arrival < 3000; arrival++) {
            exact = closedForm.timeToAccumulate(exact, 1);
            approximate = numeric.timeToAccumulate(approximate, 1);
            assertEquals(exact, approximate, 1e-7, "arrival " + arrival);
        }
        assertTrue(exact > 60, "the walk crossed every segment, jumps included");
    }

    @Test
    void numericIntegrationGivesUpOnARateThatStaysZero() {
        RateProfile off = t -> 0.0;
        assertEquals(Double.POSITIVE_INFINITY, off.timeToAccumulate(0, 1));
        RateProfile late = t -> t < 100 ? 0.0 : 2.0;
        assertEquals(100.5, late.timeToAccumulate(0, 1), 1e-6);
    }
}
